/**
 * `npm run synth`: synthesizes every reference example into `cdktf.out/` and prints one line per stack.
 * The app runs in its own process, exactly as `cdktf synth` runs it (the command in cdktf.json), into a
 * temporary folder that replaces `cdktf.out/` only when synth succeeds: a failed synth leaves the
 * previous output whole and no partial one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { summarizeOutdir } from './synth-summary';

const root = path.join(__dirname, '..', '..');
const outdir = path.join(root, 'cdktf.out');
const staging = path.join(root, '.tmp', `synth-${process.pid}`);
const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app as string;

fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(path.dirname(staging), { recursive: true });
const [cmd, ...args] = app.split(' ');
const run = spawnSync(cmd === 'node' ? process.execPath : cmd, args, {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CDKTF_OUTDIR: staging, CHECKPOINT_DISABLE: '1' },
});
if (run.status !== 0) {
  fs.rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`synth failed (exit ${run.status ?? run.signal}); ${path.relative(root, outdir)}/ left unchanged\n`);
  process.exit(1);
}
fs.rmSync(outdir, { recursive: true, force: true });
fs.renameSync(staging, outdir);
for (const line of summarizeOutdir(outdir)) process.stdout.write(`${line}\n`);
