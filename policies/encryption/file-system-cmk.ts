import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, Verdict } from '../../lib/policy/types';
import { CMK_FIPS_DOCS, CMK_FRAMEWORKS, isAwsManagedAlias, keyAt } from './key-refs';

/** A verdict on one key attribute of an AWS resource: set to a customer key, AWS managed, unknown or absent. */
function awsKey(r: ResourceView, attr: string, absent: string): Verdict {
  const k = keyAt(r, [attr]);
  if (k === 'unknown') return unknown(`${attr} is known only after apply`, attr);
  if (k === 'absent') return fail(absent, attr);
  if (isAwsManagedAlias(r, [attr])) return fail(`${attr} names an AWS managed key (${String(r.get(attr))}), not a customer-managed key`, attr);
  return pass(`encrypted with a customer-managed KMS key (${attr})`, attr);
}

function fsxLustre(r: ResourceView): Verdict {
  // Scratch file systems are encrypted with the FSx service key only; kms_key_id applies to the
  // PERSISTENT deployment types (AWS provider docs of aws_fsx_lustre_file_system; FSx API KmsKeyId).
  const type = stringAt(r, ['deployment_type']);
  if (type === UNKNOWN) return unknown('deployment_type is known only after apply', 'deployment_type');
  if (typeof type === 'string' && type.startsWith('SCRATCH')) return fail(`${type} file systems cannot use a customer-managed key (FSx encrypts them with its service key)`, 'deployment_type');
  return awsKey(r, 'kms_key_id', 'no kms_key_id: the file system is encrypted with the AWS managed key aws/fsx');
}

function efs(r: ResourceView): Verdict {
  const enc = r.get('encrypted');
  if (enc === UNKNOWN) return unknown('encrypted is known only after apply', 'encrypted');
  if (enc !== true && enc !== 'true') return fail('encrypted is not true: the file system is not encrypted at rest', 'encrypted');
  return awsKey(r, 'kms_key_id', 'no kms_key_id: the file system is encrypted with the AWS managed key aws/elasticfilesystem');
}

function azureLustre(r: ResourceView): Verdict {
  const keys = blocks(r, ['encryption_key']);
  if (keys === UNKNOWN) return unknown('encryption_key is known only after apply', 'encryption_key');
  for (const b of keys) {
    const k = keyAt(r, [...b, 'key_url']);
    if (k === 'set') return pass('encrypted with a customer-managed Key Vault key (encryption_key.key_url)', 'encryption_key.key_url');
    if (k === 'unknown') return unknown('encryption_key.key_url is known only after apply', 'encryption_key.key_url');
  }
  return fail('no encryption_key: the file system is encrypted with Microsoft-managed keys', 'encryption_key');
}

function filestore(r: ResourceView): Verdict {
  const k = keyAt(r, ['kms_key_name']);
  if (k === 'unknown') return unknown('kms_key_name is known only after apply', 'kms_key_name');
  if (k === 'absent') return fail('no kms_key_name: the instance is encrypted with Google-managed keys', 'kms_key_name');
  return pass('encrypted with a customer-managed Cloud KMS key (kms_key_name)', 'kms_key_name');
}

function googleLustre(r: ResourceView): Verdict {
  // Managed Lustre takes a CMEK through its API (`gcloud lustre instances create --kms-key`), but
  // google_lustre_instance of the google provider 6.50 that this library pins has no key argument.
  // A plan or config from a provider that has one carries `kms_key` (null when unset): judge it then.
  if (!Object.prototype.hasOwnProperty.call(r.values, 'kms_key')) {
    return notApplicable('google_lustre_instance of google provider 6.50 has no customer-managed key argument (the Managed Lustre API takes one: set it outside Terraform or with a newer provider)');
  }
  const k = keyAt(r, ['kms_key']);
  if (k === 'unknown') return unknown('kms_key is known only after apply', 'kms_key');
  if (k === 'absent') return fail('no kms_key: the instance is encrypted with Google-managed keys', 'kms_key');
  return pass('encrypted with a customer-managed Cloud KMS key (kms_key)', 'kms_key');
}

const CHECKS: Readonly<Record<string, (r: ResourceView) => Verdict>> = {
  aws_fsx_lustre_file_system: fsxLustre,
  aws_efs_file_system: efs,
  azurerm_managed_lustre_file_system: azureLustre,
  google_filestore_instance: filestore,
  google_lustre_instance: googleLustre,
};

/** File systems (FSx for Lustre, EFS, Azure Managed Lustre, Filestore, Google Managed Lustre) are encrypted with a customer-managed key. */
export const fileSystemCmk: Rule = {
  id: 'AIRA-ENC-002',
  title: 'File systems are encrypted at rest with a customer-managed key',
  severity: 'high',
  rationale:
    'The parallel and shared file systems of a training cluster hold the working copy of datasets and checkpoints. A customer-managed key keeps who may ' +
    'decrypt them under the platform\'s key policy, audit log and rotation, and lets the owner revoke access by disabling the key.',
  remediation:
    'AWS: kms_key_id = your KMS key (FSx for Lustre: a PERSISTENT deployment type; EFS: encrypted = true). Azure Managed Lustre: an encryption_key block ' +
    '(key_url, source_vault_id) with a user-assigned identity. Filestore: kms_key_name. Google Managed Lustre: set the key where your provider version allows it.',
  resourceTypes: Object.keys(CHECKS),
  frameworks: CMK_FRAMEWORKS,
  references: [],
  docs: [
    'https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html',
    'https://learn.microsoft.com/azure/azure-managed-lustre/customer-managed-encryption-keys',
    'https://cloud.google.com/filestore/docs/cmek',
    'https://cloud.google.com/sdk/gcloud/reference/lustre/instances/create',
    ...CMK_FIPS_DOCS,
  ],
  check(r): Verdict {
    return CHECKS[r.type](r);
  },
};
