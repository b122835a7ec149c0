import * as fs from 'fs';
import * as path from 'path';
import { HELP, main } from '../../lib/cli';
import { OptionSpec, parseArgs } from '../../lib/cli/args';
import { SPECS as CATALOG_SPECS } from '../../lib/cli/catalog';
import { SPECS as CHECK_SPECS } from '../../lib/cli/check';
import { SPECS as ESTIMATE_SPECS } from '../../lib/cli/estimate';
import { CliIo } from '../../lib/cli/io';
import { SPECS as RULES_SPECS } from '../../lib/cli/rules';
import { DIAGRAM_SPECS, PLAN_SPECS } from '../../lib/cli/topology';
import { planDoc, scratch, synthDoc } from '../policy/helpers/docs';

function run(argv: string[], opts: { env?: Record<string, string>; isTTY?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    writeFile: () => undefined,
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    cwd: process.cwd(),
  };
  return { code: main(argv, io), stdout, stderr };
}

const SPECS: Record<string, OptionSpec[]> = {
  check: CHECK_SPECS,
  rules: RULES_SPECS,
  catalog: CATALOG_SPECS,
  'plan-topology': PLAN_SPECS,
  diagram: DIAGRAM_SPECS,
  estimate: ESTIMATE_SPECS,
};

describe('every command has --help with an example that parses', () => {
  const commands = [...HELP.matchAll(/^ {2}([a-z-]+)\s/gm)].map((m) => m[1]).filter((c) => c !== 'aira');

  test('the top-level help lists exactly the commands that have option specs', () => {
    expect(commands.sort()).toEqual(Object.keys(SPECS).sort());
  });

  test.each(Object.keys(SPECS))('aira %s --help', (command) => {
    const r = run([command, '--help']);
    expect(r.code).toBe(0);
    const examples = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  aira '))
      .map((l) => l.trim().replace(/\s*>.*$/, '').split(/\s+/).slice(1));
    expect(examples.length).toBeGreaterThan(0);
    for (const [cmd, ...argv] of examples) {
      expect(cmd).toBe(command);
      // Throws a USAGE error on an option or value the command does not accept.
      expect(() => parseArgs(command, argv, SPECS[command])).not.toThrow();
    }
  });
});

describe('progress on a terminal only', () => {
  const out = scratch('cli-progress');
  for (const name of ['alpha', 'beta', 'gamma']) {
    fs.mkdirSync(path.join(out, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(synthDoc({ aws_ebs_volume: { v: { encrypted: true } } })));
  }
  const plan = path.join(out, 'plan.json');
  fs.writeFileSync(plan, JSON.stringify(planDoc([{ type: 'aws_ebs_volume', name: 'v', values: { encrypted: true } }])));

  test('on a TTY, aira check rewrites one progress line per stack file and clears it before the report', () => {
    const r = run(['check', out, '--soft-fail'], { isTTY: true });
    expect(r.code).toBe(0);
    const updates = r.stderr.split('\r\x1b[K').filter(Boolean);
    expect(updates).toEqual(['aira check: loaded 1/3 alpha/cdk.tf.json', 'aira check: loaded 2/3 beta/cdk.tf.json', 'aira check: loaded 3/3 gamma/cdk.tf.json']);
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(r.stdout).not.toContain('\x1b[K');
  });

  test('aira estimate shows it too', () => {
    const r = run(['estimate', out], { isTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('aira estimate: loaded 3/3 gamma/cdk.tf.json');
  });

  test.each([
    ['CI set', ['check', out, '--soft-fail'], { env: { CI: 'true' }, isTTY: true }],
    ['--quiet', ['check', out, '--soft-fail', '--quiet'], { isTTY: true }],
    ['no terminal', ['check', out, plan, '--soft-fail'], { isTTY: false }],
    ['estimate with --quiet', ['estimate', out, '--quiet'], { isTTY: true }],
  ] as const)('none with %s', (_n, argv, opts) => {
    const r = run([...argv], { ...opts, env: { ...(opts as { env?: Record<string, string> }).env } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
