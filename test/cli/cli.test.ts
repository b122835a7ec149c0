import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { CliIo } from '../../lib/cli/io';
import { listSkus } from '../../lib/core/catalog/lookup';
import { planDoc, scratch, synthDoc } from '../policy/helpers/docs';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

function run(argv: string[], opts: { stdin?: string; env?: Record<string, string>; isTTY?: boolean; cwd?: string } = {}): Run {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => opts.stdin ?? '',
    writeFile: (f, t) => {
      files.set(f, t);
    },
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = main(argv, io);
  return { code, stdout, stderr, files };
}

const dir = scratch('cli');
const write = (name: string, body: unknown) => {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return f;
};
const failing = write('failing.json', planDoc([{ type: 'aws_s3_bucket', name: 'data', values: {} }, { type: 'aws_ebs_volume', name: 'v', values: {} }]));
// Encrypted with a customer-managed key, so AIRA-ENC-003 passes too.
const clean = write('clean.json', planDoc([{ type: 'aws_ebs_volume', name: 'v', values: { encrypted: true, kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1' } }]));

describe('aira check: exit codes', () => {
  test('1 with a failing result, 0 with --soft-fail or a higher threshold, 0 when clean', () => {
    expect(run(['check', failing]).code).toBe(1);
    expect(run(['check', failing, '--soft-fail']).code).toBe(0);
    expect(run(['check', failing, '--severity-threshold', 'critical']).code).toBe(0);
    expect(run(['check', clean]).code).toBe(0);
  });

  test.each([
    ['no input', ['check'], /no input given/],
    ['an unknown option', ['check', 'x.json', '--bogus'], /unknown option --bogus/],
    ['a bad format', ['check', 'x.json', '--format', 'pdf'], /--format must be one of text, json, sarif, junit, markdown/],
    ['a bad threshold', ['check', 'x.json', '--severity-threshold=urgent'], /--severity-threshold must be one of/],
    ['--output before any --format', ['check', 'x.json', '--output', 'o.txt'], /--output must follow the --format/],
    ['two formats to stdout', ['check', 'x.json', '--format', 'json', '--format', 'text'], /json and text would both go to stdout/],
    ['an unknown pack', ['check', path.join(dir, 'clean.json'), '--pack', 'nope'], /no pack "nope"/],
    ['an unknown command', ['deploy'], /unknown command "deploy"; run `aira --help`/],
    ['a mistyped option', ['check', 'x.json', '--soft-fial'], /unknown option --soft-fial \(did you mean --soft-fail\?\)/],
    ['a single-dash option', ['check', 'x.json', '-pack', 'x'], /unknown option -pack \(did you mean --pack\?\)/],
    ['a mistyped format', ['check', 'x.json', '--format', 'sarf'], /\(got "sarf"\) \(did you mean sarif\?\)/],
    ['a mistyped command', ['chek', 'x.json'], /unknown command "chek" \(did you mean check\?\)/],
    ['a command given by its start', ['plan', 'x.json'], /unknown command "plan" \(did you mean plan-topology\?\)/],
  ])('2 for %s, one line, no stack trace', (_n, argv, message) => {
    const r = run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  test.each([
    ['not JSON', 'not json at all', /not valid JSON/],
    ['truncated JSON', '{"format_version":"1.2","resource_changes":[{"address":', /truncated JSON/],
    ['JSON that is no plan', '{"foo":"bar"}', /not a Terraform plan/],
    ['an unsupported major format', '{"format_version":"2.0","planned_values":{}}', /format_version 2\.0 is not supported/],
  ])('2 for %s, naming the file', (_n, text, message) => {
    const f = write(`bad-${_n.replace(/\W+/g, '-')}.json`, text);
    const r = run(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(f);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('2 for a missing file and for a directory without stacks', () => {
    expect(run(['check', path.join(dir, 'missing.json')]).stderr).toMatch(/no such file or directory/);
    const empty = path.join(dir, 'empty-dir');
    fs.mkdirSync(empty, { recursive: true });
    const r = run(['check', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no cdktf stacks/);
  });
});

describe('aira check: formats and outputs', () => {
  test('json to stdout parses; each --output takes the --format before it', () => {
    const r = run(['check', failing, '--pack', 'aira-baseline', '--format', 'sarif', '--output', 'out/results.sarif', '--format', 'junit', '--output', 'out/junit.xml', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.failing).toBe(1);
    expect(JSON.parse(r.files.get('out/results.sarif')!).version).toBe('2.1.0');
    expect(r.files.get('out/junit.xml')).toMatch(/^<\?xml/);
  });

  test('--include-passed lists pass results too', () => {
    const r = run(['check', clean, '--format', 'json', '--include-passed']);
    expect(JSON.parse(r.stdout).results.map((x: any) => [x.ruleId, x.status])).toEqual([['AIRA-CHG-001', 'pass'], ['AIRA-ENC-003', 'pass']]);
  });

  test('- reads the plan from standard input', () => {
    const r = run(['check', '-', '--format', 'json'], { stdin: fs.readFileSync(failing, 'utf8') });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).inputs[0].file).toBe('<stdin>');
  });

  test('colour only on a TTY, never with NO_COLOR or --no-color', () => {
    const esc = /\u001b\[/;
    expect(run(['check', failing], { isTTY: true }).stdout).toMatch(esc);
    expect(run(['check', failing], { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(run(['check', failing, '--no-color'], { isTTY: true }).stdout).not.toMatch(esc);
    expect(run(['check', failing], { isTTY: false }).stdout).not.toMatch(esc);
  });
});

describe('aira check: suppressions survive from construct to plan', () => {
  const suppressions = {
    version: 1,
    tool: 'aira',
    stack: 'net',
    suppressions: { 'aws_s3_bucket.data': [{ id: 'AIRA-STO-001', reason: 'public dataset mirror, nothing secret', constructPath: 'net/data' }] },
    unmatched: [],
  };

  test('a plan made in the stack folder reads aira-suppressions.json beside it', () => {
    const plan = write('cdktf.out/stacks/net/plan.json', JSON.parse(fs.readFileSync(failing, 'utf8')));
    write('cdktf.out/stacks/net/cdk.tf.json', synthDoc({ aws_s3_bucket: { data: {} } }));
    write('cdktf.out/stacks/net/aira-suppressions.json', suppressions);
    const r = run(['check', plan, '--pack', 'aira-baseline', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.results[0]).toMatchObject({ status: 'suppressed', address: 'aws_s3_bucket.data', suppression: { reason: 'public dataset mirror, nothing secret' } });
  });

  test('a plan next to a one-stack cdktf.out/ finds it too; --suppressions names a file explicitly', () => {
    const besideOut = path.join(dir, 'plan-at-root.json');
    fs.copyFileSync(failing, besideOut);
    expect(run(['check', besideOut, '--pack', 'aira-baseline']).code).toBe(0);
    const elsewhere = scratch('cli-elsewhere');
    const plan = path.join(elsewhere, 'plan.json');
    fs.copyFileSync(failing, plan);
    expect(run(['check', plan], { cwd: elsewhere }).code).toBe(1);
    const yaml = path.join(elsewhere, 'accepted.yaml');
    fs.writeFileSync(yaml, 'suppressions:\n  - id: CKV_AWS_19\n    address: aws_s3_bucket.data\n    reason: public dataset mirror, nothing secret\n');
    expect(run(['check', plan, '--pack', 'aira-baseline', '--suppressions', yaml], { cwd: elsewhere }).code).toBe(0);
  });

  test('a bad suppressions file is exit 2 with the file named', () => {
    const bad = write('bad-sup.yaml', 'suppressions:\n  - id: AIRA-STO-001\n    address: aws_s3_bucket.data\n    reason: short\n');
    const r = run(['check', failing, '--suppressions', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-sup\.yaml: suppression #1 has a reason under 10 characters/);
  });

  test('checking the cdktf.out directory checks every stack with its suppressions', () => {
    const r = run(['check', path.join(dir, 'cdktf.out'), '--pack', 'aira-baseline', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.inputs.map((i: any) => [i.stack, i.source])).toEqual([['net', 'synth']]);
    expect(json.results.map((x: any) => x.status)).toEqual(['suppressed']);
    expect(r.code).toBe(0);
  });
});

describe('aira rules and aira catalog', () => {
  test('rules --format md is RULES.md; json lists every rule with metadata', () => {
    expect(run(['rules', '--format', 'md']).stdout).toBe(fs.readFileSync(path.join(__dirname, '../../RULES.md'), 'utf8'));
    const json = JSON.parse(run(['rules', '--format', 'json']).stdout);
    expect(json.rules.map((r: any) => r.id)).toEqual([
      'AIRA-AI-001', 'AIRA-AI-002', 'AIRA-AI-003', 'AIRA-AI-004', 'AIRA-AI-005', 'AIRA-AI-006', 'AIRA-AI-007', 'AIRA-AI-008', 'AIRA-AI-009', 'AIRA-AI-010',
      'AIRA-CHG-001', 'AIRA-CMP-001', 'AIRA-CMP-002', 'AIRA-CST-001', 'AIRA-CST-002', 'AIRA-CST-003', 'AIRA-ENC-001', 'AIRA-ENC-002', 'AIRA-ENC-003', 'AIRA-GLD-001', 'AIRA-GLD-002', 'AIRA-GLD-003', 'AIRA-GLD-004', 'AIRA-GLD-005', 'AIRA-GLD-006', 'AIRA-GLD-007',
      'AIRA-IAM-001', 'AIRA-K8S-001', 'AIRA-K8S-002',
      'AIRA-KMS-001', 'AIRA-LOG-001', 'AIRA-LOG-002', 'AIRA-LOG-003', 'AIRA-LOG-004', 'AIRA-NET-001', 'AIRA-NET-002', 'AIRA-NET-003', 'AIRA-STO-001', 'AIRA-STO-002', 'AIRA-STO-003', 'AIRA-STO-004', 'AIRA-STO-005', 'AIRA-STO-006',
    ]);
    expect(json.rules.find((r: any) => r.id === 'AIRA-STO-001')).toMatchObject({ references: ['CKV_AWS_19', 'AVD-AWS-0088'], resourceTypes: ['aws_s3_bucket'] });
    expect(json.packs.map((p: any) => p.id)).toEqual(['aira-baseline', 'aira-change-safety', 'aira-security-baseline', 'aira-golden-rules', 'aira-ai-infrastructure', 'aira-cost-carbon']);
  });

  test('catalog prints every SKU with its sources and dates; filters by cloud and family', () => {
    const all = JSON.parse(run(['catalog', '--format', 'json']).stdout);
    expect(all.skus).toEqual(JSON.parse(JSON.stringify(listSkus())));
    const tpu = JSON.parse(run(['catalog', '--cloud', 'gcp', '--family', 'tpu', '--format', 'json']).stdout);
    expect(tpu.skus.length).toBeGreaterThan(0);
    expect(tpu.skus.every((s: any) => s.cloud === 'gcp' && s.family === 'tpu')).toBe(true);
    const text = run(['catalog', '--cloud', 'aws']).stdout;
    const first = listSkus({ cloud: 'aws' })[0];
    expect(text).toContain(first.id);
    expect(text).toContain(first.source);
    expect(text).toContain(`as of ${first.regionsAsOf}`);
    const md = run(['catalog', '--format', 'md']).stdout;
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(listSkus().length);
    expect(run(['catalog', '--cloud', 'mars']).code).toBe(2);
  });

  test('--help and --version', () => {
    expect(run(['--help']).stdout).toMatch(/Commands:/);
    expect(run(['check', '--help']).stdout).toMatch(/Exit codes: 0/);
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(run([]).code).toBe(2);
  });
});
