import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { CliIo } from '../../lib/cli/io';
import { AwsStack, SegmentedNetwork } from '../../lib/aws';
import { TopologyDiagram } from '../../lib/platform/diagram';
import { appIn } from '../platform/helpers/outdir';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    writeFile: () => undefined,
    env: {},
    isTTY: false,
    cwd: process.cwd(),
  };
  return { code: main(argv, io), stdout, stderr };
}

const FIXTURES = path.resolve(__dirname, '../placement/fixtures');

describe('aira plan-topology', () => {
  test('prints the plan of a demands file, as text and as JSON', () => {
    const text = run(['plan-topology', path.join(FIXTURES, 'demands.yaml')]);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/\S/);
    const json = run(['plan-topology', path.join(FIXTURES, 'demands.json'), '--format', 'json']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout);
    expect(Array.isArray(plan.placements)).toBe(true);
    expect(plan.placements.length).toBeGreaterThan(0);
    for (const p of plan.placements) expect(p).toMatchObject({ cloud: expect.any(String), region: expect.any(String), sku: expect.any(String) });
  });

  test('an infeasible demand is one line on stderr with its code, exit 2', () => {
    const r = run(['plan-topology', path.join(FIXTURES, 'infeasible.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('AIRA_E_PLACEMENT_INFEASIBLE');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a missing file or no file is a usage error, exit 2', () => {
    expect(run(['plan-topology']).code).toBe(2);
    const missing = run(['plan-topology', path.join(FIXTURES, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('aira diagram', () => {
  test('prints the Mermaid topology of a synthesized cdktf.out', () => {
    const { app, dir } = appIn('cli-diagram');
    const stack = new AwsStack(app, 'drawn', { region: 'us-east-1' });
    const net = new SegmentedNetwork(stack, 'net', { cidr: '10.60.0.0/16', zones: ['us-east-1a', 'us-east-1b'] });
    net.allow('management', 'training', 443, 'job submission from the management plane');
    TopologyDiagram.of(stack, { level: 2 });
    app.synth();
    const r = run(['diagram', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(dir, 'aira-topology.md'), 'utf8'));
    expect(r.stdout).toContain('```mermaid');
    expect(r.stdout).toContain('job submission from the management plane');
  });

  test('a folder that is not a synth output is one line on stderr, exit 2', () => {
    const r = run(['diagram', path.join(FIXTURES, 'demands.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AIRA_E_INVALID_PROP');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
