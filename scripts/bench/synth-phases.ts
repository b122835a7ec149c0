/**
 * Where the synth of all examples spends its time, in one process: `loadMs` (Node start-up and loading
 * cdktf, the providers' resource modules and the library), `buildMs` (the examples' constructs: the
 * library's code and the provider classes it instantiates) and `synthMs` (cdktf's `app.synth()`: its
 * preparing resolve of every stack, the final resolve, the policy guards and writing `cdktf.out/`).
 * Run as runApp runs the examples (token traces off). Prints one JSON line.
 */
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import { withTokenTracesOff } from '../../lib/core/run';
import { buildExamples } from '../../examples/main';

const loaded = performance.now();
let built = 0;
withTokenTracesOff(() => {
  const app = new App();
  buildExamples(app);
  built = performance.now();
  app.synth();
});
const done = performance.now();
process.stdout.write(`${JSON.stringify({ loadMs: Math.round(loaded), buildMs: Math.round(built - loaded), synthMs: Math.round(done - built) })}\n`);
