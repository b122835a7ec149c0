import { blocks, fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { FLOW_TAG, planeOf, referencedVia, tagOf } from './planes';

// The compute planes of the reference architecture (lib/core/planes.ts PLANES). `shared` (the AWS
// endpoint security group) is no compute plane: every plane may reach the cloud's APIs through it.
const PLANES = ['training', 'inference', 'data', 'management', 'quantum', 'protected'];

/** The plane a Google network tag names: the constructs write `<network>-<plane>` (lib/gcp/network-firewall.ts). */
function planeOfNetworkTag(tag: string): string | undefined {
  return PLANES.find((p) => tag === p || tag.endsWith(`-${p}`));
}

/** AWS: a rule between two security groups tagged with different planes must carry the aira:flow tag. */
function awsRule(r: ResourceView, ctx: RuleContext): Verdict {
  const [targetAttr, sourceAttr, protocolAttr] =
    r.type === 'aws_security_group_rule' ? ['security_group_id', 'source_security_group_id', 'protocol'] : ['security_group_id', 'referenced_security_group_id', 'ip_protocol'];
  if (r.type === 'aws_security_group_rule' && stringAt(r, ['type']) !== 'ingress') return notApplicable('an egress rule: its ingress side is checked');
  const targets = referencedVia(r, ctx, 'aws_security_group', targetAttr);
  const sources = referencedVia(r, ctx, 'aws_security_group', sourceAttr);
  if (!targets.length || !sources.length) return notApplicable('not a rule between two security groups of this input');
  const to = planeOf(targets[0]);
  const from = planeOf(sources[0]);
  if (!to || !from || !PLANES.includes(to) || !PLANES.includes(from)) return notApplicable('a security group without a compute plane tag');
  if (to === from) return pass(`within the ${to} plane`);
  const protocol = stringAt(r, [protocolAttr]);
  if (protocol === '-1' || protocol === 'all') return fail(`allows every protocol and port from the ${from} plane to the ${to} plane: a plane-wide allow-all is never a declared flow`, protocolAttr);
  const flow = tagOf(r, FLOW_TAG);
  if (flow === UNKNOWN) return unknown(`the ${FLOW_TAG} tag is known only after apply`, `tags.${FLOW_TAG}`);
  if (!flow) return fail(`allows ${from} -> ${to} but carries no ${FLOW_TAG} tag: not a declared flow`, 'tags');
  return pass(`declared flow ${flow} (${from} -> ${to})`);
}

/** Google: an allow from one plane's network tag to another's must be a declared flow (its description is the reason). */
function gcpRule(r: ResourceView): Verdict {
  const allows = blocks(r, ['allow']);
  if (allows === UNKNOWN) return unknown('the allow blocks are known only after apply', 'allow');
  if (!allows.length || r.get('disabled') === true) return notApplicable('no allow rule');
  const sources = listAt(r, ['source_tags']);
  const targets = listAt(r, ['target_tags']);
  if (sources === UNKNOWN || targets === UNKNOWN) return unknown('the network tags are known only after apply', 'source_tags');
  const from = new Set(sources.flatMap((t) => (typeof t === 'string' ? [planeOfNetworkTag(t)] : [])).filter((p): p is string => !!p));
  const to = new Set(targets.flatMap((t) => (typeof t === 'string' ? [planeOfNetworkTag(t)] : [])).filter((p): p is string => !!p));
  const cross = [...from].flatMap((f) => [...to].filter((t) => t !== f).map((t) => `${f} -> ${t}`));
  if (!cross.length) return from.size && to.size ? pass('within one plane') : notApplicable('not a rule between plane network tags');
  const allProtocols = allows.some((a) => stringAt(r, [...a, 'protocol']) === 'all');
  if (allProtocols) return fail(`allows every protocol from ${cross.join(', ')}: a plane-wide allow-all is never a declared flow`, 'allow');
  const description = stringAt(r, ['description']);
  if (description === UNKNOWN) return unknown('the description (the flow reason) is known only after apply', 'description');
  if (!description || !description.trim()) return fail(`allows ${cross.join(', ')} without a description: a declared flow states its reason`, 'description');
  return pass(`declared flow ${cross.join(', ')}: ${description}`);
}

/** Golden rule 1: zero trust between compute planes. */
export const zeroTrustFlows: Rule = {
  id: 'AIRA-GLD-001',
  title: 'Traffic between compute planes is a declared flow',
  severity: 'high',
  rationale:
    'The reference architecture denies all traffic between planes (training, inference, data, management, quantum, protected) by default; ' +
    'each allowed path is a declared flow with its reason, reviewable in code and visible in flow logs. An undeclared cross-plane allow, or an allow-all between planes, defeats segmentation.',
  remediation:
    'Declare the path with SegmentedNetwork.allow({ from, to, protocol, port, reason }) instead of a hand-written rule; it writes the aira:flow tag (AWS) or the reason as the description (Google). Never allow every protocol between planes.',
  resourceTypes: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'google_compute_firewall'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(e)(1)'],
    'eu-ai-act': ['Art. 15'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html', 'https://cloud.google.com/firewall/docs/firewalls#specifying_sources_and_destinations'],
  check: (r, ctx) => (r.type === 'google_compute_firewall' ? gcpRule(r) : awsRule(r, ctx)),
};
