import { blocks, fail, notApplicable, pass, stringAt } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { referencedVia } from '../golden/planes';

const RULE_TYPES = ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'] as const;

/** Whether a standalone rule resource references `sg` as its peer (referenced_security_group_id or source_security_group_id). */
function peerIsSelf(rule: ResourceView, ctx: RuleContext, sg: ResourceView): boolean {
  const attr = rule.type === 'aws_security_group_rule' ? 'source_security_group_id' : 'referenced_security_group_id';
  if (rule.type === 'aws_security_group_rule' && rule.get('self') === true) return true;
  return referencedVia(rule, ctx, 'aws_security_group', attr).includes(sg);
}

const allTraffic = (rule: ResourceView): boolean => {
  const p = stringAt(rule, [rule.type === 'aws_security_group_rule' ? 'protocol' : 'ip_protocol']);
  return p === '-1' || p === 'all';
};

/**
 * The EFA security group allows only itself. A group is taken as an EFA group when it carries an
 * all-traffic ingress rule from itself: the pattern AWS prescribes for EFA, which a plane's group
 * (declared flows on named ports) does not use.
 */
export const efaSecurityGroupSelfOnly: Rule = {
  id: 'AIRA-AI-003',
  title: 'The EFA security group allows traffic only to and from itself',
  severity: 'high',
  rationale:
    'EFA needs a security group that allows all traffic, inbound and outbound, between its own members: the SRD transport is not IP traffic, so only a self-reference admits it. ' +
    'Because that group allows every protocol and port, any other rule on it (a CIDR, another group, a prefix list) opens every port of the training nodes to that peer, bypassing the plane\'s declared flows. ' +
    'The rule finds EFA groups by their all-traffic self-referencing ingress and checks every rule attached to them (standalone rule resources and inline blocks), and that the self egress AWS requires is present.',
  remediation: 'Keep only the self-referencing ingress and egress rules on the EFA group, and put every other flow on the plane\'s group (SegmentedNetwork.allow), which sits beside it on the same interfaces.',
  resourceTypes: ['aws_security_group'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    // Segmentation inside the system boundary: a CC6.1 point of focus (CC6.6 is the outer boundary).
    soc2: ['CC6.1'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-start.html#efa-start-security'],
  check(sg, ctx): Verdict {
    const standalone = [...RULE_TYPES, 'aws_security_group_rule'].flatMap((t) => ctx.referencing(sg, { type: t, via: 'security_group_id' }));
    const ingressOf = (x: ResourceView): boolean => x.type === 'aws_vpc_security_group_ingress_rule' || (x.type === 'aws_security_group_rule' && x.get('type') === 'ingress');
    const isEfa = standalone.some((x) => ingressOf(x) && allTraffic(x) && peerIsSelf(x, ctx, sg));
    const inline = (['ingress', 'egress'] as const).flatMap((k) => {
      const b = blocks(sg, [k]);
      return b === UNKNOWN ? [] : b.map((p) => ({ kind: k, path: p }));
    });
    const inlineSelfAll = inline.some(({ kind, path }) => kind === 'ingress' && sg.get([...path, 'self']) === true && ['-1', 'all'].includes(String(sg.get([...path, 'protocol']))));
    if (!isEfa && !inlineSelfAll) return notApplicable('not an EFA security group (no all-traffic ingress from itself)');
    const others = standalone.filter((x) => !peerIsSelf(x, ctx, sg)).map((x) => x.address);
    const inlineOthers = inline.filter(({ path }) => {
      if (sg.get([...path, 'self']) !== true) return true;
      for (const k of ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'security_groups']) {
        const v = sg.get([...path, k]);
        if (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null) return true;
      }
      return false;
    });
    if (others.length > 0 || inlineOthers.length > 0) {
      const what = [...others, ...inlineOthers.map(({ kind, path }) => `inline ${kind} ${path[path.length - 1]}`)];
      return fail(`the EFA group allows peers other than itself: ${what.join(', ')}`);
    }
    const selfEgress =
      standalone.some((x) => (x.type === 'aws_vpc_security_group_egress_rule' || (x.type === 'aws_security_group_rule' && x.get('type') === 'egress')) && allTraffic(x)) ||
      inline.some(({ kind, path }) => kind === 'egress' && sg.get([...path, 'self']) === true);
    if (!selfEgress) return fail('the EFA group has no all-traffic egress to itself: EFA traffic cannot leave the nodes');
    return pass('the EFA group allows all traffic to and from itself, and nothing else');
  },
};
