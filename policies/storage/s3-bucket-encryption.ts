import { blocks, fail, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, Rule, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';

const SSE_RESOURCE = 'aws_s3_bucket_server_side_encryption_configuration';
// Accepted `sse_algorithm` values (AWS provider docs of both resources: AES256, aws:kms, aws:kms:dsse).
const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/**
 * The algorithm of a server-side encryption configuration: `rule` blocks, each with an
 * `apply_server_side_encryption_by_default` block. Lists in a plan, objects in cdktf output: `blocks`
 * reads both.
 */
function algorithm(r: ResourceView, root: ValuePath): { verdict: 'yes' | 'no' | 'unknown'; alg?: string } {
  // The inline form nests the rules one block deeper: server_side_encryption_configuration { rule { ... } }.
  const tops = root.length ? blocks(r, root) : [root];
  if (tops === UNKNOWN) return { verdict: 'unknown' };
  const rules: ValuePath[] = [];
  let sawUnknown = false;
  for (const top of tops) {
    const found = blocks(r, [...top, 'rule']);
    if (found === UNKNOWN) sawUnknown = true;
    else rules.push(...found);
  }
  for (const rule of rules) {
    const defaults = blocks(r, [...rule, 'apply_server_side_encryption_by_default']);
    if (defaults === UNKNOWN) {
      sawUnknown = true;
      continue;
    }
    for (const d of defaults) {
      const alg = stringAt(r, [...d, 'sse_algorithm']);
      if (alg === UNKNOWN) sawUnknown = true;
      else if (alg && ALGORITHMS.has(alg)) return { verdict: 'yes', alg };
    }
  }
  return { verdict: sawUnknown ? 'unknown' : 'no' };
}

/** Encryption resources for a bucket: those referencing it, or naming it by a literal bucket name. */
function linkedConfigurations(bucket: ResourceView, ctx: RuleContext): ResourceView[] {
  const linked = [...ctx.referencing(bucket, { type: SSE_RESOURCE, via: 'bucket' })];
  const name = bucket.get('bucket');
  if (typeof name === 'string') for (const c of ctx.withValue(SSE_RESOURCE, 'bucket', name)) if (!linked.includes(c)) linked.push(c);
  return linked;
}

function check(bucket: ResourceView, ctx: RuleContext): Verdict {
  // AWS provider >= 4: a separate resource whose `bucket` references this bucket.
  const linked = linkedConfigurations(bucket, ctx);
  let pending: string | undefined;
  for (const c of linked) {
    const a = algorithm(c, []);
    if (a.verdict === 'yes') return pass(`encrypted at rest (${a.alg}) by ${c.address}`);
    if (a.verdict === 'unknown') pending = c.address;
  }
  // AWS provider < 4: the inline block.
  const inline = algorithm(bucket, ['server_side_encryption_configuration']);
  if (inline.verdict === 'yes') return pass(`encrypted at rest (${inline.alg}) by its inline server_side_encryption_configuration`, 'server_side_encryption_configuration');
  if (inline.verdict === 'unknown' || pending) {
    return unknown(`the encryption configuration (${pending ?? 'inline block'}) is known only after apply`, pending ? undefined : 'server_side_encryption_configuration');
  }
  return fail(
    linked.length
      ? `${linked.map((c) => c.address).join(', ')} sets no valid sse_algorithm`
      : `no server-side encryption configuration: neither an inline server_side_encryption_configuration nor an ${SSE_RESOURCE} referencing the bucket`,
    'server_side_encryption_configuration',
  );
}

/** S3 buckets declare encryption at rest, inline (provider < 4) or with the separate resource (>= 4). */
export const s3BucketEncryption: Rule = {
  id: 'AIRA-STO-001',
  title: 'S3 buckets are encrypted at rest',
  severity: 'high',
  rationale:
    'Training data, checkpoints and model artifacts in object storage must be encrypted at rest, with the key choice stated in code so reviews and audits can see it. ' +
    'S3 applies SSE-S3 to new buckets by default since January 2023, but only a declared configuration pins the algorithm (and a KMS key where one is required).',
  remediation: `Add an ${SSE_RESOURCE} whose bucket references the bucket (AWS provider >= 4), with sse_algorithm aws:kms and a customer managed key where your data classification requires one.`,
  resourceTypes: ['aws_s3_bucket'],
  frameworks: {
    // No FIPS 140-3 entry: the rule also passes SSE-S3 (AES256), whose keys are not customer keys in a
    // validated KMS module; only a rule requiring aws:kms with a customer managed key could claim that.
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
    hipaa: ['164.312(a)(2)(iv)'],
    // Art. 15(5) names confidentiality attacks; Art. 10 (data quality and governance) is not about storage security.
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_19', 'AVD-AWS-0088'],
  docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration'],
  check,
};
