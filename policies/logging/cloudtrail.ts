import { boolAt, fail, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

/**
 * A CloudTrail trail the stack declares validates its log files, covers every region and encrypts with a
 * customer-managed key. On AWS the trail is the stack's declaration of the platform's audit sink: a stack
 * without an `aws_cloudtrail` leaves the account's audit trail to the stack (or organization) that owns
 * it, and this rule has nothing to judge there.
 */
export const cloudTrailIntegrity: Rule = {
  id: 'AIRA-LOG-002',
  title: 'CloudTrail trails validate log files, cover every region and use a customer-managed key',
  severity: 'medium',
  rationale:
    'The audit trail is the evidence of who changed the platform and who read its data. Without log file validation an altered or deleted log file ' +
    'goes unnoticed (CloudTrail writes a signed SHA-256 digest file every hour only when validation is on); a single-region trail misses API calls ' +
    'made in other regions; without a customer-managed key the trail\'s readers are governed by the bucket alone.',
  remediation: 'On the aws_cloudtrail: enable_log_file_validation = true, is_multi_region_trail = true, kms_key_id = a customer-managed KMS key ARN (and leave enable_logging on).',
  resourceTypes: ['aws_cloudtrail'],
  frameworks: {
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
    hipaa: ['164.312(b)', '164.312(c)(1)'],
  },
  references: ['CKV_AWS_36', 'CKV_AWS_67', 'CKV_AWS_35', 'AVD-AWS-0016', 'AVD-AWS-0014', 'AVD-AWS-0015'],
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  ],
  check(r): Verdict {
    // enable_logging defaults to true (hashicorp/aws aws_cloudtrail docs); false stops the trail recording anything.
    const logging = boolAt(r, ['enable_logging']);
    if (logging === false) return fail('enable_logging = false: the trail records nothing', 'enable_logging');
    if (logging === UNKNOWN) return unknown('enable_logging is known only after apply', 'enable_logging');
    // Both default to false in the provider.
    for (const [attr, why] of [
      ['enable_log_file_validation', 'altered or deleted log files go undetected'],
      ['is_multi_region_trail', 'API calls in other regions are not recorded'],
    ] as const) {
      const v = boolAt(r, [attr]);
      if (v === UNKNOWN) return unknown(`${attr} is known only after apply`, attr);
      if (v !== true) return fail(`${attr} is not true (default false): ${why}`, attr);
    }
    const key = stringAt(r, ['kms_key_id']);
    // An unknown kms_key_id is set, to a key whose ARN is known after apply (a key created with the stack).
    if (key === UNKNOWN) return pass('log file validation on, every region, kms_key_id set (a key created with the stack)', 'kms_key_id');
    if (!key) return fail('no kms_key_id: log files are encrypted with S3-managed keys only', 'kms_key_id');
    return pass('log file validation on, every region, customer-managed key', 'kms_key_id');
  },
};
