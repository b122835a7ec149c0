/**
 * `npm run bench`: the performance budgets, measured on this machine. Prints one JSON line per
 * measurement and one per budget check (`"within": true|false`). Figures are medians of fresh-process
 * runs; the machine is noisy, so compare ratios measured in the same run.
 *
 * Usage: node dist/scripts/bench.js [--runs N]
 */
import * as fs from 'fs';
import * as path from 'path';
import { Measurement, ROOT, measureNode, measurePhases } from './bench/measure';
import { placementBench } from './bench/placement-bench';
import { policyBench } from './bench/policy-bench';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const out = path.join(ROOT, '.tmp', 'bench-out');
const NETWORK_EXAMPLE_STACKS = ['network-aws', 'network-azure', 'network-gcp'];

function emit(x: object): void {
  process.stdout.write(`${JSON.stringify(x)}\n`);
}

function synthBudget(): void {
  const env = { CDKTF_OUTDIR: out };
  fs.rmSync(out, { recursive: true, force: true });
  const baseline = measureNode('synth-empty-app-baseline', 'dist/scripts/bench/empty-app.js', [], RUNS, env);
  const examples = measureNode('synth-all-examples', 'dist/examples/main.js', [], RUNS, env);
  [baseline, examples].forEach(emit);
  const ratio = examples.wallMs / baseline.wallMs;
  emit({ budget: 'synth-all-examples wall <= 2x baseline', ratio: Number(ratio.toFixed(2)), within: ratio <= 2 });
  emit({ budget: 'synth-all-examples peak RSS < 300 MB', peakRssMb: examples.peakRssMb, within: examples.peakRssMb < 300 });
  // Where the time goes. cdktf's own synth (resolving and writing the stacks) of these resources is
  // work no construct library can skip: with the baseline it bounds the ratio from below.
  const phases = measurePhases('synth-all-examples-phases', 'dist/scripts/bench/synth-phases.js', RUNS, env);
  emit(phases);
  emit({ figure: 'baseline + cdktf synth phase alone, against the baseline', ratio: Number(((baseline.wallMs + phases.phases.synthMs) / baseline.wallMs).toFixed(2)) });
  // The foundation's three network examples (scripts/bench/network-examples.ts) against an empty app
  // with the same three stacks.
  const netBase = measureNode('synth-empty-app-network-stacks', 'dist/scripts/bench/empty-app.js', NETWORK_EXAMPLE_STACKS, RUNS, env);
  const nets = measureNode('synth-network-examples', 'dist/scripts/bench/network-examples.js', [], RUNS, env);
  [netBase, nets].forEach(emit);
  const netRatio = nets.wallMs / netBase.wallMs;
  emit({ budget: 'synth-network-examples wall <= 2x baseline', ratio: Number(netRatio.toFixed(2)), within: netRatio <= 2 });
}

/** Extra measurements registered by later parts of the project (policy engine, optimizer). */
const extras: Array<(runs: number) => Measurement[]> = [policyBench, placementBench];

synthBudget();
for (const extra of extras) extra(RUNS).forEach(emit);
