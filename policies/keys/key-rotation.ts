import { blocks, boolAt, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

const MAX_DAYS = 365;
const DAY_S = 86400;

/** Days of an ISO 8601 duration of the forms Key Vault takes (`P90D`, `P1Y`, `P3M`); undefined when unreadable. */
export function isoDays(d: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(d.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 31 + Number(m[3] ?? 0);
}

function awsKey(r: ResourceView): Verdict {
  // Rotation applies to symmetric encryption keys only (AWS KMS docs); asymmetric and HMAC keys cannot rotate.
  const spec = stringAt(r, ['customer_master_key_spec']);
  if (typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') return notApplicable(`${spec} keys cannot rotate automatically`);
  const on = boolAt(r, ['enable_key_rotation']);
  if (on === UNKNOWN) return unknown('enable_key_rotation is known only after apply', 'enable_key_rotation');
  if (on !== true) return fail('enable_key_rotation is not true (default false)', 'enable_key_rotation');
  const period = r.get('rotation_period_in_days');
  if (typeof period === 'number' && period > MAX_DAYS) return fail(`rotation_period_in_days = ${period} exceeds ${MAX_DAYS}`, 'rotation_period_in_days');
  return pass('automatic rotation on', 'enable_key_rotation');
}

function gcpKey(r: ResourceView): Verdict {
  const purpose = stringAt(r, ['purpose']);
  if (typeof purpose === 'string' && purpose !== 'ENCRYPT_DECRYPT') return notApplicable(`${purpose} keys do not rotate automatically`);
  const period = stringAt(r, ['rotation_period']);
  if (period === UNKNOWN) return unknown('rotation_period is known only after apply', 'rotation_period');
  if (!period) return fail('no rotation_period: the key never rotates', 'rotation_period');
  // rotation_period is a duration in seconds with an "s" suffix (google provider docs), e.g. "7776000s".
  const m = /^(\d+(?:\.\d+)?)s$/.exec(period);
  if (!m) return fail(`rotation_period ${period} is not a duration in seconds`, 'rotation_period');
  const days = Number(m[1]) / DAY_S;
  return days <= MAX_DAYS ? pass(`rotates every ${days} days`, 'rotation_period') : fail(`rotates every ${days} days, more than ${MAX_DAYS}`, 'rotation_period');
}

function azureKey(r: ResourceView): Verdict {
  const pols = blocks(r, ['rotation_policy']);
  if (pols === UNKNOWN) return unknown('rotation_policy is known only after apply', 'rotation_policy');
  if (!pols.length) return fail('no rotation_policy: the key never rotates', 'rotation_policy');
  const auto = blocks(r, [...pols[0], 'automatic']);
  if (auto === UNKNOWN) return unknown('the automatic rotation is known only after apply', 'rotation_policy.automatic');
  if (!auto.length) return fail('rotation_policy without an automatic block only notifies: nothing rotates the key', 'rotation_policy.automatic');
  for (const a of auto) {
    for (const k of ['time_after_creation', 'time_before_expiry'] as const) {
      const v = stringAt(r, [...a, k]);
      if (v === UNKNOWN) return unknown(`${k} is known only after apply`, [...a, k]);
      if (typeof v !== 'string') continue;
      const days = isoDays(v);
      if (k === 'time_after_creation' && days !== undefined && days > MAX_DAYS) return fail(`rotates ${v} after creation, more than ${MAX_DAYS} days`, [...a, k]);
      return pass(`automatic rotation (${k} ${v})`, [...a, k]);
    }
  }
  return fail('the automatic block sets neither time_after_creation nor time_before_expiry', 'rotation_policy.automatic');
}

/** Customer-managed keys rotate automatically, at least yearly. */
export const keyRotation: Rule = {
  id: 'AIRA-KMS-001',
  title: 'Customer-managed keys rotate automatically at least every 365 days',
  severity: 'medium',
  rationale: 'Rotation bounds how much data one key version protects and how long a leaked key version is useful; ISO 27001 A.8.24 and NIST SP 800-57 call for defined cryptoperiods.',
  remediation: 'AWS: enable_key_rotation = true (rotation_period_in_days <= 365). Google: rotation_period <= "31536000s". Azure: a rotation_policy with an automatic block (time_after_creation <= P365D).',
  resourceTypes: ['aws_kms_key', 'google_kms_crypto_key', 'azurerm_key_vault_key'],
  frameworks: {
    // No FIPS 140-3 entry: FIPS 140-3 validates cryptographic modules; cryptoperiods come from NIST SP 800-57, which it does not cover.
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
    hipaa: ['164.312(a)(2)(iv)'],
  },
  references: ['CKV_AWS_7', 'CKV_GCP_43', 'AVD-AWS-0065', 'AVD-GCP-0065'],
  docs: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html', 'https://cloud.google.com/kms/docs/key-rotation', 'https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation'],
  check(r): Verdict {
    if (r.type === 'aws_kms_key') return awsKey(r);
    if (r.type === 'google_kms_crypto_key') return gcpKey(r);
    return azureKey(r);
  },
};
