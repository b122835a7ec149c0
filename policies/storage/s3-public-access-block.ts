import { boolAt, fail, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';

const PAB = 'aws_s3_bucket_public_access_block';
// The four settings of an S3 public access block (hashicorp/aws s3_bucket_public_access_block docs); each defaults to false.
const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

function linked(bucket: ResourceView, ctx: RuleContext): ResourceView[] {
  const out = [...ctx.referencing(bucket, { type: PAB, via: 'bucket' })];
  const name = bucket.get('bucket');
  if (typeof name === 'string') for (const c of ctx.withValue(PAB, 'bucket', name)) if (!out.includes(c)) out.push(c);
  return out;
}

/** Every S3 bucket has a public access block with all four flags on. */
export const s3PublicAccessBlock: Rule = {
  id: 'AIRA-STO-003',
  title: 'S3 buckets block public access with all four settings',
  severity: 'high',
  rationale:
    'A public ACL or bucket policy on a bucket of training data, checkpoints or model weights publishes them. ' +
    'The bucket-level public access block stops both, whatever later policies say, but only with all four settings on.',
  remediation: `Add an ${PAB} whose bucket references the bucket, with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.`,
  resourceTypes: ['aws_s3_bucket'],
  frameworks: {
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_6', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
  docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  check(bucket, ctx): Verdict {
    const blocks = linked(bucket, ctx);
    if (!blocks.length) return fail(`no ${PAB} references the bucket`);
    let pending: string | undefined;
    for (const b of blocks) {
      const off = FLAGS.filter((f) => boolAt(b, [f]) !== true && boolAt(b, [f]) !== UNKNOWN);
      const unk = FLAGS.filter((f) => boolAt(b, [f]) === UNKNOWN);
      if (!off.length && !unk.length) return pass(`all four settings on in ${b.address}`);
      if (!off.length) pending = `${b.address} ${unk.join(', ')}`;
      else if (blocks.length === 1) return fail(`${b.address} leaves ${off.join(', ')} off`, off[0]);
    }
    if (pending) return unknown(`${pending} known only after apply`);
    return fail(`no public access block of the bucket sets all four settings (${FLAGS.join(', ')})`);
  },
};
