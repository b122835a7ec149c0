import { parseInterpolatedJson } from '../../lib/policy/rule-kit';
import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const RULE = 'AIRA-STO-005';
const tlsDeny = (resource: unknown = ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*']) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const withPolicy = (statements: unknown[]) =>
  synthDoc({
    aws_s3_bucket: { b: { bucket: 'aira-data' } },
    aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } },
  });

describe('AIRA-STO-005 S3 buckets refuse requests without TLS', () => {
  test.each([
    ['a Deny on aws:SecureTransport = false for every principal and object', [tlsDeny()], 'pass'],
    ['the same with Principal { AWS: "*" } and a boolean false', [{ ...tlsDeny(), Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': false } } }], 'pass'],
    ['a policy with other statements only', [{ Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }], 'fail'],
    ['an Allow instead of a Deny', [{ ...tlsDeny(), Effect: 'Allow' }], 'fail'],
    ['a Deny on the bucket only, not its objects', [tlsDeny(['${aws_s3_bucket.b.arn}'])], 'fail'],
    ['a Deny of one action only', [{ ...tlsDeny(), Action: 's3:PutObject' }], 'fail'],
  ])('synthesized: %s -> %s', (_n, statements, expected) => {
    expect(statusOf(checkDoc(withPolicy(statements)).results, RULE, 'aws_s3_bucket.b')).toBe(expected);
  });

  test('a bucket without any bucket policy fails; a policy linked by the literal bucket name counts', () => {
    expect(statusOf(checkDoc(synthDoc({ aws_s3_bucket: { b: { bucket: 'aira-data' } } })).results, RULE, 'aws_s3_bucket.b')).toBe('fail');
    const byName = synthDoc({
      aws_s3_bucket: { b: { bucket: 'aira-data' } },
      aws_s3_bucket_policy: { p: { bucket: 'aira-data', policy: JSON.stringify({ Statement: [tlsDeny(['arn:aws:s3:::aira-data/*'])] }) } },
    });
    expect(statusOf(checkDoc(byName).results, RULE, 'aws_s3_bucket.b')).toBe('pass');
  });

  test('plan: a known policy is judged; one known only after apply is unknown, never pass', () => {
    const plan = (policy: string | undefined) =>
      planDoc([
        { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'aira-data' } },
        {
          type: 'aws_s3_bucket_policy',
          name: 'p',
          values: { bucket: 'aira-data', ...(policy === undefined ? {} : { policy }) },
          ...(policy === undefined ? { afterUnknown: { policy: true } } : {}),
          // As Terraform writes it: a policy interpolating the bucket ARN is configured by references only.
          expressions: {
            bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] },
            policy: policy === undefined ? { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } : { constant_value: policy },
          },
        },
      ]);
    expect(statusOf(checkDoc(plan(JSON.stringify({ Statement: [tlsDeny(['arn:aws:s3:::aira-data', 'arn:aws:s3:::aira-data/*'])] }))).results, RULE, 'aws_s3_bucket.b')).toBe('pass');
    expect(statusOf(checkDoc(plan(JSON.stringify({ Statement: [] }))).results, RULE, 'aws_s3_bucket.b')).toBe('fail');
    expect(statusOf(checkDoc(plan(undefined)).results, RULE, 'aws_s3_bucket.b')).toBe('unknown');
  });

  describe('plan of a fresh stack: the policy interpolates the bucket ARN, so only the configuration holds it', () => {
    const FROM_CONFIG = 'judged from the configuration: the planned value is known only after apply';
    // Modelled on `terraform show -json` of the storage-aws example: `after` leaves the policy out,
    // `after_unknown` marks it, and the JSON-syntax configuration keeps the document as written.
    const fresh = (policy: string, references = ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b']) =>
      planDoc([
        { type: 'aws_s3_bucket', name: 'b', values: { bucket: 'aira-data' }, afterUnknown: { arn: true, id: true } },
        {
          type: 'aws_s3_bucket_policy',
          name: 'p',
          values: {},
          afterUnknown: { bucket: true, id: true, policy: true },
          expressions: { bucket: { constant_value: '${aws_s3_bucket.b.id}', references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }, policy: { constant_value: policy, references } },
        },
      ]);
    const QUOTED = '${element(split(":", aws_kms_key.k.arn), 4)}';
    const resultOf = (doc: unknown) => checkDoc(doc).results.find((r) => r.ruleId === RULE && r.address === 'aws_s3_bucket.b');

    test.each([
      ['a TLS deny on the interpolated bucket ARN and its objects', 'pass', [tlsDeny()]],
      ['a TLS deny beside a statement whose interpolation holds quotes', 'pass', [tlsDeny(), { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*', Condition: { StringEquals: { 'aws:ResourceAccount': QUOTED } } }]],
      ['other statements only', 'fail', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }]],
      ['a TLS deny on the bucket only, not its objects', 'fail', [tlsDeny(['${aws_s3_bucket.b.arn}'])]],
    ])('%s -> %s', (_n, expected, statements) => {
      // As cdktf writes a token inside a stringified document: the quotes inside `${...}` stay unescaped.
      const r = resultOf(fresh(JSON.stringify({ Version: '2012-10-17', Statement: statements }).replace(JSON.stringify(QUOTED), `"${QUOTED}"`)));
      expect(r?.status).toBe(expected);
      expect(r?.message).toContain(FROM_CONFIG);
    });

    test('a policy from another resource or an expression stays unknown, and so does one configured by references only', () => {
      for (const policy of ['${data.aws_iam_policy_document.tls.json}', '${jsonencode({Statement = []})}']) {
        expect({ policy, status: resultOf(fresh(policy, ['data.aws_iam_policy_document.tls.json']))?.status }).toEqual({ policy, status: 'unknown' });
      }
      const refsOnly = fresh('');
      (refsOnly.configuration.root_module.resources[1].expressions as Record<string, unknown>).policy = { references: ['data.aws_iam_policy_document.tls.json'] };
      expect(resultOf(refsOnly)?.status).toBe('unknown');
    });
  });

  test('a synthesized policy whose interpolations hold quotes of their own is still read', () => {
    const text = '{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":"${element(split(":", aws_kms_key.k.arn), 4)}"}},"Resource":"${aws_s3_bucket.b.arn}/*"}]}';
    expect(parseInterpolatedJson(text)).toEqual({ Statement: [{ Condition: { StringEquals: { 'aws:SourceAccount': '${element(split(":", aws_kms_key.k.arn), 4)}' } }, Resource: '${aws_s3_bucket.b.arn}/*' }] });
    expect(parseInterpolatedJson('{"a": "${x}"')).toBeUndefined();
    const doc = synthDoc({
      aws_s3_bucket: { b: { bucket: 'aira-logs' } },
      aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: text.replace('[{', `[${JSON.stringify(tlsDeny())},{`) } },
    });
    expect(statusOf(checkDoc(doc).results, RULE, 'aws_s3_bucket.b')).toBe('pass');
  });
});
