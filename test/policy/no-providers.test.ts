/**
 * The plan-check path stays light: `aira-constructs/policy` and `aira check` on a plan load no
 * `@cdktf/provider-*` module and not cdktf itself (measured through require.cache in a fresh process,
 * on the compiled output that `npm test` builds first).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { planDoc, scratch } from './helpers/docs';

const root = path.join(__dirname, '..', '..');
const plan = path.join(scratch('no-providers'), 'plan.json');
fs.writeFileSync(plan, JSON.stringify(planDoc([{ type: 'aws_s3_bucket', name: 'b', values: {} }, { type: 'google_compute_firewall', name: 'f', values: { allow: [{ protocol: 'tcp' }] } }])));

/** Runs `body` in a fresh node process and returns the loaded module groups. */
function loadedBy(body: string): { providers: string[]; cdktf: boolean; constructs: boolean; exitCode?: number } {
  const script = `
    ${body}
    const files = Object.keys(require.cache);
    const providers = [...new Set(files.map((f) => (/node_modules[\\\\/]@cdktf[\\\\/](provider-[a-z]+)[\\\\/]/.exec(f) || [])[1]).filter(Boolean))].sort();
    const cdktf = files.some((f) => /node_modules[\\\\/]cdktf[\\\\/]/.test(f));
    const constructs = files.some((f) => /node_modules[\\\\/]constructs[\\\\/]/.test(f));
    process.stdout.write(JSON.stringify({ providers, cdktf, constructs, exitCode: globalThis.__code }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

describe('the plan-check path loads no provider and no cdktf', () => {
  test("require('aira-constructs/policy') and check a plan", () => {
    const out = loadedBy(`
      const p = require('aira-constructs/policy');
      const bundle = p.check([${JSON.stringify(plan)}], { rules: p.BUILTIN_RULES, packs: p.BUILTIN_PACKS, packIds: ['aira-baseline'] });
      for (const f of p.FORMATS) p.render(f, bundle);
      if (bundle.report.summary.failing !== 3) throw new Error('expected 3 failing results (bucket, SSH, RDP)');
    `);
    expect(out).toEqual({ providers: [], cdktf: false, constructs: false });
  });

  test('aira check <plan> through the CLI entry', () => {
    const out = loadedBy(`
      const io = { stdout() {}, stderr() {}, readStdin: () => '', writeFile() {}, env: {}, isTTY: false, cwd: process.cwd() };
      globalThis.__code = require('./dist/lib/cli').main(['check', ${JSON.stringify(plan)}, '--format', 'sarif'], io);
    `);
    expect(out).toEqual({ providers: [], cdktf: false, constructs: false, exitCode: 1 });
  });

  test('PolicyGuard and Suppressions load cdktf only when touched, and still no provider', () => {
    const out = loadedBy(`
      const p = require('aira-constructs/policy');
      if (typeof p.PolicyGuard.of !== 'function' || typeof p.Suppressions.of !== 'function') throw new Error('lazy exports missing');
    `);
    expect(out).toEqual({ providers: [], cdktf: true, constructs: true });
  });

  test('bin/aira.js runs as a program: exit code 1 on a failing plan, 2 with one line on bad input', () => {
    const bin = path.join(root, 'bin', 'aira.js');
    let status = 0;
    try {
      execFileSync(process.execPath, [bin, 'check', plan], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(1);
    const bad = path.join(path.dirname(plan), 'bad.json');
    fs.writeFileSync(bad, '{"resource_changes": [');
    try {
      execFileSync(process.execPath, [bin, 'check', bad], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      throw new Error('expected exit 2');
    } catch (e) {
      const err = e as { status: number; stderr: string };
      expect(err.status).toBe(2);
      expect(err.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(err.stderr).toMatch(/bad\.json: truncated JSON/);
    }
  });

  test('a TypeScript rule module in --policy-dir is compiled with the project typescript outside jest', () => {
    const dir = path.join(path.dirname(plan), 'rules');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'owner.ts'),
      `import type { Rule } from 'aira-constructs/policy';
       export const owner: Rule = { id: 'ACME-TAG-001', title: 'Buckets carry an owner', severity: 'critical', rationale: 'costs need an owner',
         remediation: 'set tags.owner', resourceTypes: ['aws_s3_bucket'], frameworks: {}, references: [],
         check: (r) => (r.get('tags.owner') ? { status: 'pass', message: 'owner set' } : { status: 'fail', message: 'no owner tag' }) };`,
    );
    const out = execFileSync(process.execPath, [path.join(root, 'bin', 'aira.js'), 'check', plan, '--policy-dir', dir, '--format', 'json', '--soft-fail'], { cwd: root, encoding: 'utf8' });
    const r = JSON.parse(out).results.find((x: { ruleId: string }) => x.ruleId === 'ACME-TAG-001');
    expect(r).toMatchObject({ status: 'fail', severity: 'critical', message: 'no owner tag' });
  });
});
