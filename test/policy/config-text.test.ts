import { loadDocument } from '../../lib/policy/load';
import { ResourceView, UNKNOWN } from '../../lib/policy/types';
import { planDoc, synthDoc } from './helpers/docs';

// A role policy as cdktf writes it and Terraform plans it on a fresh stack (modelled on `terraform show
// -json` of the storage-aws example): the planned value is unknown, the configuration holds the text.
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['${aws_s3_bucket.b.arn}/*'] }],
});
const policyExpression = { constant_value: POLICY, references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] };

const viewOf = (doc: unknown, address: string): ResourceView => {
  const v = loadDocument(doc, 'in.json').resources.find((r) => r.address === address);
  if (!v) throw new Error(`no view ${address}`);
  return v;
};

describe('ResourceView.configText on a plan', () => {
  const doc = planDoc([
    { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'aira-data' }, afterUnknown: { arn: true, id: true } },
    { type: 'aws_iam_role_policy', name: 'p', values: { name: 'read' }, afterUnknown: { id: true, policy: true, role: true }, expressions: { name: { constant_value: 'read' }, policy: policyExpression, role: { references: ['aws_iam_role.r.name', 'aws_iam_role.r'] } } },
    {
      type: 'aws_iam_policy_document',
      name: 'd',
      mode: 'data',
      values: { statement: [{ actions: ['s3:GetObject'] }] },
      afterUnknown: { json: true, statement: [{ resources: true }] },
      expressions: { statement: [{ actions: { constant_value: ['s3:GetObject'] }, resources: { constant_value: ['${aws_s3_bucket.b.arn}'], references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } }] },
    },
    { type: 'aws_iam_policy', name: 'm', module: 'module.team', index: 'ml', values: {}, afterUnknown: { policy: true }, expressions: { policy: policyExpression } },
    { type: 'aws_iam_policy', name: 'old', actions: ['delete'], before: { policy: POLICY } },
  ]);

  test('an unknown top-level attribute reads as its constant_value, as written', () => {
    const p = viewOf(doc, 'aws_iam_role_policy.p');
    expect(p.get('policy')).toBe(UNKNOWN);
    expect(p.configText('policy')).toBe(POLICY);
    expect(p.configText(['policy'])).toBe(POLICY);
    // Known attributes read too: the accessor says what the configuration holds, whatever the plan knows.
    expect(p.configText('name')).toBe('read');
  });

  test('undefined where the configuration holds references only, nothing, or a path that is not there', () => {
    const p = viewOf(doc, 'aws_iam_role_policy.p');
    expect(p.configText('role')).toBeUndefined();
    expect(p.configText('description')).toBeUndefined();
    expect(p.configText('')).toBeUndefined();
    expect(p.configText('policy.x')).toBeUndefined();
    // Never the prototype, never a property of Object.
    expect(p.configText('__proto__')).toBeUndefined();
    expect(p.configText('constructor')).toBeUndefined();
  });

  test('a path into nested blocks and constant lists; a list itself is not text', () => {
    const d = viewOf(doc, 'data.aws_iam_policy_document.d');
    expect(d.get('statement.0.resources')).toBe(UNKNOWN);
    expect(d.configText('statement.0.resources.0')).toBe('${aws_s3_bucket.b.arn}');
    expect(d.configText(['statement', 0, 'actions', 0])).toBe('s3:GetObject');
    expect(d.configText('statement.0.resources')).toBeUndefined();
    expect(d.configText('statement')).toBeUndefined();
    expect(d.configText('statement.1.resources.0')).toBeUndefined();
  });

  test('a resource in a child module, with an instance key, reads its module configuration', () => {
    const m = viewOf(doc, 'module.team.aws_iam_policy.m["ml"]');
    expect(m.module).toBe('module.team');
    expect(m.configText('policy')).toBe(POLICY);
  });

  test('a deletion has no configuration text: its values come from before', () => {
    const old = viewOf(doc, 'aws_iam_policy.old');
    expect(old.get('policy')).toBe(POLICY);
    expect(old.configText('policy')).toBeUndefined();
  });

  test('a plan without resource_changes (planned_values only) still reads the configuration', () => {
    const noChanges: Record<string, unknown> = { ...doc };
    delete noChanges.resource_changes;
    expect(viewOf(noChanges, 'aws_iam_role_policy.p').configText('policy')).toBe(POLICY);
  });

  test('a plan without configuration: undefined', () => {
    const bare: Record<string, unknown> = { ...doc };
    delete bare.configuration;
    const p = viewOf(bare, 'aws_iam_role_policy.p');
    expect(p.get('policy')).toBe(UNKNOWN);
    expect(p.configText('policy')).toBeUndefined();
  });
});

describe('ResourceView.configText on a synthesized stack and a state', () => {
  test('synth: the synthesized string, interpolations and all, for unknown and known values alike', () => {
    const doc = synthDoc({
      aws_s3_bucket: { b: { bucket: 'aira-data', tags: { team: 'ml' } } },
      aws_iam_role_policy: { p: { name: 'read', policy: POLICY, role: '${aws_iam_role.r.name}' } },
    });
    const p = viewOf(doc, 'aws_iam_role_policy.p');
    expect(p.get('policy')).toBe(UNKNOWN);
    expect(p.configText('policy')).toBe(POLICY);
    expect(p.configText('role')).toBe('${aws_iam_role.r.name}');
    expect(p.configText('name')).toBe('read');
    const b = viewOf(doc, 'aws_s3_bucket.b');
    expect(b.configText('tags.team')).toBe('ml');
    expect(b.configText('tags')).toBeUndefined();
    expect(b.configText('acl')).toBeUndefined();
    expect(b.configText('__proto__')).toBeUndefined();
  });

  test('state: undefined (a state holds no configuration)', () => {
    const state = {
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { policy: POLICY }, sensitive_values: {} }] } },
    };
    const p = viewOf(state, 'aws_iam_policy.p');
    expect(p.source).toBe('state');
    expect(p.get('policy')).toBe(POLICY);
    expect(p.configText('policy')).toBeUndefined();
  });
});
