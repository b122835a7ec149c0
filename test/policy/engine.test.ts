import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { evaluate } from '../../lib/policy/engine';
import { PolicyErrorCodes } from '../../lib/policy/errors';
import { loadDocument } from '../../lib/policy/load';
import { loadPolicyDir } from '../../lib/policy/policy-dir';
import { fail, pass } from '../../lib/policy/rule-kit';
import { selectRules, validateRule } from '../../lib/policy/rules';
import { parseSuppressionsText } from '../../lib/policy/suppressions-file';
import { Rule, RuleContext } from '../../lib/policy/types';
import { planDoc, scratch, synthDoc } from './helpers/docs';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return String((e as { code?: string }).code);
  }
  throw new Error('expected an error');
};

const base = { title: 'test rule', severity: 'high' as const, rationale: 'because tests', remediation: 'fix it please', frameworks: {}, references: [] };

describe('evaluation: one pass, rules see only their declared types', () => {
  const many = synthDoc({
    aws_vpc: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`v${i}`, { cidr_block: '10.0.0.0/16' }])),
    aws_subnet: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, {}])),
    aws_s3_bucket: { b: {} },
  });
  const input = loadDocument(many, 'cdk.tf.json');

  test('each rule is called once per resource of its types and never for other types', () => {
    const seen: string[] = [];
    const rule: Rule = { ...base, id: 'T-VPC-001', resourceTypes: ['aws_vpc'], check: (r) => (seen.push(r.type), pass('ok')) };
    const ev = evaluate([input], { rules: [{ rule, severity: 'high' }] });
    expect(seen).toHaveLength(50);
    expect(new Set(seen)).toEqual(new Set(['aws_vpc']));
    expect(ev.results).toHaveLength(50);
    expect(ev.resources).toBe(81);
    expect(ev.resourcesEvaluated).toBe(50);
    expect(ev.typesWithoutRule).toEqual(['aws_s3_bucket', 'aws_subnet']);
  });

  test('a rule that throws gives error for that resource; the run goes on', () => {
    const boom: Rule = { ...base, id: 'T-BOOM-001', resourceTypes: ['aws_vpc'], check: (r) => (r.name === 'v3' ? (null as any).x : pass('fine')) };
    const ev = evaluate([input], { rules: [{ rule: boom, severity: 'high' }, { rule: BUILTIN_RULES.find((r) => r.id === 'AIRA-STO-001')!, severity: 'high' }] });
    const errors = ev.results.filter((r) => r.status === 'error');
    expect(errors.map((r) => r.address)).toEqual(['aws_vpc.v3']);
    expect(errors[0].message).toMatch(/^rule failed on this resource: /);
    expect(ev.results.filter((r) => r.status === 'pass')).toHaveLength(49);
    expect(ev.results.find((r) => r.ruleId === 'AIRA-STO-001')!.status).toBe('fail');
  });

  test('several verdicts combine to the worst, one result per rule and resource', () => {
    const multi: Rule = { ...base, id: 'T-MULTI-001', resourceTypes: ['aws_s3_bucket'], check: () => [pass('a'), fail('b', 'x.y'), fail('c'), { status: 'unknown', message: 'd' }] };
    const [r] = evaluate([input], { rules: [{ rule: multi, severity: 'low' }] }).results;
    expect(r).toMatchObject({ status: 'fail', message: 'b; c', path: 'x.y', severity: 'low' });
  });

  test('a malformed verdict is an error, an empty list is not_applicable', () => {
    const bad: Rule = { ...base, id: 'T-BAD-001', resourceTypes: ['aws_s3_bucket'], check: () => ({ status: 'maybe', message: 1 }) as any };
    const none: Rule = { ...base, id: 'T-NONE-001', resourceTypes: ['aws_s3_bucket'], check: () => [] };
    const res = evaluate([input], { rules: [{ rule: bad, severity: 'low' }, { rule: none, severity: 'low' }] }).results;
    expect(res.map((r) => r.status)).toEqual(['error', 'not_applicable']);
  });

  test('data sources are skipped unless a rule asks for them', () => {
    const doc = synthDoc({}, { aws_s3_bucket: { existing: { bucket: 'x' } } });
    const ev = evaluate([loadDocument(doc, 'x')], { rules: BUILTIN_RULES.map((rule) => ({ rule, severity: rule.severity })) });
    expect(ev.results).toEqual([]);
  });

  test('cross-resource queries go through the index', () => {
    let ctxSeen: RuleContext | undefined;
    const rule: Rule = { ...base, id: 'T-CTX-001', resourceTypes: ['aws_vpc'], check: (r, ctx) => ((ctxSeen = ctx), pass(r.address)) };
    const doc = synthDoc({ aws_vpc: { a: {} }, aws_subnet: { s: { vpc_id: '${aws_vpc.a.id}' }, t: { vpc_id: '${aws_vpc.a.id}', tags: { n: '${aws_vpc.a.tags.Name}' } } } });
    const i = loadDocument(doc, 'x');
    evaluate([i], { rules: [{ rule, severity: 'low' }] });
    const vpc = ctxSeen!.find('aws_vpc.a')!;
    expect(ctxSeen!.referencing(vpc).map((r) => r.address)).toEqual(['aws_subnet.s', 'aws_subnet.t']);
    expect(ctxSeen!.referencing(vpc, { via: 'tags' }).map((r) => r.address)).toEqual(['aws_subnet.t']);
    expect(ctxSeen!.referencedBy(ctxSeen!.find('aws_subnet.s')!).map((r) => r.address)).toEqual(['aws_vpc.a']);
    expect(ctxSeen!.ofType('aws_subnet')).toHaveLength(2);
  });

  test('literal links (an NSG rule naming its NSG) are indexed once and found by value', () => {
    let calls = 0;
    const rule: Rule = {
      ...base,
      id: 'T-NSG-001',
      resourceTypes: ['azurerm_network_security_group'],
      check: (nsg, ctx) => {
        calls++;
        const rules = ctx.withValue('azurerm_network_security_rule', 'network_security_group_name', String(nsg.get('name')));
        return pass(rules.map((x) => x.address).join(','));
      },
    };
    const doc = synthDoc({
      azurerm_network_security_group: { a: { name: 'nsg-a' }, b: { name: 'nsg-b' } },
      azurerm_network_security_rule: { r1: { network_security_group_name: 'nsg-a' }, r2: { network_security_group_name: 'nsg-a' }, r3: { network_security_group_name: 'nsg-b' }, r4: { network_security_group_name: '${var.nsg}' } },
    });
    const res = evaluate([loadDocument(doc, 'x')], { rules: [{ rule, severity: 'low' }] }).results;
    expect(calls).toBe(2);
    expect(res.map((r) => r.message)).toEqual(['azurerm_network_security_rule.r1,azurerm_network_security_rule.r2', 'azurerm_network_security_rule.r3']);
  });
});

describe('suppressions', () => {
  const doc = planDoc([
    { type: 'aws_s3_bucket', name: 'a', values: {} },
    { type: 'aws_s3_bucket', name: 'b', index: 0, values: {} },
    { type: 'aws_s3_bucket', name: 'c', values: { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }] } },
  ]);

  test('a suppression turns fail into suppressed, keeps the reason and the original status; by rule id, Checkov id or config address', () => {
    const sup = parseSuppressionsText(
      `# accepted findings
suppressions:
  - id: AIRA-STO-001
    address: aws_s3_bucket.a
    reason: public website assets, nothing secret
  - id: CKV_AWS_19
    address: aws_s3_bucket.b
    reason: "legacy bucket, migrating in Q3"
  - id: AIRA-STO-001
    address: aws_s3_bucket.c
    reason: >
      encrypted already, this one
      should be reported as matching nothing
  - id: AIRA-NET-001
    address: aws_security_group.nowhere
    reason: resource that does not exist
`,
      'suppressions.yaml',
    );
    const input = loadDocument(doc, 'plan.json');
    const ev = evaluate([input], { rules: BUILTIN_RULES.map((rule) => ({ rule, severity: rule.severity })), suppressions: sup });
    const a = ev.results.find((r) => r.address === 'aws_s3_bucket.a' && r.ruleId === 'AIRA-STO-001')!;
    expect(a).toMatchObject({ status: 'suppressed', suppression: { status: 'fail', reason: 'public website assets, nothing secret', origin: 'suppressions.yaml' } });
    expect(ev.results.find((r) => r.address === 'aws_s3_bucket.b[0]' && r.ruleId === 'AIRA-STO-001')!.status).toBe('suppressed');
    expect(ev.results.find((r) => r.address === 'aws_s3_bucket.c' && r.ruleId === 'AIRA-STO-001')!.status).toBe('pass');
    expect(ev.unmatchedSuppressions.map((s) => s.address)).toEqual(['aws_s3_bucket.c', 'aws_security_group.nowhere']);
  });

  test('a reason under 10 characters is rejected, with the file named', () => {
    expect(codeOf(() => parseSuppressionsText('- {id: X}', 's.yaml'))).toBe(PolicyErrorCodes.INVALID_JSON);
    expect(codeOf(() => parseSuppressionsText('[{"id":"AIRA-STO-001","address":"a.b","reason":"short"}]', 's.json'))).toBe(PolicyErrorCodes.INVALID_SUPPRESSION);
    expect(() => parseSuppressionsText('[{"id":"AIRA-STO-001","address":"a.b","reason":"short"}]', 's.json')).toThrow(/s\.json: suppression #1 has a reason under 10 characters/);
    expect(() => parseSuppressionsText('suppressions:\n  - id: A-B-1\n    reason: long enough reason\n', 's.yml')).toThrow(/has no address/);
  });

  test('suppressed results stay in the report (auditable) and do not fail the run', () => {
    const sup = parseSuppressionsText('[{"id":"AIRA-STO-001","address":"aws_s3_bucket.a","reason":"static assets only"},{"id":"AIRA-STO-001","address":"aws_s3_bucket.b","reason":"static assets only"}]', 's.json');
    const f = path.join(scratch('engine-sup'), 's.json');
    fs.writeFileSync(f, JSON.stringify(sup.map(({ id, address, reason }) => ({ id, address, reason }))));
    const bundle = checkInputs([loadDocument(doc, 'plan.json')], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: ['aira-baseline'], suppressionFiles: [f] });
    expect(bundle.report.summary.passed).toBe(true);
    expect(bundle.report.results.map((r) => [r.address, r.status])).toEqual([
      ['aws_s3_bucket.a', 'suppressed'],
      ['aws_s3_bucket.b[0]', 'suppressed'],
    ]);
  });
});

describe('packs and rule contracts', () => {
  test('no pack: every rule at its own severity; a pack selects and overrides severities', () => {
    expect(selectRules(BUILTIN_RULES, BUILTIN_PACKS).map((s) => s.rule.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
    const safety = selectRules(BUILTIN_RULES, BUILTIN_PACKS, ['aira-change-safety']);
    expect(safety.map((s) => [s.rule.id, s.severity])).toEqual([['AIRA-CHG-001', 'critical']]);
    // Union of packs: the most severe level wins.
    const both = selectRules(BUILTIN_RULES, BUILTIN_PACKS, ['aira-baseline', 'aira-change-safety']);
    expect(both.find((s) => s.rule.id === 'AIRA-CHG-001')!.severity).toBe('critical');
    expect(both).toHaveLength(5);
  });

  test('an unknown pack, and a pack naming an unknown rule, are errors', () => {
    expect(codeOf(() => selectRules(BUILTIN_RULES, BUILTIN_PACKS, ['nope']))).toBe(PolicyErrorCodes.UNKNOWN_PACK);
    expect(() => selectRules(BUILTIN_RULES, BUILTIN_PACKS, ['nope'])).toThrow(/known: aira-baseline, aira-change-safety/);
    expect(codeOf(() => selectRules([], BUILTIN_PACKS, ['aira-baseline']))).toBe(PolicyErrorCodes.INVALID_RULE);
  });

  test.each([
    ['a bad id', { ...base, id: 'lower-case', resourceTypes: ['x'], check: () => pass('') }, /is not of the form/],
    ['a bad severity', { ...base, id: 'A-B-1', severity: 'urgent', resourceTypes: ['x'], check: () => pass('') }, /severity "urgent"/],
    ['no resource types', { ...base, id: 'A-B-1', resourceTypes: [], check: () => pass('') }, /declares no resourceTypes/],
    ['no check', { ...base, id: 'A-B-1', resourceTypes: ['x'] }, /has no check function/],
  ])('a rule with %s is rejected', (_n, rule, message) => {
    expect(() => validateRule(rule, 'my-rules.js')).toThrow(message);
    expect(codeOf(() => validateRule(rule, 'my-rules.js'))).toBe(PolicyErrorCodes.INVALID_RULE);
  });

  test('--policy-dir loads JavaScript and TypeScript rule modules and packs', () => {
    const dir = scratch('engine-policy-dir');
    fs.writeFileSync(
      path.join(dir, 'tags.js'),
      `module.exports.requireOwner = { id: 'ACME-TAG-001', title: 'Buckets carry an owner tag', severity: 'medium', rationale: 'cost allocation needs an owner',
        remediation: 'add tags.owner', resourceTypes: ['aws_s3_bucket'], frameworks: {}, references: [],
        check: (r) => (r.get('tags.owner') ? { status: 'pass', message: 'owner set' } : { status: 'fail', message: 'no owner tag' }) };
       module.exports.pack = { id: 'acme', title: 'Acme', description: 'our rules', rules: { 'ACME-TAG-001': { severity: 'high' }, 'AIRA-STO-001': {} } };`,
    );
    fs.writeFileSync(
      path.join(dir, 'names.ts'),
      `const rule = { id: 'ACME-NAME-001', title: 'Buckets are named', severity: 'low' as const, rationale: 'names make audits easy', remediation: 'set bucket',
        resourceTypes: ['aws_s3_bucket'], frameworks: {}, references: [], check: (r: { get(p: string): unknown }) => ({ status: r.get('bucket') ? 'pass' as const : 'fail' as const, message: 'bucket name' }) };
       export default [rule];`,
    );
    fs.writeFileSync(path.join(dir, 'names.test.ts'), 'throw new Error("tests are not rule modules")');
    const found = loadPolicyDir(dir);
    expect(found.rules.map((r) => r.id).sort()).toEqual(['ACME-NAME-001', 'ACME-TAG-001']);
    expect(found.packs.map((p) => p.id)).toEqual(['acme']);
    const bundle = checkInputs([loadDocument(planDoc([{ type: 'aws_s3_bucket', name: 'a', values: { tags: { owner: 'ml' } } }]), 'p.json')], {
      rules: [...BUILTIN_RULES, ...found.rules],
      packs: [...BUILTIN_PACKS, ...found.packs],
      packIds: ['acme'],
      includePassed: true,
    });
    expect(bundle.all.map((r) => [r.ruleId, r.status, r.severity])).toEqual([
      ['AIRA-STO-001', 'fail', 'high'],
      ['ACME-TAG-001', 'pass', 'high'],
    ]);
  });

  test('a policy dir that does not load is one clear error', () => {
    const dir = scratch('engine-policy-dir-bad');
    fs.writeFileSync(path.join(dir, 'broken.js'), 'this is not javascript');
    expect(codeOf(() => loadPolicyDir(dir))).toBe(PolicyErrorCodes.INVALID_RULE);
    expect(() => loadPolicyDir(dir)).toThrow(/broken\.js: cannot load the module/);
    expect(() => loadPolicyDir(path.join(dir, 'missing'))).toThrow(/is not a directory/);
  });
});
