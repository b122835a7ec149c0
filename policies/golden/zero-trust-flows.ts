import { blocks, fail, listAt, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { COMPUTE_PLANES as PLANES, FLOW_TAG, planeOf, planeOfName as planeOfNetworkTag, referencedVia, tagOf } from './planes';
import { azureZeroTrust } from './zero-trust-azure';

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
    'each allowed path is a declared flow with its reason, reviewable in code and visible in flow logs. An undeclared cross-plane allow, or an allow-all between planes, defeats segmentation. ' +
    'AWS: a rule between two plane security groups carries the aira:flow tag. Google: an allow between plane network tags has a description. ' +
    'Azure: NSG rules name addresses, so the rule maps each prefix to the plane subnets of the input (subnet, NSG association, aira:plane tag on the NSG) and takes an allow between planes as declared when its name is the flow key ' +
    '(<from>-to-<to>-<protocol>-<ports>-in|out) of what it really opens and it has a description. What the rule cannot see: planes whose subnets are not in the input (an imported network: not applicable), ' +
    'application security groups, and Azure rules shadowed by a deny of higher priority (an allow is judged even if it never matches).',
  remediation:
    'Declare the path with SegmentedNetwork.allow({ from, to, protocol, port, reason }) instead of a hand-written rule; it writes the aira:flow tag (AWS), names the NSG rule after the flow key (Azure) ' +
    'and writes the reason as the description (Azure, Google). Never allow every protocol between planes, and on Azure never open a plane to *, 0.0.0.0/0 or VirtualNetwork, which cover every plane.',
  resourceTypes: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'google_compute_firewall', 'azurerm_network_security_rule', 'azurerm_network_security_group'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    // Segmentation inside the system boundary: a CC6.1 point of focus (CC6.6 is the outer boundary).
    soc2: ['CC6.1'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: [],
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://cloud.google.com/firewall/docs/firewalls#specifying_sources_and_destinations',
    'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules',
  ],
  check: (r, ctx) => (r.type === 'google_compute_firewall' ? gcpRule(r) : r.type.startsWith('azurerm_') ? azureZeroTrust(r, ctx) : awsRule(r, ctx)),
};
