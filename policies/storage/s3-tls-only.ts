import { fail, parseInterpolatedJson, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';

const POLICY = 'aws_s3_bucket_policy';

function policiesOf(bucket: ResourceView, ctx: RuleContext): ResourceView[] {
  const out = [...ctx.referencing(bucket, { type: POLICY, via: 'bucket' })];
  const name = bucket.get('bucket');
  if (typeof name === 'string') for (const p of ctx.withValue(POLICY, 'bucket', name)) if (!out.includes(p)) out.push(p);
  return out;
}

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/**
 * A statement that refuses every S3 request made without TLS: Deny, to every principal, on `s3:*` (or
 * `*`), with the condition `Bool aws:SecureTransport = false` (the form AWS documents for enforcing
 * encryption in transit: docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html).
 * Object requests are the ones that carry data, so the statement must cover the objects (`<arn>/*` or `*`).
 */
function deniesPlainHttp(s: unknown): boolean {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Record<string, unknown>;
  if (o.Effect !== 'Deny') return false;
  const principal = o.Principal;
  const everyone = principal === '*' || (typeof principal === 'object' && principal !== null && list((principal as Record<string, unknown>).AWS).includes('*'));
  const actions = list(o.Action);
  const resources = list(o.Resource).filter((r): r is string => typeof r === 'string');
  const bool = (o.Condition as Record<string, Record<string, unknown>> | undefined)?.Bool;
  const secure = bool?.['aws:SecureTransport'];
  return everyone && (actions.includes('s3:*') || actions.includes('*')) && resources.some((r) => r === '*' || r.endsWith('/*')) && (secure === 'false' || secure === false);
}

// Said on a plan when the verdict rests on the configuration's text rather than the planned value.
const FROM_CONFIGURATION = 'judged from the configuration: the planned value is known only after apply';

function judge(p: ResourceView): Verdict {
  const known = p.get('policy');
  // Where the value is known only after apply (a synthesized policy, or a plan's, that interpolates the
  // bucket ARN inside JSON string values), the configuration's text still holds the statements around
  // the interpolations.
  const text = typeof known === 'string' ? known : known === UNKNOWN ? p.configText('policy') : undefined;
  if (text === undefined) {
    if (known === UNKNOWN) return unknown(`${p.address} policy is known only after apply, and its configuration holds no JSON document this rule can read`, 'policy');
    return fail(`${p.address} has no policy document`, 'policy');
  }
  const doc = parseInterpolatedJson(text);
  // A policy built from a Terraform expression or another resource's output (not JSON text) cannot be read here.
  if (doc === undefined) return unknown(`${p.address} policy is not a JSON document this input holds`, 'policy');
  const note = known === UNKNOWN && p.source === 'plan' ? ` (${FROM_CONFIGURATION})` : '';
  const statements = list((doc as Record<string, unknown> | null)?.Statement);
  return statements.some(deniesPlainHttp)
    ? pass(`${p.address} denies requests without TLS (aws:SecureTransport = false)${note}`)
    : fail(`${p.address} has no statement denying requests without TLS${note}`, 'policy');
}

/** TLS-only S3 buckets: a bucket policy denies every request made without TLS. */
export const s3TlsOnly: Rule = {
  id: 'AIRA-STO-005',
  title: 'S3 buckets refuse requests made without TLS',
  severity: 'high',
  rationale:
    'S3 answers plain HTTP requests unless the bucket policy refuses them: training data, checkpoints and model weights would then cross the network unencrypted and open to tampering. ' +
    'The documented control is a bucket policy statement denying every principal every S3 action on the bucket and its objects when aws:SecureTransport is false. ' +
    'On a plan of a new bucket the policy usually interpolates the bucket ARN, which Terraform knows only after apply: the rule then reads the statements from the configuration\'s text, ' +
    'and says unknown only where that text is no JSON document (a policy built from an expression or another resource\'s output).',
  remediation:
    `Add an ${POLICY} on the bucket with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket arn>, "<bucket arn>/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } } ` +
    '(the library\'s SecureBucket writes it, with a second statement refusing TLS below 1.2).',
  resourceTypes: ['aws_s3_bucket'],
  frameworks: {
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.7'],
    hipaa: ['164.312(e)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html'],
  check(bucket, ctx): Verdict {
    const policies = policiesOf(bucket, ctx);
    if (!policies.length) return fail(`no ${POLICY} references the bucket: S3 also answers plain HTTP`);
    const verdicts = policies.map(judge);
    return verdicts.find((v) => v.status === 'pass') ?? verdicts.find((v) => v.status === 'unknown') ?? verdicts[0];
  },
};
