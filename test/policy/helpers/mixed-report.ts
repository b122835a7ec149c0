/**
 * A report with a bit of everything, for the HTML reporter's unit and browser tests: fail, pass,
 * unknown and suppressed results on AWS, Azure and Google resources, two severities, an unmatched
 * suppression, and user strings that look like markup (an instance key holding a script, a bucket
 * setting holding an image tag) that must stay inert text.
 */
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../../lib/policy/builtin';
import { checkInputs } from '../../../lib/policy/check';
import { loadText } from '../../../lib/policy/load';
import { ReportBundle } from '../../../lib/policy/report';
import { parseSuppressions } from '../../../lib/policy/suppressions-file';
import { Rule } from '../../../lib/policy/types';
import { planDoc } from './docs';

/** The instance key of the hostile bucket: if the report ran it, `window.__airaPwned` would be set. */
export const SCRIPT_KEY = '<script>window.__airaPwned = 1</script>';
/** A Google bucket setting echoed in a rule's message: an image that would fetch (and run) if rendered as markup. */
export const IMG_VALUE = '<img src="https://example.invalid/x.png" onerror="window.__airaPwned = 2">';
/** The address of the hostile bucket, as the report prints it. */
export const SCRIPT_ADDRESS = `aws_s3_bucket.hostile["${SCRIPT_KEY}"]`;

const encrypted = { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }] };

/** The plan behind the mixed report. */
export function mixedPlan(): Record<string, unknown> {
  return planDoc([
    { type: 'aws_s3_bucket', name: 'open', values: {} },
    { type: 'aws_s3_bucket', name: 'ok', values: { ...encrypted, bucket: 'ok-bucket' } },
    { type: 'aws_s3_bucket_public_access_block', name: 'ok', values: { bucket: 'ok-bucket', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    { type: 'aws_s3_bucket', name: 'accepted', values: encrypted },
    { type: 'aws_s3_bucket', name: 'hostile', index: SCRIPT_KEY, values: {} },
    { type: 'aws_kms_key', name: 'norotate', values: {} },
    { type: 'aws_security_group_rule', name: 'pending', values: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp' }, afterUnknown: { cidr_blocks: true }, expressions: { type: {}, cidr_blocks: { references: ['var.cidr'] } } },
    { type: 'azurerm_storage_account', name: 'plainhttp', values: { https_traffic_only_enabled: false } },
    { type: 'azurerm_storage_account', name: 'secure', values: { https_traffic_only_enabled: true } },
    { type: 'azurerm_key_vault_key', name: 'norotate', values: {} },
    { type: 'google_storage_bucket', name: 'public', values: { public_access_prevention: IMG_VALUE, uniform_bucket_level_access: true } },
    { type: 'google_storage_bucket', name: 'private', values: { public_access_prevention: 'enforced', uniform_bucket_level_access: true } },
    { type: 'google_kms_crypto_key', name: 'rotating', values: { purpose: 'ENCRYPT_DECRYPT', rotation_period: '7776000s' } },
  ]);
}

/** A user's rule (as from --policy-dir) whose docs hold a script URL: it must never become a link. */
export const USER_RULE: Rule = {
  id: 'ACME-TAG-001',
  title: 'Buckets carry an owner tag',
  severity: 'low',
  rationale: 'Someone must answer for each bucket.',
  remediation: 'Add tags.owner.',
  resourceTypes: ['google_storage_bucket'],
  frameworks: { soc2: ['CC1.3'] },
  references: ['javascript:window.__airaPwned=3'],
  docs: ['https://wiki.example.com/tags?a=1&b=2', 'javascript:window.__airaPwned=4'],
  check: (r) => (r.get('tags.owner') ? { status: 'pass', message: 'owner tag set' } : { status: 'fail', message: 'no owner tag' }),
};

/**
 * The built-in rules the mixed report was written for: the reporter tests count its rows, so a rule added
 * later (which may well judge these resources too) must not change what they render.
 */
const FIXTURE_RULES = new Set([
  'AIRA-AI-001', 'AIRA-AI-002', 'AIRA-AI-003', 'AIRA-AI-004', 'AIRA-AI-005', 'AIRA-AI-006', 'AIRA-AI-007', 'AIRA-AI-008', 'AIRA-AI-009', 'AIRA-AI-010',
  'AIRA-CHG-001', 'AIRA-CMP-001', 'AIRA-CMP-002', 'AIRA-CST-001', 'AIRA-CST-002', 'AIRA-CST-003',
  'AIRA-GLD-001', 'AIRA-GLD-002', 'AIRA-GLD-003', 'AIRA-GLD-004', 'AIRA-GLD-005', 'AIRA-GLD-006',
  'AIRA-KMS-001', 'AIRA-NET-001', 'AIRA-NET-002', 'AIRA-STO-001', 'AIRA-STO-002', 'AIRA-STO-003', 'AIRA-STO-004',
]);

/** The mixed report; `includePassed` lists pass and unknown rows too (as `--include-passed`). */
export function mixedBundle(opts: { includePassed?: boolean } = {}): ReportBundle {
  const input = {
    ...loadText(JSON.stringify(mixedPlan(), null, 2), 'plans/mixed & <co>.json'),
    suppressions: parseSuppressions(
      [
        { id: 'AIRA-STO-003', address: 'aws_s3_bucket.accepted', reason: 'public website <assets> only, reviewed by the security team' },
        { id: 'AIRA-STO-002', address: 'azurerm_storage_account.gone', reason: 'account removed last quarter, suppression kept' },
      ],
      'suppressions.yaml',
    ),
  };
  return checkInputs([input], { rules: [...BUILTIN_RULES.filter((r) => FIXTURE_RULES.has(r.id)), USER_RULE], packs: BUILTIN_PACKS, threshold: 'high', includePassed: opts.includePassed });
}
