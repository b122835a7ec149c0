/**
 * Compliance views: framework names and aliases, selection of the rules mapped to a framework (alone and
 * with a pack), the grouping of results by control, the control-to-rule matrix, the reports' by-control
 * sections, and a guard on the built-in mappings (short control ids with known titles, no prose).
 */
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { PolicyErrorCodes, isPolicyError } from '../../lib/policy/errors';
import { FRAMEWORKS, compareControls, controlMatrix, controlTitle, controlsOf, groupByControl, resolveFramework } from '../../lib/policy/frameworks';
import { loadText } from '../../lib/policy/load';
import { REPORT_SCHEMA, REPORT_VERSION } from '../../lib/policy/report';
import { render, renderControlMatrixJson, renderControlMatrixMarkdown, renderControlMatrixText } from '../../lib/policy/reporters';
import { parseSuppressions } from '../../lib/policy/suppressions-file';
import { Pack, Rule, fail, pass } from '../../lib/policy';
import { PlanRes, planDoc } from './helpers/docs';
import { validate } from './helpers/schema';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isPolicyError(e) ? e.code : `not a PolicyError: ${String(e)}`;
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const input = (rs: readonly PlanRes[], sup: unknown[] = []) => ({ ...loadText(JSON.stringify(planDoc(rs)), 'plan.json'), suppressions: parseSuppressions(sup, 'sup.yaml') });

const OPEN_BUCKET: PlanRes = { type: 'aws_s3_bucket', name: 'open', values: {} };
const SEALED_BUCKET: PlanRes = { type: 'aws_s3_bucket', name: 'sealed', values: { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }] } };
const SSH_OPEN: PlanRes = { type: 'aws_security_group', name: 'ssh', values: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } };
const KEY_NO_ROTATION: PlanRes = { type: 'aws_kms_key', name: 'k', values: { enable_key_rotation: false } };

describe('framework names', () => {
  test.each([
    ['iso27001', 'iso-27001-2022'],
    ['iso-27001-2022', 'iso-27001-2022'],
    ['ISO27001', 'iso-27001-2022'],
    ['soc2', 'soc2'],
    ['hipaa', 'hipaa'],
    ['fips140-3', 'fips-140-3'],
    ['fips-140-3', 'fips-140-3'],
    ['eu-ai-act', 'eu-ai-act'],
  ])('%s names %s', (name, id) => {
    expect(resolveFramework(name)).toBe(id);
  });

  test('an unknown framework is a USAGE error that lists the known names', () => {
    expect(codeOf(() => resolveFramework('pci-dss'))).toBe(PolicyErrorCodes.USAGE);
    expect(messageOf(() => resolveFramework('pci-dss'))).toContain('unknown framework "pci-dss" (known: iso27001, soc2, hipaa, fips140-3, eu-ai-act)');
    expect(codeOf(() => checkInputs([input([OPEN_BUCKET])], { rules: BUILTIN_RULES, frameworks: ['nist'] }))).toBe(PolicyErrorCodes.USAGE);
  });

  test('every FrameworkMappings key is a framework, each with its short name among its aliases', () => {
    expect(FRAMEWORKS.map((f) => f.id).sort()).toEqual(['eu-ai-act', 'fips-140-3', 'hipaa', 'iso-27001-2022', 'soc2']);
    for (const f of FRAMEWORKS) expect(f.aliases).toEqual(expect.arrayContaining([f.cliName, f.id]));
  });

  test('controls sort as people read them', () => {
    expect(['A.8.20', 'A.8.2', 'A.5.15', 'A.8.24', 'A.8.3'].sort(compareControls)).toEqual(['A.5.15', 'A.8.2', 'A.8.3', 'A.8.20', 'A.8.24']);
    expect(['164.312(e)(1)', '164.312(a)(2)(iv)', '164.312(a)(1)', '164.308(a)(7)(ii)(A)'].sort(compareControls)).toEqual(['164.308(a)(7)(ii)(A)', '164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(e)(1)']);
    expect(['Art. 15(5)', 'Art. 15', 'Art. 10', 'Art. 15(4)'].sort(compareControls)).toEqual(['Art. 10', 'Art. 15', 'Art. 15(4)', 'Art. 15(5)']);
  });
});

describe('selection', () => {
  test('--framework keeps only the rules mapped to it; results of other rules are absent', () => {
    const all = checkInputs([input([OPEN_BUCKET, SSH_OPEN, KEY_NO_ROTATION])], { rules: BUILTIN_RULES, includePassed: true });
    const hipaa = checkInputs([input([OPEN_BUCKET, SSH_OPEN, KEY_NO_ROTATION])], { rules: BUILTIN_RULES, includePassed: true, frameworks: ['hipaa'] });
    const mapped = BUILTIN_RULES.filter((r) => controlsOf(r, 'hipaa').length).map((r) => r.id);
    expect(hipaa.rules.map((r) => r.id)).toEqual(mapped);
    // Rules with no HIPAA section are not run: the plain check runs them, the HIPAA view does not.
    for (const id of ['AIRA-GLD-005', 'AIRA-GLD-006', 'AIRA-AI-001']) {
      expect(BUILTIN_RULES.some((r) => r.id === id)).toBe(true);
      expect(hipaa.rules.map((r) => r.id)).not.toContain(id);
    }
    expect(new Set(hipaa.all.map((r) => r.ruleId))).toEqual(new Set(hipaa.all.map((r) => r.ruleId).filter((id) => mapped.includes(id))));
    expect(all.all.length).toBeGreaterThan(hipaa.all.length);
  });

  test('--framework with --pack is the intersection, at the pack\'s severity', () => {
    const b = checkInputs([input([OPEN_BUCKET])], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'], frameworks: ['eu-ai-act'] });
    // aira-baseline: STO-001, STO-002, NET-001, NET-002, CHG-001; CHG-001 maps to no EU AI Act article.
    expect(b.rules.map((r) => r.id)).toEqual(['AIRA-NET-001', 'AIRA-NET-002', 'AIRA-STO-001', 'AIRA-STO-002']);
    const critical = checkInputs([input([{ type: 'aws_s3_bucket', name: 'gone', values: {}, actions: ['delete'], before: {} }])], {
      rules: BUILTIN_RULES,
      packs: BUILTIN_PACKS,
      packIds: ['aira-change-safety'],
      frameworks: ['iso27001'],
    });
    expect(critical.rules.map((r) => [r.id, r.severity])).toEqual([['AIRA-CHG-001', 'critical']]);
  });

  test('a selection that leaves nothing to check is a USAGE error, not a vacuous pass', () => {
    const run = (packIds: string[], frameworks: string[]) => () => checkInputs([input([OPEN_BUCKET])], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds, frameworks });
    expect(codeOf(run(['aira-cost-carbon'], ['hipaa']))).toBe(PolicyErrorCodes.USAGE);
    expect(messageOf(run(['aira-cost-carbon'], ['hipaa']))).toContain('no rule in force in pack aira-cost-carbon maps to HIPAA Security Rule');
    // Only the customer-managed-key rules claim FIPS 140-3 (keys held in the clouds' validated modules): a pack
    // without them leaves nothing to check, and the view refuses rather than passing empty.
    expect(BUILTIN_RULES.filter((r) => controlsOf(r, 'fips-140-3').length).map((r) => r.id)).toEqual(['AIRA-ENC-001', 'AIRA-ENC-002', 'AIRA-ENC-003']);
    expect(codeOf(run(['aira-cost-carbon'], ['fips140-3']))).toBe(PolicyErrorCodes.USAGE);
    expect(messageOf(run(['aira-cost-carbon'], ['fips140-3']))).toContain('aira rules --framework fips140-3');
  });
});

describe('grouping by control', () => {
  const bundle = checkInputs([input([OPEN_BUCKET, SEALED_BUCKET, SSH_OPEN], [{ id: 'AIRA-STO-003', address: 'aws_s3_bucket.sealed', reason: 'public website bucket, reviewed' }])], {
    rules: BUILTIN_RULES,
    packs: BUILTIN_PACKS,
    packIds: ['aira-security-baseline'],
    frameworks: ['iso27001', 'soc2'],
  });
  const [iso, soc2] = bundle.report.compliance!;
  const control = (id: string) => iso.controls.find((c) => c.control === id);

  test('one view per framework asked for, in the order asked', () => {
    expect(bundle.report.compliance!.map((v) => v.framework)).toEqual(['iso-27001-2022', 'soc2']);
    expect(iso.note).toContain('evidence for a control, not certification');
  });

  test('every control listed has a rule in force mapped to it, and every mapped control is listed', () => {
    const expected = new Set(bundle.rules.flatMap((r) => controlsOf(r, 'iso-27001-2022')));
    expect(new Set(iso.controls.map((c) => c.control))).toEqual(expected);
    for (const c of iso.controls) for (const r of c.rules) expect(controlsOf(bundle.rules.find((x) => x.id === r.id)!, 'iso-27001-2022')).toContain(c.control);
    // Not mapped by any rule in the pack: not invented.
    expect(control('A.8.13')).toBeUndefined();
    expect(control('A.8.6')).toBeUndefined();
    expect(iso.controls.map((c) => c.control)).toEqual([...iso.controls.map((c) => c.control)].sort(compareControls));
  });

  test('a control holds its rules with their counts and failing addresses', () => {
    const crypto = control('A.8.24')!;
    expect(crypto.title).toBe('Use of cryptography');
    expect(crypto.rules.map((r) => r.id)).toEqual(['AIRA-ENC-001', 'AIRA-ENC-002', 'AIRA-ENC-003', 'AIRA-KMS-001', 'AIRA-STO-001', 'AIRA-STO-002', 'AIRA-STO-005']);
    const sto1 = crypto.rules.find((r) => r.id === 'AIRA-STO-001')!;
    expect(sto1).toMatchObject({ severity: 'high', failing: ['aws_s3_bucket.open'] });
    expect(sto1.counts).toMatchObject({ fail: 1, pass: 1, suppressed: 0 });
    expect(crypto.rules.find((r) => r.id === 'AIRA-KMS-001')!.counts).toEqual({ fail: 0, error: 0, unknown: 0, suppressed: 0, pass: 0, not_applicable: 0 });
    // AIRA-ENC-001 fails both buckets: the sealed one uses aws:kms without a key id (the AWS managed aws/s3).
    expect(crypto.rules.find((r) => r.id === 'AIRA-ENC-001')!.failing).toEqual(['aws_s3_bucket.open', 'aws_s3_bucket.sealed']);
    // AIRA-STO-005 fails both too: neither bucket has a policy refusing plain HTTP.
    expect(crypto.rules.find((r) => r.id === 'AIRA-STO-005')!.failing).toEqual(['aws_s3_bucket.open', 'aws_s3_bucket.sealed']);
    expect(crypto).toMatchObject({ status: 'fail', failing: 5 });
    const net = control('A.8.20')!;
    expect(net.rules.find((r) => r.id === 'AIRA-NET-001')!.failing).toEqual(['aws_security_group.ssh']);
    // A.5.15 (access control): STO-003 fails on the open bucket, is suppressed on the sealed one; STO-004 has no Google
    // bucket, STO-006 no Azure storage account, IAM-001 no policy to judge.
    const access = control('A.5.15')!;
    expect(access.rules.map((r) => [r.id, r.counts.fail, r.counts.suppressed, r.failing])).toEqual([
      ['AIRA-IAM-001', 0, 0, []],
      ['AIRA-STO-003', 1, 1, ['aws_s3_bucket.open']],
      ['AIRA-STO-004', 0, 0, []],
      ['AIRA-STO-006', 0, 0, []],
    ]);
  });

  test('the same rule counts under each control it maps to, in each framework', () => {
    const cc61 = soc2.controls.find((c) => c.control === 'CC6.1')!;
    expect(cc61.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['AIRA-STO-001', 'AIRA-STO-003', 'AIRA-KMS-001']));
    expect(cc61.rules.find((r) => r.id === 'AIRA-STO-001')!.failing).toEqual(['aws_s3_bucket.open']);
  });

  test('groupByControl on a bundle gives the report\'s own view, by alias or key', () => {
    expect(groupByControl(bundle, 'iso27001')).toEqual(iso);
    expect(groupByControl(bundle, 'soc2')).toEqual(soc2);
  });

  test('statuses: below the threshold, suppressed only, unknown', () => {
    const key = (threshold: 'high' | 'medium') => checkInputs([input([KEY_NO_ROTATION])], { rules: BUILTIN_RULES, frameworks: ['iso27001'], threshold }).report.compliance![0];
    const a824 = (v: ReturnType<typeof key>) => v.controls.find((c) => c.control === 'A.8.24')!;
    expect(a824(key('high'))).toMatchObject({ status: 'fail-below-threshold', failing: 0 });
    expect(a824(key('medium'))).toMatchObject({ status: 'fail', failing: 1 });
    const suppressed = checkInputs([input([OPEN_BUCKET], [{ id: 'AIRA-STO-001', address: 'aws_s3_bucket.open', reason: 'static website assets only' }])], {
      rules: BUILTIN_RULES.filter((r) => r.id === 'AIRA-STO-001'),
      frameworks: ['hipaa'],
    }).report.compliance![0];
    expect(suppressed.controls).toEqual([expect.objectContaining({ control: '164.312(a)(2)(iv)', status: 'suppressed', failing: 0 })]);
    const unknown = checkInputs(
      [input([{ type: 'aws_security_group_rule', name: 'var', values: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp' }, afterUnknown: { cidr_blocks: true }, expressions: { type: {}, cidr_blocks: { references: ['var.cidr'] } } }])],
      { rules: BUILTIN_RULES.filter((r) => r.id === 'AIRA-NET-001'), frameworks: ['soc2'] },
    ).report.compliance![0];
    expect(unknown.controls.map((c) => [c.control, c.status])).toEqual([['CC6.6', 'unknown']]);
  });

  test('a framework with rules but zero results lists its controls as not evaluated and passes', () => {
    const b = checkInputs([input([{ type: 'aws_cloudwatch_log_group', name: 'logs', values: {} }])], { rules: BUILTIN_RULES, frameworks: ['eu-ai-act'] });
    const v = b.report.compliance![0];
    expect(v.rules).toBeGreaterThan(0);
    expect(v.controls.length).toBeGreaterThan(0);
    for (const c of v.controls) expect(c).toMatchObject({ status: 'not-evaluated', failing: 0, counts: { fail: 0, error: 0, unknown: 0, suppressed: 0, pass: 0, not_applicable: 0 } });
    expect(b.report.summary.passed).toBe(true);
    expect(render('text', b)).toContain('[NOT EVALUATED] Art. 15(5) Cybersecurity: resilience against unauthorised third parties: no results');
  });
});

describe('reports', () => {
  const b = () => checkInputs([input([OPEN_BUCKET, SEALED_BUCKET, SSH_OPEN])], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'], frameworks: ['iso27001'] });

  test('JSON: the compliance section validates against the schema (1.1.0); left out without --framework', () => {
    const json = JSON.parse(render('json', b()));
    expect(REPORT_VERSION).toBe('1.1.0');
    expect(validate(REPORT_SCHEMA, json)).toEqual([]);
    expect(json.compliance[0]).toMatchObject({ framework: 'iso-27001-2022', name: 'ISO/IEC 27001:2022 Annex A' });
    expect(json.compliance[0].controls.map((c: any) => c.control)).toEqual(['A.5.14', 'A.8.20', 'A.8.22', 'A.8.24', 'A.8.32']);
    const bad = JSON.parse(render('json', b()));
    bad.compliance[0].controls[0].status = 'great';
    expect(validate(REPORT_SCHEMA, bad)).toEqual([expect.stringMatching(/status.*not in enum/)]);
    const plain = JSON.parse(render('json', checkInputs([input([OPEN_BUCKET])], { rules: BUILTIN_RULES })));
    expect(plain).not.toHaveProperty('compliance');
    expect(validate(REPORT_SCHEMA, plain)).toEqual([]);
  });

  test('text: a by-control section before the verdict, with failing addresses', () => {
    const text = render('text', b());
    expect(text).toContain('BY CONTROL: ISO/IEC 27001:2022 Annex A (5 control(s), 5 rule(s))');
    expect(text).toContain('evidence for a control, not certification');
    expect(text).toContain('  [FAIL] A.8.24 Use of cryptography: 1 fail, 1 pass');
    expect(text).toContain('      AIRA-STO-001 (high): 1 fail, 1 pass; failing: aws_s3_bucket.open');
    expect(text).toContain('  [FAIL] A.8.20 Networks security:');
    expect(text.indexOf('BY CONTROL')).toBeLessThan(text.indexOf('FAILED ('));
    expect(render('text', checkInputs([input([OPEN_BUCKET])], { rules: BUILTIN_RULES }))).not.toContain('BY CONTROL');
  });

  test('Markdown: one row per control and rule', () => {
    const md = render('markdown', b());
    expect(md).toContain('#### ISO/IEC 27001:2022 Annex A, by control');
    expect(md).toContain('| Control | Status | Rule | Severity | Results | Failing resources |');
    expect(md).toContain('| A.8.24 Use of cryptography | fail | `AIRA-STO-001` | high | 1 fail, 1 pass | `aws_s3_bucket.open` |');
    expect(md).toContain('| | | `AIRA-STO-002` | high | no results |  |');
  });

  test('SARIF and JUnit stay valid with a framework (they do not group)', () => {
    const bundle = b();
    const sarif = JSON.parse(render('sarif', bundle));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(bundle.report.results.length);
    const junit = render('junit', bundle);
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="aira check" tests="\d+" failures="2" errors="0">/);
    expect(junit.trimEnd().endsWith('</testsuites>')).toBe(true);
  });
});

describe('control-to-rule matrix', () => {
  const rule = (id: string, frameworks: Rule['frameworks'], severity: Rule['severity'] = 'high'): Rule => ({
    id,
    title: `title of ${id}`,
    severity,
    rationale: 'r',
    remediation: 'f',
    resourceTypes: ['aws_s3_bucket'],
    frameworks,
    references: [],
    check: (r) => (r.get('ok') ? pass('ok') : fail('no')),
  });
  const rules = [
    rule('ACME-X-1', { 'iso-27001-2022': ['A.8.24'], soc2: ['CC6.1'] }),
    rule('ACME-X-2', { 'iso-27001-2022': ['A.8.24', 'A.8.20'] }, 'low'),
    rule('ACME-X-3', { hipaa: ['164.312(b)'] }),
    rule('ACME-X-4', {}),
  ];
  const packs: Pack[] = [
    { id: 'acme-b', title: 'B', description: 'b', rules: { 'ACME-X-1': {}, 'ACME-X-2': {} } },
    { id: 'acme-a', title: 'A', description: 'a', rules: { 'ACME-X-1': {} } },
  ];

  test('ISO 27001: each control some rule maps to, its rules, severity and packs', () => {
    expect(controlMatrix(rules, packs, 'iso-27001-2022').controls).toEqual([
      { control: 'A.8.20', title: 'Networks security', rules: [{ id: 'ACME-X-2', title: 'title of ACME-X-2', severity: 'low', packs: ['acme-b'] }] },
      {
        control: 'A.8.24',
        title: 'Use of cryptography',
        rules: [
          { id: 'ACME-X-1', title: 'title of ACME-X-1', severity: 'high', packs: ['acme-a', 'acme-b'] },
          { id: 'ACME-X-2', title: 'title of ACME-X-2', severity: 'low', packs: ['acme-b'] },
        ],
      },
    ]);
  });

  test('SOC 2 and HIPAA: only their own controls; a framework nothing maps to is empty', () => {
    expect(controlMatrix(rules, packs, 'soc2').controls.map((c) => [c.control, c.rules.map((r) => r.id)])).toEqual([['CC6.1', ['ACME-X-1']]]);
    expect(controlMatrix(rules, packs, 'hipaa').controls).toEqual([{ control: '164.312(b)', title: 'Audit controls', rules: [{ id: 'ACME-X-3', title: 'title of ACME-X-3', severity: 'high', packs: [] }] }]);
    expect(controlMatrix(rules, packs, 'fips-140-3').controls).toEqual([]);
  });

  test('rendered as Markdown, text and JSON', () => {
    const m = controlMatrix(rules, packs, 'iso-27001-2022');
    const md = renderControlMatrixMarkdown(m);
    expect(md).toContain('# ISO/IEC 27001:2022 Annex A: controls and aira rules');
    expect(md).toContain('evidence for a control, not certification');
    expect(md).toContain('| A.8.24 Use of cryptography | `ACME-X-1` | title of ACME-X-1 | high | acme-a, acme-b |');
    expect(md).toContain('|  | `ACME-X-2` | title of ACME-X-2 | low | acme-b |');
    expect(md).not.toContain('ACME-X-3');
    const text = renderControlMatrixText(m);
    expect(text).toContain('ISO/IEC 27001:2022 Annex A: 2 Annex A control(s), 2 rule(s)');
    expect(text).toMatch(/\nA\.8\.20 Networks security\n {2}ACME-X-2 {2}low {7}title of ACME-X-2 {2}\[acme-b\]\n/);
    expect(JSON.parse(renderControlMatrixJson(m))).toEqual(JSON.parse(JSON.stringify(m)));
    expect(renderControlMatrixMarkdown(controlMatrix(rules, packs, 'fips-140-3'))).toContain('No rule maps to any requirement of FIPS 140-3');
  });

  test('the built-in rules: ISO 27001 and SOC 2 matrices name the rules and their packs', () => {
    const iso = controlMatrix(BUILTIN_RULES, BUILTIN_PACKS, 'iso-27001-2022');
    const a824 = iso.controls.find((c) => c.control === 'A.8.24')!;
    expect(a824.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['AIRA-KMS-001', 'AIRA-STO-001', 'AIRA-STO-002']));
    expect(a824.rules.find((r) => r.id === 'AIRA-STO-001')!.packs).toEqual(expect.arrayContaining(['aira-baseline', 'aira-security-baseline']));
    const soc2 = controlMatrix(BUILTIN_RULES, BUILTIN_PACKS, 'soc2');
    expect(soc2.controls.find((c) => c.control === 'CC6.6')!.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['AIRA-NET-001', 'AIRA-NET-002', 'AIRA-CMP-002', 'AIRA-GLD-003']));
    expect(soc2.controls.find((c) => c.control === 'CC8.1')!.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['AIRA-CHG-001', 'AIRA-GLD-005']));
  });
});

describe('built-in mappings stay ids, not prose', () => {
  const SHAPES: Record<string, RegExp> = {
    'iso-27001-2022': /^A\.[5-8]\.\d{1,2}$/,
    soc2: /^(CC[1-9]\.\d|A1\.\d|C1\.\d|PI1\.\d|P[1-8]\.\d)$/,
    hipaa: /^164\.3(0[68]|1[0-6])(\([a-z0-9]+\))+$/,
    'eu-ai-act': /^(Art\. \d+(\(\d+\))?(\([a-z]\))?|Annex [IVX]+)$/,
    'fips-140-3': /^\d+(\.\d+)*$/,
  };

  test.each(BUILTIN_RULES.map((r) => [r.id, r] as const))('%s: every control is a short id with a known title', (_, r) => {
    for (const f of FRAMEWORKS) {
      for (const c of controlsOf(r, f.id)) {
        expect(`${f.id} ${c}`).toMatch(new RegExp(`^${f.id} ${SHAPES[f.id].source.slice(1)}`));
        // A title documents what the control is; add it in lib/policy/frameworks.ts when mapping a new control.
        expect([f.id, c, controlTitle(f.id, c) !== undefined]).toEqual([f.id, c, true]);
      }
    }
  });
});
