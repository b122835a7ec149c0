/**
 * Readers shared by the customer-managed-key rules (AIRA-ENC-*): whether an attribute names a key, and
 * the framework mappings and docs the three rules share.
 */
import { isUnknown } from '../../lib/policy/rule-kit';
import { FrameworkMappings, ResourceView, ValuePath } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';

/** What a key attribute holds: a key reference, a value known only after apply, or nothing. */
export type KeyState = 'set' | 'unknown' | 'absent';

/**
 * Key resources a stack manages itself: each is a customer-managed key (or, for a disk encryption set,
 * wraps one), so an attribute that references one names a customer-managed key even while its value is
 * known only after apply. Data sources are left out: `data.aws_kms_key` may look up an AWS managed key.
 */
const KEY_TYPES = new Set([
  'aws_kms_key',
  'aws_kms_replica_key',
  'aws_kms_external_key',
  'aws_kms_replica_external_key',
  // Terraform cannot create `alias/aws/...` names (reserved for AWS managed keys), so a managed alias targets a customer key.
  'aws_kms_alias',
  'azurerm_key_vault_key',
  'azurerm_key_vault_managed_hardware_security_module_key',
  'azurerm_disk_encryption_set',
  'google_kms_crypto_key',
]);

/** The resource type of a config address (`module.a.aws_kms_key.k` -> `aws_kms_key`); undefined for a data source. */
function typeOf(address: string): string | undefined {
  const parts = address.split('.');
  let i = 0;
  while (parts[i] === 'module') i += 2;
  return parts[i] === 'data' ? undefined : parts[i];
}

/**
 * Whether `path` names a key: a non-empty string (a literal id or ARN), or a value known only after
 * apply that references a key resource of the same input (a key the stack creates: its ARN or id is
 * computed, in a plan and in a synthesized stack alike). Any other value known only after apply (a
 * variable, a module output, a data source) is `unknown`.
 */
export function keyAt(r: ResourceView, path: ValuePath): KeyState {
  const v = r.get(path);
  if (isUnknown(v)) {
    const key = pathKey(path);
    for (const [address, paths] of r.references) {
      if (paths.includes(key) && KEY_TYPES.has(typeOf(address) ?? '')) return 'set';
    }
    return 'unknown';
  }
  return typeof v === 'string' && v.trim() !== '' ? 'set' : 'absent';
}

/**
 * Whether an AWS key id names an AWS managed key (`alias/aws/s3`, `arn:aws:kms:...:alias/aws/ebs`):
 * AWS owns its key policy and rotation, so it is not a customer-managed key
 * (docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key).
 */
export function isAwsManagedAlias(r: ResourceView, path: ValuePath): boolean {
  const v = r.get(path);
  return typeof v === 'string' && /(^|:)alias\/aws\//.test(v);
}

/**
 * Mappings of the three rules. FIPS 140-3 (ISO/IEC 19790:2012 as FIPS 140-3 adopts it) 7.9, sensitive
 * security parameter management: the rules require the data key to be wrapped by a key that lives
 * inside the cloud's key service, whose modules are FIPS 140 validated (AWS KMS HSMs FIPS 140-3 Level 3;
 * Google Cloud KMS on BoringCrypto, FIPS 140-3; Azure Key Vault Premium and Managed HSM on validated
 * HSMs). The rules cannot see a key's protection level (software or HSM): passing them is evidence that
 * the keys sit in a validated module, not proof of the level the module is validated at.
 */
export const CMK_FRAMEWORKS: FrameworkMappings = {
  'fips-140-3': ['7.9'],
  'iso-27001-2022': ['A.8.24'],
  soc2: ['CC6.1'],
  hipaa: ['164.312(a)(2)(iv)'],
  'eu-ai-act': ['Art. 15(5)'],
};

/** The clouds' statements of their key services' FIPS 140 validation, cited by every AIRA-ENC rule. */
export const CMK_FIPS_DOCS: readonly string[] = [
  'https://docs.aws.amazon.com/kms/latest/developerguide/kms-internals.html',
  'https://learn.microsoft.com/azure/key-vault/keys/about-keys',
  'https://cloud.google.com/security/compliance/fips-140-2-validated',
];
