import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const work = path.join(root, '.tmp', 'synth-output-test');

/** Runs the compiled examples app (the command in cdktf.json) into a folder. */
function synthInto(outdir: string, env: Record<string, string> = {}): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  execFileSync(process.execPath, ['dist/examples/main.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env }, stdio: 'pipe' });
}

/** Every file under a folder, relative path -> bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => fs.mkdirSync(work, { recursive: true }));

describe('synthesized output of the examples', () => {
  test('is byte-identical across two runs', () => {
    synthInto(path.join(work, 'a'));
    synthInto(path.join(work, 'b'));
    const a = files(path.join(work, 'a'));
    const b = files(path.join(work, 'b'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
    for (const [name, bytes] of a) expect({ name, same: bytes.equals(b.get(name)!) }).toEqual({ name, same: true });
  });

  test('`npx cdktf synth` (cdktf.json) writes the same stacks as the app run directly', () => {
    synthInto(path.join(work, 'direct'));
    const cli = path.join(work, 'cli');
    fs.rmSync(cli, { recursive: true, force: true });
    const bin = path.join(root, 'node_modules', '.bin', 'cdktf');
    const run = spawnSync(bin, ['synth', '--output', cli], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const direct = files(path.join(work, 'direct', 'stacks'));
    const viaCli = files(path.join(cli, 'stacks'));
    expect([...viaCli.keys()]).toEqual([...direct.keys()]);
    for (const [name, bytes] of direct) expect({ name, same: bytes.equals(viaCli.get(name)!) }).toEqual({ name, same: true });
  }, 120000);

  test('a bad input fails the app with one line naming the code and no stack trace, and writes nothing', () => {
    const outdir = path.join(work, 'bad');
    fs.rmSync(outdir, { recursive: true, force: true });
    const script = `
      const { runApp } = require('./dist/lib/core/run');
      const { AwsStack, SegmentedNetwork } = require('./dist/lib/aws');
      runApp((app) => {
        const stack = new AwsStack(app, 's', { region: 'us-east-1' });
        new SegmentedNetwork(stack, 'net', { cidr: '10.0.0.0/25', zones: ['us-east-1a'] });
      });
    `;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^AIRA_E_CIDR_TOO_SMALL: s\/net: 10\.0\.0\.0\/25 .* Fix: /)]);
    // cdktf's App creates the empty folders; no file may be written.
    expect(fs.existsSync(outdir) ? [...files(outdir).keys()] : []).toEqual([]);
  });

  test('the remote-state switch puts an S3 backend with locking in every AWS stack', () => {
    const outdir = path.join(work, 's3');
    synthInto(outdir, { AIRA_STATE_BACKEND: 's3', AIRA_STATE_BUCKET: 'acme-tfstate', AIRA_STATE_REGION: 'us-east-1' });
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'network-aws', 'cdk.tf.json'), 'utf8'));
    expect(stack.terraform.backend).toEqual({ s3: { bucket: 'acme-tfstate', key: 'aira/network-aws.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
  });

  test.each([
    [{ AIRA_STATE_BACKEND: 's3', AIRA_STATE_REGION: 'us-east-1' }, /^AIRA_E_MISSING_PROP: AIRA_STATE_BACKEND=s3: AIRA_STATE_BUCKET is not set\. Fix: /],
    [{ AIRA_STATE_BACKEND: 'consul' }, /^AIRA_E_INVALID_PROP: AIRA_STATE_BACKEND: "consul" is not a state backend\. Fix: /],
  ])('a bad remote-state switch %j is one line with its code, exit 1', (env, expected) => {
    const outdir = path.join(work, 'bad-backend');
    fs.rmSync(outdir, { recursive: true, force: true });
    const run = spawnSync(process.execPath, ['dist/examples/main.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(expected)]);
  });
});
