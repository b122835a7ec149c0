/**
 * Reading Azure network security groups for the plane rules. Azure rules name addresses, not planes:
 * a plane is the subnet whose NSG carries the `aira:plane` tag (lib/azure/network.ts associates one NSG
 * per plane subnet), so a rule's address prefixes are mapped to planes through the subnets of the same
 * input. Rules are standalone `azurerm_network_security_rule` resources or inline `security_rule` blocks.
 */
import { blocks, listAt, numberAt, stringAt } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN, ValuePath } from '../../lib/policy/types';
import { Ipv4Range, ipv4Range, rangeContains, rangesOverlap } from './ipv4';
import { COMPUTE_PLANES, memoized, planeOf, planeOfName, referencedVia } from './planes';

/** Resources that hand a subnet's id on (lib/azure/network.ts chains them so Azure applies them in turn). */
const SUBNET_ASSOCIATIONS = ['azurerm_subnet_network_security_group_association', 'azurerm_subnet_nat_gateway_association', 'azurerm_subnet_route_table_association'];

/** A plane subnet of the input: its plane, address ranges, VNet and NSG. */
export interface AzurePlaneSubnet {
  readonly plane: string;
  readonly ranges: readonly Ipv4Range[];
  readonly subnet: ResourceView;
  /** Key of the VNet (its address, or its literal name). */
  readonly vnet: string;
  /** The NSG associated with the subnet in this input. @default none: no association in this input */
  readonly nsg?: ResourceView;
}

/**
 * The `azurerm_subnet` an attribute holding a subnet id points at: directly, or through the
 * association resources whose `subnet_id` output the constructs hand on. Undefined when not in the input.
 */
export function azureSubnetVia(r: ResourceView, ctx: RuleContext, attr: string): ResourceView | undefined {
  let cur = r;
  let path = attr;
  for (let hop = 0; hop < 8; hop++) {
    const direct = referencedVia(cur, ctx, 'azurerm_subnet', path);
    if (direct.length) return direct[0];
    const next = SUBNET_ASSOCIATIONS.flatMap((t) => referencedVia(cur, ctx, t, path))[0];
    if (!next) return undefined;
    cur = next;
    path = 'subnet_id';
  }
  return undefined;
}

/** The NSG associated with a subnet in this input. */
export function nsgOfSubnet(subnet: ResourceView, ctx: RuleContext): ResourceView | undefined {
  for (const a of ctx.referencing(subnet, { type: 'azurerm_subnet_network_security_group_association', via: 'subnet_id' })) {
    const nsg = referencedVia(a, ctx, 'azurerm_network_security_group', 'network_security_group_id')[0];
    if (nsg) return nsg;
  }
  return undefined;
}

function vnetKey(subnet: ResourceView, ctx: RuleContext): string {
  const v = referencedVia(subnet, ctx, 'azurerm_virtual_network', 'virtual_network_name')[0];
  return v ? v.configAddress : `name:${String(subnet.get('virtual_network_name'))}`;
}

/** Every plane subnet of the input (indexed once per input). */
export function azurePlaneSubnets(ctx: RuleContext): readonly AzurePlaneSubnet[] {
  return memoized(ctx, 'azure-plane-subnets', () => {
    const out: AzurePlaneSubnet[] = [];
    for (const subnet of ctx.ofType('azurerm_subnet')) {
      const nsg = nsgOfSubnet(subnet, ctx);
      const plane = (nsg && planeOf(nsg)) ?? planeOfName(subnet.get('name'));
      if (!plane || !COMPUTE_PLANES.includes(plane)) continue;
      const list = listAt(subnet, ['address_prefixes']);
      const ranges = list === UNKNOWN ? [] : list.map(ipv4Range).filter((x): x is Ipv4Range => !!x);
      out.push({ plane, ranges, subnet, vnet: vnetKey(subnet, ctx), ...(nsg ? { nsg } : {}) });
    }
    return out;
  });
}

/** The plane subnet an NSG is associated with, and the plane subnets of its VNet (all known ones when it is associated with none). */
export function nsgScope(nsg: ResourceView | undefined, ctx: RuleContext): { own?: AzurePlaneSubnet; peers: readonly AzurePlaneSubnet[] } {
  const all = azurePlaneSubnets(ctx);
  const own = nsg ? all.find((s) => s.nsg === nsg) : undefined;
  return { ...(own ? { own } : {}), peers: own ? all.filter((s) => s.vnet === own.vnet) : all };
}

/** One NSG security rule, read from a standalone resource (`base` = []) or an inline block. */
export interface NsgRule {
  readonly resource: ResourceView;
  readonly base: ValuePath;
  readonly name: string | typeof UNKNOWN | undefined;
  readonly description: string | typeof UNKNOWN | undefined;
  readonly direction: string | typeof UNKNOWN | undefined;
  readonly access: string | typeof UNKNOWN | undefined;
  readonly priority: number | typeof UNKNOWN | undefined;
  readonly protocol: string | typeof UNKNOWN | undefined;
  /** Destination port ranges ('*' is 0-65535). */
  readonly ports: ReadonlyArray<readonly [number, number]> | typeof UNKNOWN;
  /** The text of the destination port range(s), as written. */
  readonly portText: string | typeof UNKNOWN | undefined;
  readonly sources: readonly string[] | typeof UNKNOWN;
  readonly destinations: readonly string[] | typeof UNKNOWN;
}

function prefixes(r: ResourceView, base: ValuePath, single: string, many: string): readonly string[] | typeof UNKNOWN {
  const one = stringAt(r, [...base, single]);
  const list = listAt(r, [...base, many]);
  if (one === UNKNOWN || list === UNKNOWN || list.includes(UNKNOWN)) return UNKNOWN;
  return [...(one ? [one] : []), ...list.filter((x): x is string => typeof x === 'string')];
}

function portRanges(texts: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const t of texts) {
    if (t === '*') out.push([0, 65535]);
    const m = /^(\d+)(?:-(\d+))?$/.exec(t.trim());
    if (m) out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}

/** Reads a rule at `base` of a resource. */
export function readNsgRule(r: ResourceView, base: ValuePath): NsgRule {
  const texts = prefixes(r, base, 'destination_port_range', 'destination_port_ranges');
  return {
    resource: r,
    base,
    name: stringAt(r, [...base, 'name']),
    description: stringAt(r, [...base, 'description']),
    direction: stringAt(r, [...base, 'direction']),
    access: stringAt(r, [...base, 'access']),
    priority: numberAt(r, [...base, 'priority']),
    protocol: stringAt(r, [...base, 'protocol']),
    ports: texts === UNKNOWN ? UNKNOWN : portRanges(texts),
    portText: texts === UNKNOWN ? UNKNOWN : texts.length === 1 ? texts[0] : texts.length ? texts.join(',') : undefined,
    sources: prefixes(r, base, 'source_address_prefix', 'source_address_prefixes'),
    destinations: prefixes(r, base, 'destination_address_prefix', 'destination_address_prefixes'),
  };
}

/** The NSG a standalone rule belongs to, by reference or by its literal name. */
export function nsgOfRule(rule: ResourceView, ctx: RuleContext): ResourceView | undefined {
  const byRef = referencedVia(rule, ctx, 'azurerm_network_security_group', 'network_security_group_name')[0];
  if (byRef) return byRef;
  const name = rule.get('network_security_group_name');
  return typeof name === 'string' ? ctx.withValue('azurerm_network_security_group', 'name', name)[0] : undefined;
}

/** Every rule of an NSG in this input: standalone rule resources and inline blocks. */
export function rulesOfNsg(nsg: ResourceView, ctx: RuleContext): NsgRule[] {
  const standalone = [...ctx.referencing(nsg, { type: 'azurerm_network_security_rule', via: 'network_security_group_name' })];
  const name = nsg.get('name');
  if (typeof name === 'string') for (const r of ctx.withValue('azurerm_network_security_rule', 'network_security_group_name', name)) if (!standalone.includes(r)) standalone.push(r);
  const inline = blocks(nsg, ['security_rule']);
  return [...standalone.map((r) => readNsgRule(r, [])), ...(inline === UNKNOWN ? [] : inline.map((p) => readNsgRule(nsg, p)))];
}

// Prefixes that match every address of the VNet (and, but for VirtualNetwork, the internet too).
const EVERYWHERE = new Set(['*', 'any', 'virtualnetwork', '0.0.0.0/0']);

/** Whether a prefix is `*`, `Any`, `VirtualNetwork` or 0.0.0.0/0: every plane of the VNet. */
export const coversVnet = (prefix: string): boolean => EVERYWHERE.has(prefix.trim().toLowerCase());

/** The planes among `subnets` a list of prefixes reaches (service tags such as Internet or Storage reach none). */
export function planesOfPrefixes(list: readonly string[], subnets: readonly AzurePlaneSubnet[]): Set<string> {
  const out = new Set<string>();
  for (const p of list) {
    if (coversVnet(p)) {
      for (const s of subnets) out.add(s.plane);
      continue;
    }
    const range = ipv4Range(p);
    if (!range) continue;
    for (const s of subnets) if (s.ranges.some((x) => rangesOverlap(x, range))) out.add(s.plane);
  }
  return out;
}

/** Whether a rule matches traffic from `src` to `dst` on a TCP port (an allow must cover the whole source range; a deny need only touch it). */
function matches(rule: NsgRule, direction: string, src: Ipv4Range, dst: Ipv4Range, port: number): boolean | typeof UNKNOWN {
  const { direction: d, protocol, ports, sources, destinations, access } = rule;
  if (d === UNKNOWN || protocol === UNKNOWN || ports === UNKNOWN || sources === UNKNOWN || destinations === UNKNOWN || access === UNKNOWN) return UNKNOWN;
  if (String(d).toLowerCase() !== direction.toLowerCase()) return false;
  if (!['*', 'tcp'].includes(String(protocol).toLowerCase())) return false;
  if (!ports.some(([lo, hi]) => lo <= port && port <= hi)) return false;
  const allow = String(access).toLowerCase() === 'allow';
  const hit = (list: readonly string[], range: Ipv4Range) =>
    list.some((p) => {
      if (coversVnet(p)) return true;
      const r = ipv4Range(p);
      return !!r && (allow ? rangeContains(r, range) : rangesOverlap(r, range));
    });
  return hit(sources, src) && hit(destinations, dst);
}

/**
 * How an NSG decides TCP traffic from `src` to `dst` on `port` in one direction: the lowest-priority
 * matching rule's access, or `default` when no rule matches (Azure's default rules then allow traffic
 * within the VNet: learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules).
 * UNKNOWN when a rule that might match is known only after apply.
 */
export function nsgDecision(rules: readonly NsgRule[], direction: 'Inbound' | 'Outbound', src: Ipv4Range, dst: Ipv4Range, port: number): 'allow' | 'deny' | 'default' | typeof UNKNOWN {
  const sorted = [...rules].sort((a, b) => (typeof a.priority === 'number' ? a.priority : 1e9) - (typeof b.priority === 'number' ? b.priority : 1e9));
  for (const rule of sorted) {
    const m = matches(rule, direction, src, dst, port);
    if (m === UNKNOWN || (m && rule.priority === UNKNOWN)) return UNKNOWN;
    if (m) return String(rule.access).toLowerCase() === 'allow' ? 'allow' : 'deny';
  }
  return 'default';
}
