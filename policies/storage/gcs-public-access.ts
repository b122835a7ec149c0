import { boolAt, fail, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

/** GCS buckets enforce public access prevention and uniform bucket-level access. */
export const gcsPublicAccess: Rule = {
  id: 'AIRA-STO-004',
  title: 'Cloud Storage buckets enforce public access prevention and uniform bucket-level access',
  severity: 'high',
  rationale:
    'public_access_prevention = "enforced" refuses allUsers / allAuthenticatedUsers grants on the bucket; uniform bucket-level access turns object ACLs off, ' +
    'so IAM alone decides who reads training data and model artifacts.',
  remediation: 'Set public_access_prevention = "enforced" and uniform_bucket_level_access = true on the google_storage_bucket.',
  resourceTypes: ['google_storage_bucket'],
  frameworks: {
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_GCP_114', 'CKV_GCP_29', 'AVD-GCP-0002'],
  docs: ['https://cloud.google.com/storage/docs/public-access-prevention', 'https://cloud.google.com/storage/docs/uniform-bucket-level-access'],
  check(r): Verdict {
    const pap = stringAt(r, ['public_access_prevention']);
    const ubla = boolAt(r, ['uniform_bucket_level_access']);
    // Unset, public_access_prevention is "inherited" (from the organization policy): not enforced by this code.
    if (pap !== UNKNOWN && pap !== 'enforced') return fail(`public_access_prevention = ${pap ?? 'unset (inherited)'}`, 'public_access_prevention');
    if (ubla !== UNKNOWN && ubla !== true) return fail(`uniform_bucket_level_access = ${ubla ?? 'unset (false)'}: object ACLs stay on`, 'uniform_bucket_level_access');
    if (pap === UNKNOWN || ubla === UNKNOWN) return unknown('a setting is known only after apply', pap === UNKNOWN ? 'public_access_prevention' : 'uniform_bucket_level_access');
    return pass('public access prevention enforced; uniform bucket-level access on');
  },
};
