/**
 * Reading the rules of AWS security groups: standalone `aws_vpc_security_group_ingress_rule` /
 * `_egress_rule` and `aws_security_group_rule` resources, and inline `ingress` / `egress` blocks.
 */
import { blocks, listAt, numberAt, stringAt } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { FLOW_TAG, referencedVia, tagOf } from '../golden/planes';

/** One rule of a security group, in one direction. */
export interface SgRule {
  readonly direction: 'ingress' | 'egress';
  /** Security groups of the input it admits or reaches. */
  readonly peers: readonly ResourceView[];
  readonly cidrs: readonly string[];
  readonly protocol: string | typeof UNKNOWN | undefined;
  readonly fromPort: number | typeof UNKNOWN | undefined;
  readonly toPort: number | typeof UNKNOWN | undefined;
  /** The `aira:flow` tag: set on the rules of a declared flow. @default none: not a declared flow */
  readonly flow?: string;
}

/** Every rule of a security group in the input, both directions. */
export function rulesOfGroup(sg: ResourceView, ctx: RuleContext): SgRule[] {
  const out: SgRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const r of ctx.referencing(sg, { type: `aws_vpc_security_group_${direction}_rule`, via: 'security_group_id' })) {
      const flow = tagOf(r, FLOW_TAG);
      const cidr = stringAt(r, ['cidr_ipv4']);
      out.push({
        direction,
        peers: referencedVia(r, ctx, 'aws_security_group', 'referenced_security_group_id'),
        cidrs: typeof cidr === 'string' ? [cidr] : [],
        protocol: stringAt(r, ['ip_protocol']),
        fromPort: numberAt(r, ['from_port']),
        toPort: numberAt(r, ['to_port']),
        ...(typeof flow === 'string' ? { flow } : {}),
      });
    }
  }
  for (const r of ctx.referencing(sg, { type: 'aws_security_group_rule', via: 'security_group_id' })) {
    const type = stringAt(r, ['type']);
    if (type !== 'ingress' && type !== 'egress') continue;
    const cidrs = listAt(r, ['cidr_blocks']);
    out.push({
      direction: type,
      peers: r.get('self') === true ? [sg] : referencedVia(r, ctx, 'aws_security_group', 'source_security_group_id'),
      cidrs: cidrs === UNKNOWN ? [] : cidrs.filter((c): c is string => typeof c === 'string'),
      protocol: stringAt(r, ['protocol']),
      fromPort: numberAt(r, ['from_port']),
      toPort: numberAt(r, ['to_port']),
    });
  }
  for (const direction of ['ingress', 'egress'] as const) {
    const list = blocks(sg, [direction]);
    if (list === UNKNOWN) continue;
    for (const b of list) {
      const cidrs = listAt(sg, [...b, 'cidr_blocks']);
      out.push({
        direction,
        peers: [...(sg.get([...b, 'self']) === true ? [sg] : []), ...referencedVia(sg, ctx, 'aws_security_group', pathKey([...b, 'security_groups']))],
        cidrs: cidrs === UNKNOWN ? [] : cidrs.filter((c): c is string => typeof c === 'string'),
        protocol: stringAt(sg, [...b, 'protocol']),
        fromPort: numberAt(sg, [...b, 'from_port']),
        toPort: numberAt(sg, [...b, 'to_port']),
      });
    }
  }
  return out;
}

/** Whether a rule admits TCP on `port`: every protocol (-1), or TCP over a range holding the port. UNKNOWN when it cannot be told. */
export function coversTcpPort(rule: SgRule, port: number): boolean | typeof UNKNOWN {
  if (rule.protocol === UNKNOWN) return UNKNOWN;
  const p = String(rule.protocol ?? '').toLowerCase();
  if (p === '-1' || p === 'all') return true;
  if (p !== 'tcp' && p !== '6') return false;
  if (rule.fromPort === UNKNOWN || rule.toPort === UNKNOWN) return UNKNOWN;
  return typeof rule.fromPort === 'number' && typeof rule.toPort === 'number' && rule.fromPort <= port && port <= rule.toPort;
}
