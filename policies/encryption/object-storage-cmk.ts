import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { CMK_FIPS_DOCS, CMK_FRAMEWORKS, isAwsManagedAlias, keyAt } from './key-refs';

const S3_SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const S3_LOGGING = 'aws_s3_bucket_logging';
const AZ_CMK = 'azurerm_storage_account_customer_managed_key';
// The algorithms that encrypt under a KMS key (AWS provider docs of the SSE configuration resource).
const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

type Finding = { state: 'cmk' | 'unknown' | 'no'; detail: string; path?: string };

/** The default-encryption rules of an SSE configuration (`root` is `[]` for the separate resource, the inline block otherwise). */
function sseDefaults(r: ResourceView, root: ValuePath): ValuePath[] | typeof UNKNOWN {
  const tops = root.length ? blocks(r, root) : [root];
  if (tops === UNKNOWN) return UNKNOWN;
  const out: ValuePath[] = [];
  for (const top of tops) {
    const rules = blocks(r, [...top, 'rule']);
    if (rules === UNKNOWN) return UNKNOWN;
    for (const rule of rules) {
      const d = blocks(r, [...rule, 'apply_server_side_encryption_by_default']);
      if (d === UNKNOWN) return UNKNOWN;
      out.push(...d);
    }
  }
  return out;
}

/** Whether one SSE configuration encrypts with a customer-managed KMS key. */
function s3Finding(r: ResourceView, root: ValuePath, where: string): Finding {
  const defaults = sseDefaults(r, root);
  if (defaults === UNKNOWN) return { state: 'unknown', detail: `the encryption rules of ${where} are known only after apply` };
  let seen = 'no default encryption rule';
  for (const d of defaults) {
    const alg = stringAt(r, [...d, 'sse_algorithm']);
    if (alg === UNKNOWN) return { state: 'unknown', detail: `the sse_algorithm of ${where} is known only after apply` };
    if (!alg || !KMS_ALGORITHMS.has(alg)) {
      seen = `sse_algorithm ${alg ?? '(none)'} (S3-managed keys)`;
      continue;
    }
    const key = keyAt(r, [...d, 'kms_master_key_id']);
    if (key === 'unknown') return { state: 'unknown', detail: `the kms_master_key_id of ${where} is known only after apply` };
    if (key === 'absent') {
      seen = `${alg} without kms_master_key_id (the AWS managed key aws/s3)`;
      continue;
    }
    if (isAwsManagedAlias(r, [...d, 'kms_master_key_id'])) {
      seen = `${alg} with the AWS managed key ${String(r.get([...d, 'kms_master_key_id']))}`;
      continue;
    }
    return { state: 'cmk', detail: `${alg} with a customer-managed key (${where})` };
  }
  return { state: 'no', detail: `${where}: ${seen}` };
}

function linked(target: ResourceView, ctx: RuleContext, type: string, via: string, literal?: unknown): ResourceView[] {
  const out = [...ctx.referencing(target, { type, via })];
  if (typeof literal === 'string') for (const c of ctx.withValue(type, via, literal)) if (!out.includes(c)) out.push(c);
  return out;
}

function s3Bucket(bucket: ResourceView, ctx: RuleContext): Verdict {
  const name = bucket.get('bucket');
  const findings: Finding[] = linked(bucket, ctx, S3_SSE, 'bucket', name).map((c) => s3Finding(c, [], c.address));
  if (bucket.get('server_side_encryption_configuration') !== undefined) findings.push({ ...s3Finding(bucket, ['server_side_encryption_configuration'], 'the inline server_side_encryption_configuration'), path: 'server_side_encryption_configuration' });
  const cmk = findings.find((f) => f.state === 'cmk');
  if (cmk) return pass(cmk.detail, cmk.path);
  const pending = findings.find((f) => f.state === 'unknown');
  if (pending) return unknown(pending.detail, pending.path);
  // S3 delivers server access logs only to buckets whose default encryption is SSE-S3
  // (docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html): no key to choose.
  const logTarget = linked(bucket, ctx, S3_LOGGING, 'target_bucket', name);
  if (logTarget.length) return notApplicable(`the bucket receives S3 server access logs (${logTarget.map((l) => l.address).join(', ')}), which S3 delivers only to SSE-S3 buckets`);
  const what = findings.length ? findings.map((f) => f.detail).join('; ') : `no ${S3_SSE} references the bucket and it has no inline configuration (S3 falls back to SSE-S3)`;
  return fail(`not encrypted with a customer-managed KMS key: ${what}`, 'server_side_encryption_configuration');
}

function azureAccount(account: ResourceView, ctx: RuleContext): Verdict {
  const cmk = blocks(account, ['customer_managed_key']);
  if (cmk === UNKNOWN) return unknown('customer_managed_key is known only after apply', 'customer_managed_key');
  for (const b of cmk) {
    const states = [keyAt(account, [...b, 'key_vault_key_id']), keyAt(account, [...b, 'managed_hsm_key_id'])];
    if (states.includes('set')) return pass('encrypted with a customer-managed key (customer_managed_key)', 'customer_managed_key');
    if (states.includes('unknown')) return unknown('the customer_managed_key key id is known only after apply', 'customer_managed_key');
  }
  // The separate resource (azurerm docs: use one form or the other, not both).
  for (const c of ctx.referencing(account, { type: AZ_CMK, via: 'storage_account_id' })) {
    const states = [keyAt(c, ['key_name']), keyAt(c, ['managed_hsm_key_id'])];
    if (states.includes('set')) return pass(`encrypted with a customer-managed key (${c.address})`);
    if (states.includes('unknown')) return unknown(`the key of ${c.address} is known only after apply`);
  }
  return fail(`no customer-managed key: neither a customer_managed_key block nor an ${AZ_CMK} referencing the account (Microsoft-managed keys)`, 'customer_managed_key');
}

function gcsBucket(bucket: ResourceView): Verdict {
  const enc = blocks(bucket, ['encryption']);
  if (enc === UNKNOWN) return unknown('encryption is known only after apply', 'encryption');
  for (const b of enc) {
    const k = keyAt(bucket, [...b, 'default_kms_key_name']);
    if (k === 'set') return pass('encrypted with a customer-managed Cloud KMS key (encryption.default_kms_key_name)', 'encryption.default_kms_key_name');
    if (k === 'unknown') return unknown('encryption.default_kms_key_name is known only after apply', 'encryption.default_kms_key_name');
  }
  return fail('no encryption.default_kms_key_name: objects are encrypted with Google-managed keys', 'encryption.default_kms_key_name');
}

/** Object storage (S3 buckets, Azure storage accounts, GCS buckets) is encrypted with a customer-managed key. */
export const objectStorageCmk: Rule = {
  id: 'AIRA-ENC-001',
  title: 'Object storage is encrypted at rest with a customer-managed key',
  severity: 'high',
  rationale:
    'Training data, checkpoints and model weights are the assets of an AI platform. A customer-managed key in the cloud key service (KMS, Key Vault, Cloud KMS) ' +
    'puts who may decrypt them under the platform\'s own key policy, audit log and rotation, and lets the owner revoke access by disabling the key; ' +
    'provider-managed keys (SSE-S3, aws/s3, Microsoft- or Google-managed keys) leave all of that to the provider.',
  remediation:
    `AWS: an ${S3_SSE} referencing the bucket with sse_algorithm aws:kms (or aws:kms:dsse) and kms_master_key_id = your key. ` +
    `Azure: a customer_managed_key block (key_vault_key_id and a user-assigned identity) or an ${AZ_CMK}. Google: encryption { default_kms_key_name = your Cloud KMS key }.`,
  resourceTypes: ['aws_s3_bucket', 'azurerm_storage_account', 'google_storage_bucket'],
  frameworks: CMK_FRAMEWORKS,
  references: ['CKV_AWS_145'],
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    'https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview',
    'https://cloud.google.com/storage/docs/encryption/customer-managed-keys',
    ...CMK_FIPS_DOCS,
  ],
  check(r, ctx): Verdict {
    if (r.type === 'aws_s3_bucket') return s3Bucket(r, ctx);
    if (r.type === 'azurerm_storage_account') return azureAccount(r, ctx);
    return gcsBucket(r);
  },
};
