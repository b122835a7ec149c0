import { PlanRes, checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const RULE = 'AIRA-IAM-001';
const FROM_CONFIG = 'judged from the configuration: the planned value is known only after apply';
const pol = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * A role policy on a plan of a fresh stack, as Terraform writes a cdktf (JSON-syntax) stack: the policy
 * interpolates an ARN the plan creates, so `after` leaves it out and `after_unknown` marks it, while the
 * configuration expression holds the document as written (modelled on `terraform show -json` of the
 * storage-aws example).
 */
const freshPolicy = (policy: string, references: string[] = ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'], extra: Partial<PlanRes> = {}): PlanRes => ({
  type: 'aws_iam_role_policy',
  name: 'p',
  values: { name: 'grant' },
  afterUnknown: { id: true, name_prefix: true, policy: true, role: true },
  expressions: { name: { constant_value: 'grant' }, policy: { constant_value: policy, references }, role: { references: ['aws_iam_role.r.name', 'aws_iam_role.r'] } },
  ...extra,
});
const resultOf = (doc: unknown, address = 'aws_iam_role_policy.p') => checkDoc(doc).results.find((r) => r.ruleId === RULE && r.address === address);

describe('AIRA-IAM-001 on a plan whose policy is known only after apply', () => {
  test.each([
    ['specific actions on an interpolated bucket ARN', 'pass', [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['${aws_s3_bucket.b.arn}/*'] }]],
    ['"*" on an interpolated ARN: a specific resource, not every resource', 'pass', [{ Effect: 'Allow', Action: '*', Resource: '${aws_s3_bucket.b.arn}' }]],
    ['"*" on "*" beside a statement on an interpolated ARN', 'fail', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }, { Effect: 'Allow', Action: '*', Resource: '*' }]],
    ['NotAction on "*" with an interpolated condition', 'fail', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/bucket': '${aws_s3_bucket.b.id}' } } }]],
    ['an interpolated Action on "*"', 'unknown', [{ Effect: 'Allow', Action: '${aws_ssm_parameter.a.value}', Resource: '*' }]],
    ['"*" on a bare variable', 'unknown', [{ Effect: 'Allow', Action: '*', Resource: '${var.resource}' }]],
  ])('%s -> %s, judged from the configuration', (_n, expected, statements) => {
    const r = resultOf(planDoc([freshPolicy(pol(statements))]));
    expect(r?.status).toBe(expected);
    expect(r?.message).toContain(FROM_CONFIG);
  });

  test('a known planned policy is judged from its value, with no note', () => {
    const r = resultOf(planDoc([{ type: 'aws_iam_role_policy', name: 'p', values: { policy: pol([{ Effect: 'Allow', Action: '*', Resource: '*' }]) } }]));
    expect(r?.status).toBe('fail');
    expect(r?.message).not.toContain(FROM_CONFIG);
  });

  test('a policy whose configuration is opaque stays unknown', () => {
    // Another resource's output, an expression around the document, or references only (HCL).
    for (const policy of ['${data.aws_iam_policy_document.x.json}', '${aws_iam_policy.base.policy}', '${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}']) {
      const r = resultOf(planDoc([freshPolicy(policy, ['data.aws_iam_policy_document.x.json', 'data.aws_iam_policy_document.x'])]));
      expect({ policy, status: r?.status }).toEqual({ policy, status: 'unknown' });
    }
    const refsOnly = planDoc([{ ...freshPolicy(''), expressions: { policy: { references: ['var.policy'] } } }]);
    expect(resultOf(refsOnly)?.status).toBe('unknown');
  });

  test('a whole reference to a policy document in the same input is judged from that document', () => {
    const plan = (actions: string[]) =>
      planDoc([
        freshPolicy('${data.aws_iam_policy_document.d.json}', ['data.aws_iam_policy_document.d.json', 'data.aws_iam_policy_document.d']),
        { type: 'aws_iam_policy_document', name: 'd', mode: 'data', actions: ['read'], values: { statement: [{ effect: 'Allow', actions, resources: ['*'] }] } },
      ]);
    expect(resultOf(plan(['*']))?.status).toBe('fail');
    expect(resultOf(plan(['s3:GetObject']))?.status).toBe('pass');
  });

  test('in a child module, the document and the reference are read in that module', () => {
    const inModule = (m: PlanRes): PlanRes => ({ ...m, module: 'module.team', index: 0 });
    const doc = planDoc([
      inModule(freshPolicy(pol([{ Effect: 'Allow', Action: '*', Resource: '*' }]), ['aws_s3_bucket.b.arn'])),
      // The module's own document is administrator-equivalent; the root's one of the same name is not.
      inModule({ ...freshPolicy('${data.aws_iam_policy_document.d.json}', ['data.aws_iam_policy_document.d.json']), name: 'q' }),
      { type: 'aws_iam_policy_document', name: 'd', mode: 'data', values: { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] } },
      inModule({ type: 'aws_iam_policy_document', name: 'd', mode: 'data', values: { statement: [{ actions: ['*'], resources: ['*'] }] } }),
    ]);
    expect(resultOf(doc, 'module.team.aws_iam_role_policy.p[0]')?.status).toBe('fail');
    const q = resultOf(doc, 'module.team.aws_iam_role_policy.q[0]');
    expect(q?.status).toBe('fail');
    expect(q?.message).toContain('module.team.data.aws_iam_policy_document.d');
  });
});

describe('AIRA-IAM-001 on a data aws_iam_policy_document whose resources interpolate ARNs', () => {
  // A read deferred to apply: the planned statement lists the interpolated element as unknown, and the
  // JSON-syntax configuration keeps the list as written.
  const deferred = (actions: string[], resources: string[] | undefined) =>
    planDoc([
      {
        type: 'aws_iam_policy_document',
        name: 'd',
        mode: 'data',
        actions: ['read'],
        values: { statement: [{ actions, ...(resources ? { resources: resources.map((x) => (x.includes('${') ? null : x)) } : {}) }] },
        afterUnknown: { id: true, json: true, minified_json: true, statement: [{ resources: resources ? resources.map((x) => x.includes('${')) : true }] },
        expressions: { statement: [{ actions: { constant_value: actions }, resources: resources ? { constant_value: resources, references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } : { references: ['var.arns'] } }] },
      },
    ]);
  const doc = (d: unknown) => checkDoc(d).results.find((r) => r.ruleId === RULE && r.address === 'data.aws_iam_policy_document.d');

  test.each([
    ['"*" on an interpolated bucket ARN', 'pass', ['*'], ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*']],
    ['"*" on "*" beside an interpolated ARN', 'fail', ['*'], ['${aws_s3_bucket.b.arn}', '*']],
    ['"*" on a bare variable', 'unknown', ['*'], ['${var.arn}']],
  ])('plan, deferred read: %s -> %s, judged from the configuration', (_n, expected, actions, resources) => {
    const r = doc(deferred(actions, resources));
    expect(r?.status).toBe(expected);
    expect(r?.message).toContain(FROM_CONFIG);
  });

  test('plan: resources configured by a whole expression stay unknown', () => {
    expect(doc(deferred(['*'], undefined))?.status).toBe('unknown');
  });

  test('synth: an interpolated resource is a specific resource', () => {
    const synth = (resources: string[]) => synthDoc({}, { aws_iam_policy_document: { d: { statement: [{ actions: ['*'], resources }] } } });
    expect(doc(synth(['${aws_s3_bucket.b.arn}/*']))?.status).toBe('pass');
    expect(doc(synth(['${aws_s3_bucket.b.arn}/*', '*']))?.status).toBe('fail');
    expect(doc(synth(['${var.arn}']))?.status).toBe('unknown');
  });
});

describe('AIRA-IAM-001 on a synthesized policy whose interpolations hold quotes', () => {
  // As cdktf writes a token inside a JSON-stringified document: the quotes inside `${...}` are not
  // escaped (Terraform evaluates the interpolation before the string is JSON), so JSON.parse fails.
  const account = '"Condition":{"StringEquals":{"aws:ResourceAccount":"${element(split(":", aws_kms_key.k.arn), 4)}"}}';
  test.each([
    ['"*" on "*"', 'fail', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",${account}}]}`],
    ['specific actions on "*"', 'pass', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*",${account}}]}`],
    ['"*" on an ARN built by a function', 'pass', '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"${format("%s/*", aws_s3_bucket.b.arn)}"}]}'],
  ])('%s -> %s', (_n, expected, policy) => {
    expect(() => JSON.parse(policy)).toThrow();
    expect(statusOf(checkDoc(synthDoc({ aws_iam_policy: { p: { policy } } })).results, RULE, 'aws_iam_policy.p')).toBe(expected);
  });

  test('the same text in a plan configuration is judged alike', () => {
    const policy = `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",${account}}]}`;
    const r = resultOf(planDoc([freshPolicy(policy, ['aws_kms_key.k.arn', 'aws_kms_key.k'])]));
    expect(r?.status).toBe('fail');
    expect(r?.message).toContain(FROM_CONFIG);
  });
});
