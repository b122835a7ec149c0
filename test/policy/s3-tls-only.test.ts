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
