/**
 * `aira estimate`: on the project's own examples (synthesized here), on real plans written by other
 * projects (read in place from the shared fixtures), on standard input; formats, output file, errors.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { buildExamples } from '../../examples/main';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { HELP, main } from '../../lib/cli';
import { parseArgs } from '../../lib/cli/args';
import { SPECS as CHECK_SPECS } from '../../lib/cli/check';
import { SPECS as ESTIMATE_SPECS } from '../../lib/cli/estimate';
import { parseOptionPairs } from '../../lib/policy/options';
import { CliIo } from '../../lib/cli/io';
import { FIXTURES, HAVE_FIXTURES, synthDoc } from '../policy/helpers/docs';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

function run(argv: string[], stdin = ''): Run {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => stdin, writeFile: (f, t) => void files.set(f, t), env: {}, isTTY: false, cwd: process.cwd() };
  return { code: main(argv, io), stdout, stderr, files };
}

const outdir = path.resolve(__dirname, '../../.tmp/estimate-cli-test');

beforeAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  buildExamples(app);
  app.synth();
}, 120000);

describe('aira estimate on the examples', () => {
  test('text: every stack, pools at their maximum size with hand-checkable figures, sources, the disclaimer', () => {
    const r = run(['estimate', outdir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of EXAMPLE_STACKS) expect(r.stdout).toContain(`Stack ${s.name} (`);
    // compute-aws h100: 4 x p5.48xlarge in us-east-2: 4 x 55.04 = 220.16 per hour, x 730 = 160,716.80;
    // 4 x 10.2 = 40.8 kWh; x 410.6 g/kWh = 16.75 kg.
    expect(r.stdout).toMatch(/aws_autoscaling_group\.h100_scaling_group_\w+\s+p5\.48xlarge\s+us-east-2\s+4\s+220\.16\s+160,716\.80\s+40\.80\s+16\.75\s+\[1\] \[2\] \[3\]/);
    // compute-azure: instances 0, autoscale maximum 8: 8 x 98.32 = 786.56 per hour.
    expect(r.stdout).toMatch(/azurerm_linux_virtual_machine_scale_set\.h100_nodes_vmss_\w+\s+Standard_ND96isr_H100_v5\s+eastus\s+8\s+786\.56\s+574,188\.80/);
    // compute-gcp TPU slice: 2 x ct5p-hightpu-4t = 33.60 per hour; 4 kWh x 343.48 g = 1.37 kg.
    expect(r.stdout).toMatch(/google_container_node_pool\.v5p_slice_pool_\w+\s+ct5p-hightpu-4t\s+us-east5\s+2\s+33\.60\s+24,528\.00\s+4\.00\s+1\.37/);
    // p5e has no public on-demand price: unknown, and the stack total is a lower bound.
    expect(r.stdout).toContain('cost unknown: the catalog has no public on-demand price for p5e.48xlarge');
    expect(r.stdout).toMatch(/Stack total \(4 pools\)\s+>= 584\.13\s+>= 426,413\.16/);
    expect(r.stdout).toMatch(/aws_eks_node_group\.platform_scheduler_system_\w+: m7i\.large is neither in the catalog nor an accelerator SKU/);
    expect(r.stdout).toContain('[1] price of p5.48xlarge: USD 55.04 per node-hour, on-demand list price in us-east-1 (reference region), as of 2026-01-19: https://aws.amazon.com/ec2/pricing/on-demand/');
    expect(r.stdout).toContain('Estimates, not quotes.');
    expect(run(['estimate', outdir]).stdout).toBe(r.stdout);
  });

  test('json: one entry per stack, every known figure with its source and date', () => {
    const report = JSON.parse(run(['estimate', outdir, '--format', 'json']).stdout);
    expect(report.stacks.map((s: { stack: string }) => s.stack).sort()).toEqual(EXAMPLE_STACKS.map((s) => s.name).sort());
    const pools = report.stacks.flatMap((s: { pools: unknown[] }) => s.pools);
    expect(pools.length).toBeGreaterThan(20);
    for (const p of pools) {
      for (const f of [p.cost, p.energy, p.emissions]) {
        if (f.known) expect(f).toEqual(expect.objectContaining({ asOf: expect.stringMatching(/^\d{4}/), source: expect.stringMatching(/^https:\/\//) }));
        else expect(f.reason).toMatch(/\w/);
      }
    }
    expect(pools.filter((p: { cost: { known: boolean } }) => !p.cost.known).map((p: { sku: string }) => p.sku)).toEqual(['p5e.48xlarge']);
    expect(report.disclaimer).toContain('Estimates, not quotes.');
  });

  test('markdown to a file: nothing on stdout, the table and the disclaimer in the file', () => {
    const r = run(['estimate', outdir, '--format', 'markdown', '--output', 'estimate.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const [file, text] = [...r.files][0];
    expect(path.basename(file)).toBe('estimate.md');
    expect(text).toContain('| Pool | SKU | Region | Max nodes | USD/hour | USD/month | kWh/hour | kgCO2e/hour | Sources |');
    expect(text).toContain('## Stack `compute-azure`');
    expect(text).toContain('> Estimates, not quotes.');
  });
});

describe('pack aira-cost-carbon on the examples', () => {
  test('at default options (no budgets): no fail, no unknown, exit 0', () => {
    const r = run(['check', outdir, '--pack', 'aira-cost-carbon', '--format', 'json']);
    expect(r.code).toBe(0);
    const byStatus = JSON.parse(r.stdout).summary.byStatus;
    expect([byStatus.fail, byStatus.unknown, byStatus.error]).toEqual([0, 0, 0]);
    expect(byStatus.not_applicable).toBeGreaterThan(0);
  });

  test('with a stack budget: the stacks over it fail, once each', () => {
    const r = run(['check', outdir, '--pack', 'aira-cost-carbon', '--option', 'maxMonthlyUsd=250000', '--format', 'json']);
    expect(r.code).toBe(1);
    const failing = JSON.parse(r.stdout).results.filter((x: { ruleId: string; status: string }) => x.ruleId === 'AIRA-CST-002' && x.status === 'fail');
    // compute-aws >= 426,413.16, compute-azure 574,188.80, compute-gcp 295,912.80 per month; the others are under.
    expect(failing.map((x: { file: string }) => path.basename(path.dirname(x.file))).sort()).toEqual(['compute-aws', 'compute-azure', 'compute-gcp']);
  });
});

describe('aira estimate on other inputs', () => {
  test('standard input', () => {
    const doc = synthDoc({ aws_eks_node_group: { g: { instance_types: ['p5.48xlarge'], scaling_config: { min_size: 0, desired_size: 0, max_size: 1 } } } });
    const r = run(['estimate', '-'], JSON.stringify(doc));
    expect(r.code).toBe(0);
    // No subnet in the input: the region and so the emissions are unknown, the cost is not.
    expect(r.stdout).toMatch(/aws_eks_node_group\.g\s+p5\.48xlarge\s+unknown\s+1\s+55\.04\s+40,179\.20\s+10\.20\s+unknown/);
    expect(r.stdout).toContain('aws_eks_node_group.g: emissions unknown: no subnet zone or availability_zones in this input');
  });

  (HAVE_FIXTURES ? test : test.skip)('real plans of other projects: CPU pools not estimated, an accelerator pool with an unknown machine type reported as unknown', () => {
    const plans = path.join(FIXTURES, 'plans');
    const r = run(['estimate', path.join(plans, 'GoogleCloudPlatform__terraform-validator__testdata__templates__full_container_node_pool.tfplan.json'), path.join(plans, 'open-policy-agent__conftest__examples__hcl1__gke-show.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('google_container_node_pool.full_list_default_1: cost, energy, emissions unknown: the catalog does not know test-machine_type');
    expect(r.stdout).toContain('google_container_node_pool.primary_preemptible_nodes: n1-standard-1 is neither in the catalog nor an accelerator SKU');
  });

  test.each([
    ['no input', ['estimate'], 'aira estimate: AIRA_E_POLICY_USAGE: estimate: no input given. Fix: pass a cdktf.out/ directory, a cdk.tf.json, a plan JSON or - for stdin\n'],
    ['a bad format', ['estimate', 'x.json', '--format', 'sarif'], 'aira estimate: AIRA_E_POLICY_USAGE: estimate: --format must be one of text, json, markdown (got "sarif")'],
    ['a missing file', ['estimate', 'no-such-plan.json'], 'aira estimate: AIRA_E_POLICY_UNREADABLE_INPUT: no-such-plan.json'],
  ])('%s: exit 2, one line with the code', (_n, argv, start) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(start)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('help: the command is listed, its help has an example and the estimates statement', () => {
    expect(HELP).toContain('estimate <path>   estimate the cost, energy and emissions of accelerator pools at maximum size');
    const help = run(['estimate', '--help']).stdout;
    expect(help).toContain('aira estimate cdktf.out --format markdown --output estimate.md');
    expect(help).toContain('List prices and grid intensities are estimates');
  });
});

describe('the README section "Cost and carbon estimates"', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Cost and carbon estimates'), readme.indexOf('## Compliance views'));

  test('its command lines parse with the CLI\'s own option specs', () => {
    const lines = [...section.matchAll(/^npx aira (estimate|check) (.*?)(?:\s+#.*)?$/gm)];
    expect(lines.map((m) => m[1])).toEqual(['estimate', 'check']);
    for (const [, command, rest] of lines) {
      const args = parseArgs(command, rest.split(/\s+/), command === 'check' ? CHECK_SPECS : ESTIMATE_SPECS);
      expect(args.positionals.length).toBeGreaterThan(0);
      if (command === 'check') expect(Object.keys(parseOptionPairs(args.values.get('option') ?? [])).sort()).toEqual(['maxKgCo2ePerHour', 'maxMonthlyUsd', 'maxPoolMonthlyUsd']);
    }
  });

  test('its sample is what the command prints', () => {
    const text = run(['estimate', path.join(outdir, 'stacks', 'compute-gcp', 'cdk.tf.json')]).stdout;
    const sample = section.split('\n').filter((l) => /^# {3}(google_|Stack total)/.test(l));
    expect(sample).toHaveLength(3);
    for (const line of sample) expect(text).toContain(line.slice(2));
    expect(section).toContain('**These are estimates, not quotes.**');
  });
});
