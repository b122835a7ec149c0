/** `aira check --framework` and `aira rules --framework`: selection, grouping, aliases, errors, the matrix. */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { CHECK_HELP } from '../../lib/cli/check';
import { CliIo } from '../../lib/cli/io';
import { RULES_HELP } from '../../lib/cli/rules';
import { planDoc, scratch } from '../policy/helpers/docs';

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

const dir = scratch('cli-framework');
const plan = path.join(dir, 'plan.json');
fs.writeFileSync(
  plan,
  JSON.stringify(
    planDoc([
      { type: 'aws_s3_bucket', name: 'data', values: {} },
      { type: 'aws_security_group', name: 'ssh', values: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
      { type: 'aws_launch_template', name: 'train', values: { tags: { 'aira:plane': 'training' }, instance_type: 'p5.48xlarge', metadata_options: [{ http_tokens: 'required' }] } },
    ]),
  ),
);
const quiet = path.join(dir, 'quiet.json');
fs.writeFileSync(quiet, JSON.stringify(planDoc([{ type: 'aws_cloudwatch_log_group', name: 'logs', values: {} }])));

describe('aira check --framework', () => {
  test('groups the report by control and checks only mapped rules', () => {
    const r = run(['check', plan, '--framework', 'iso27001']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BY CONTROL: ISO/IEC 27001:2022 Annex A');
    expect(r.stdout).toContain('[FAIL] A.8.24 Use of cryptography');
    expect(r.stdout).toContain('AIRA-STO-001 (high): 1 fail; failing: aws_s3_bucket.data');
    expect(r.stdout).toContain('[FAIL] A.8.20 Networks security');
    // AIRA-GLD-006 (carbon) maps to no framework: not run under a compliance view.
    expect(r.stdout).not.toContain('AIRA-GLD-006');
  });

  test('the internal key is an alias; JSON carries the view', () => {
    const r = run(['check', plan, '--framework', 'iso-27001-2022', '--format', 'json', '--soft-fail']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.compliance.map((v: any) => v.framework)).toEqual(['iso-27001-2022']);
    const ruleIds = new Set(json.compliance[0].controls.flatMap((c: any) => c.rules.map((x: any) => x.id)));
    for (const res of json.results) expect(ruleIds.has(res.ruleId)).toBe(true);
  });

  test('repeatable: one view per framework; with --pack the intersection', () => {
    const r = run(['check', plan, '--framework', 'soc2', '--framework', 'hipaa', '--pack', 'aira-baseline', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.compliance.map((v: any) => v.framework)).toEqual(['soc2', 'hipaa']);
    const inSoc2 = new Set(json.compliance[0].controls.flatMap((c: any) => c.rules.map((x: any) => x.id)));
    // aira-baseline holds no IMDSv2 rule, though AIRA-CMP-001 maps to SOC 2 CC6.1.
    expect(inSoc2.has('AIRA-CMP-001')).toBe(false);
    expect([...inSoc2].sort()).toEqual(['AIRA-CHG-001', 'AIRA-NET-001', 'AIRA-NET-002', 'AIRA-STO-001', 'AIRA-STO-002']);
  });

  test('Markdown gains the by-control table', () => {
    const r = run(['check', plan, '--framework', 'eu-ai-act', '--format', 'markdown']);
    expect(r.stdout).toContain('#### EU AI Act (Regulation (EU) 2024/1689), by control');
    expect(r.stdout).toMatch(/\| Art\. 15\(5\) Cybersecurity: resilience against unauthorised third parties \| fail \| `AIRA-[A-Z]+-\d+` \|/);
  });

  test('rules mapped but nothing to judge: controls not evaluated, exit 0', () => {
    const r = run(['check', quiet, '--framework', 'hipaa']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[NOT EVALUATED] 164.312(a)(1) Access control: no results');
    expect(r.stdout).not.toContain('[PASS]');
  });

  test.each([
    ['an unknown framework', ['check', plan, '--framework', 'pci'], /AIRA_E_POLICY_USAGE: --framework pci: unknown framework "pci" \(known: iso27001, soc2, hipaa, fips140-3, eu-ai-act\)/],
    ['an unknown framework before a missing input', ['check', path.join(dir, 'missing.json'), '--framework', 'nist'], /AIRA_E_POLICY_USAGE: --framework nist: unknown framework/],
    ['a framework no rule in force maps to', ['check', plan, '--pack', 'aira-cost-carbon', '--framework', 'fips140-3'], /AIRA_E_POLICY_USAGE: --framework fips140-3: no rule in force in pack aira-cost-carbon maps to FIPS 140-3/],
    ['a pack with no rule of the framework', ['check', plan, '--pack', 'aira-cost-carbon', '--framework', 'hipaa'], /no rule in force in pack aira-cost-carbon maps to HIPAA/],
  ])('%s is a usage error (exit 2, one line)', (_, argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  test('the help documents the option and what a pass means', () => {
    expect(CHECK_HELP).toContain('--framework <f>              iso27001|soc2|hipaa|fips140-3|eu-ai-act (repeatable)');
    expect(CHECK_HELP.replace(/\s+/g, ' ')).toContain('Passing rules is evidence for a control, not certification');
  });
});

describe('aira rules --framework', () => {
  test('Markdown matrix for ISO 27001', () => {
    const r = run(['rules', '--framework', 'iso27001', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# ISO/IEC 27001:2022 Annex A: controls and aira rules');
    expect(r.stdout).toContain('| Control | Rule | Title | Severity | Packs |');
    expect(r.stdout).toMatch(/\| A\.8\.24 Use of cryptography \| `AIRA-ENC-001` \| Object storage is encrypted at rest with a customer-managed key \| high \| aira-security-baseline \|/);
    expect(r.stdout).toMatch(/\|  \| `AIRA-KMS-001` \| Customer-managed keys rotate automatically at least every 365 days \| medium \| aira-security-baseline \|/);
    expect(r.stdout).toMatch(/\|  \| `AIRA-STO-001` \| S3 buckets are encrypted at rest \| high \| aira-baseline, aira-security-baseline \|/);
    expect(r.stdout).not.toContain('A.8.13');
  });

  test('JSON matrix for SOC 2, text for HIPAA', () => {
    const json = JSON.parse(run(['rules', '--framework', 'soc2', '--format', 'json']).stdout);
    expect(json).toMatchObject({ framework: 'soc2', note: expect.stringContaining('not certification') });
    const cc66 = json.controls.find((c: any) => c.control === 'CC6.6');
    expect(cc66.rules.map((x: any) => x.id)).toEqual(expect.arrayContaining(['AIRA-NET-001', 'AIRA-NET-002']));
    expect(cc66.rules.find((x: any) => x.id === 'AIRA-NET-001')).toMatchObject({ severity: 'high', packs: expect.arrayContaining(['aira-baseline', 'aira-security-baseline']) });
    const text = run(['rules', '--framework', 'hipaa']).stdout;
    expect(text).toMatch(/^HIPAA Security Rule \(45 CFR Part 164, Subpart C\): \d+ section\(s\), \d+ rule\(s\)\n/);
    expect(text).toMatch(/\n164\.312\(c\)\(1\) Integrity\n {2}AIRA-CHG-001 +high +A plan does not delete or replace stateful storage/);
  });

  test('FIPS 140-3: only the customer-managed-key rules, under 7.9', () => {
    const r = run(['rules', '--framework', 'fips-140-3', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| 7\.9 Sensitive security parameter management [^|]*\| `AIRA-ENC-001` \|/);
    expect(r.stdout).toContain('`AIRA-ENC-003`');
    expect(r.stdout).not.toContain('AIRA-STO-001');
  });

  test('an unknown framework is a usage error; the help documents the option', () => {
    const r = run(['rules', '--framework', 'gdpr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AIRA_E_POLICY_USAGE: --framework gdpr: unknown framework "gdpr" (known: iso27001, soc2, hipaa, fips140-3, eu-ai-act)');
    expect(RULES_HELP).toContain('--framework <f>   iso27001|soc2|hipaa|fips140-3|eu-ai-act');
  });
});
