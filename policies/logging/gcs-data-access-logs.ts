import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';

/**
 * What marks the platform's audit sink on Google: an IAM audit configuration the stack declares (project,
 * folder or organization). Data Access audit logs are off by default except for BigQuery
 * (cloud.google.com/logging/docs/audit#data-access) and are turned on only through these.
 */
export const GCP_AUDIT_CONFIG_TYPES = ['google_project_iam_audit_config', 'google_folder_iam_audit_config', 'google_organization_iam_audit_config'];
const SERVICES = ['allServices', 'storage.googleapis.com'];
const NEEDED = ['DATA_READ', 'DATA_WRITE'];

/** The log types a config turns on for Cloud Storage, UNKNOWN when known only after apply, undefined when it is about another service. */
function logTypes(c: ResourceView): Set<string> | typeof UNKNOWN | undefined {
  const service = stringAt(c, ['service']);
  if (service === UNKNOWN) return UNKNOWN;
  if (typeof service !== 'string' || !SERVICES.includes(service)) return undefined;
  const cfgs = blocks(c, ['audit_log_config']);
  if (cfgs === UNKNOWN) return UNKNOWN;
  const out = new Set<string>();
  for (const b of cfgs) {
    const t = stringAt(c, [...b, 'log_type']);
    if (t === UNKNOWN) return UNKNOWN;
    if (typeof t === 'string') out.add(t);
  }
  return out;
}

/** Whether a project-level config is about another project than the bucket's (both known and different). */
function otherProject(c: ResourceView, bucket: ResourceView): boolean {
  if (c.type !== 'google_project_iam_audit_config') return false;
  const a = stringAt(c, ['project']);
  const b = stringAt(bucket, ['project']);
  return typeof a === 'string' && typeof b === 'string' && a !== b && !a.endsWith(`/${b}`) && !b.endsWith(`/${a}`);
}

/**
 * Where the stack declares the platform's audit configuration, Cloud Storage data access (DATA_READ and
 * DATA_WRITE) is audited for the stack's buckets.
 */
export const gcsDataAccessLogs: Rule = {
  id: 'AIRA-LOG-004',
  title: 'Cloud Storage data access audit logs (DATA_READ, DATA_WRITE) are on where the stack declares audit configuration',
  severity: 'medium',
  rationale:
    'Who read or wrote training data, checkpoints and model weights is recorded only by Data Access audit logs, which Google leaves off for Cloud ' +
    'Storage unless an IAM audit configuration turns them on. The rule applies where the stack declares audit configuration (the platform\'s audit ' +
    'sink on Google); a stack without one leaves it to the project or organization stack that owns it.',
  remediation:
    'In the stack that declares audit configuration, add a google_project_iam_audit_config (or folder / organization) with service = ' +
    '"storage.googleapis.com" (or "allServices") and audit_log_config blocks for log_type DATA_READ and DATA_WRITE.',
  resourceTypes: ['google_storage_bucket'],
  frameworks: {
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
    hipaa: ['164.312(b)'],
  },
  references: [],
  docs: ['https://cloud.google.com/logging/docs/audit/configure-data-access', 'https://cloud.google.com/storage/docs/audit-logging'],
  check(bucket, ctx: RuleContext): Verdict {
    const configs = GCP_AUDIT_CONFIG_TYPES.flatMap((t) => ctx.ofType(t)).filter((c) => c.mode === 'managed');
    if (!configs.length) {
      return notApplicable('the stack declares no audit configuration (google_*_iam_audit_config): data access logging is checked where it is declared');
    }
    let pending: string | undefined;
    const partial: string[] = [];
    for (const c of configs) {
      if (otherProject(c, bucket)) continue;
      const types = logTypes(c);
      if (types === UNKNOWN) pending = c.address;
      else if (types) {
        const missing = NEEDED.filter((t) => !types.has(t));
        if (!missing.length) return pass(`${c.address} audits ${NEEDED.join(' and ')} for Cloud Storage`);
        partial.push(`${c.address} lacks ${missing.join(', ')}`);
      }
    }
    if (pending) return unknown(`the service or log types of ${pending} are known only after apply`);
    if (partial.length) return fail(`Cloud Storage data access is not fully audited: ${partial.join('; ')}`);
    return fail('no audit configuration of the stack covers storage.googleapis.com or allServices: reads and writes of the bucket are not audited');
  },
};
