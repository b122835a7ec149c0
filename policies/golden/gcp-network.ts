/**
 * Reading Google VPC networks for the plane rules. Google subnetworks and firewall rules carry no
 * labels: the constructs name a plane's subnetwork and network tag `<network>-<plane>`
 * (lib/gcp/network.ts), so a plane is read from a name's suffix, and resources are tied to their
 * network through the `network` attribute (a reference, or a literal name or self link).
 */
import { blocks, listAt, numberAt, stringAt } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN } from '../../lib/policy/types';
import { Ipv4Range, ipv4Range, rangeContains, rangesOverlap } from './ipv4';
import { PROTECTED_PLANE, memoized, planeOfName, referencedVia } from './planes';

/**
 * A key naming the network `attr` of `r` points at: the network resource's address when it is in the
 * input, else `name:<last segment>` of a literal name or self link. Undefined when unset or unknown.
 */
export function networkKey(r: ResourceView, ctx: RuleContext, attr = 'network'): string | undefined {
  const ref = referencedVia(r, ctx, 'google_compute_network', attr)[0];
  if (ref) return ref.configAddress;
  const v = r.get(attr);
  if (typeof v !== 'string' || !v) return undefined;
  const name = v.split('/').pop() as string;
  const byName = ctx.withValue('google_compute_network', 'name', name)[0];
  return byName ? byName.configAddress : `name:${name}`;
}

/** A subnetwork's plane, from its name. */
export const subnetPlane = (s: ResourceView): string | undefined => planeOfName(s.get('name'));

/** The protected-plane subnetworks of the input, with their network keys (indexed once per input). */
export function protectedSubnets(ctx: RuleContext): ReadonlyArray<{ readonly subnet: ResourceView; readonly network?: string }> {
  return memoized(ctx, 'gcp-protected-subnets', () =>
    ctx
      .ofType('google_compute_subnetwork')
      .filter((s) => subnetPlane(s) === PROTECTED_PLANE)
      .map((s) => {
        const network = networkKey(s, ctx);
        return { subnet: s, ...(network ? { network } : {}) };
      }),
  );
}

/** Whether the network `key` holds a protected-plane subnetwork in this input. */
export const networkHasProtected = (key: string | undefined, ctx: RuleContext): boolean => !!key && protectedSubnets(ctx).some((p) => p.network === key);

/**
 * The subnetwork a `subnetwork` attribute names: `protected` when it is a protected-plane subnetwork
 * (a reference to one, or a literal name or self link ending in `-protected`), its plane otherwise.
 */
export function subnetworkPlane(r: ResourceView, ctx: RuleContext, attr: string): string | typeof UNKNOWN | undefined {
  const ref = referencedVia(r, ctx, 'google_compute_subnetwork', attr)[0];
  if (ref) return subnetPlane(ref);
  const v = r.get(attr);
  if (v === UNKNOWN) return UNKNOWN;
  return planeOfName(v);
}

/**
 * The Google API VIPs of Private Google Access, private.googleapis.com and restricted.googleapis.com
 * (cloud.google.com/vpc/docs/configure-private-google-access#domain-options). A route to them takes the
 * default internet gateway as next hop, but the traffic stays on Google's network.
 */
const GOOGLE_API_VIPS: readonly Ipv4Range[] = ['199.36.153.8/30', '199.36.153.4/30'].map((c) => ipv4Range(c) as Ipv4Range);

/**
 * Whether a route sends traffic to the internet: its next hop is the default internet gateway (a name
 * or a gateway URL) and its destination is not only the Google API VIPs.
 */
export function toInternetGateway(route: ResourceView): boolean | typeof UNKNOWN {
  const hop = stringAt(route, ['next_hop_gateway']);
  if (hop === UNKNOWN) return UNKNOWN;
  if (typeof hop !== 'string' || !/(^|\/)default-internet-gateway$/.test(hop)) return false;
  const dest = stringAt(route, ['dest_range']);
  if (dest === UNKNOWN) return UNKNOWN;
  const range = ipv4Range(dest);
  return !(range && GOOGLE_API_VIPS.some((vip) => rangeContains(vip, range)));
}

/** One firewall rule, as the reachability check reads it. */
interface FirewallRule {
  readonly direction: string;
  readonly priority: number;
  readonly deny: boolean;
  readonly targetTags: readonly string[];
  /** Source ranges (ingress) or destination ranges (egress). */
  readonly ranges: readonly Ipv4Range[];
  /** Protocol and port ranges allowed or denied ('all' protocol, or no ports, is every port). */
  readonly rules: ReadonlyArray<{ readonly protocol: string; readonly ports: ReadonlyArray<readonly [number, number]> }>;
}

function readFirewall(fw: ResourceView): FirewallRule | typeof UNKNOWN | undefined {
  if (fw.get('disabled') === true) return undefined;
  const direction = stringAt(fw, ['direction']);
  const priority = numberAt(fw, ['priority']);
  const targets = listAt(fw, ['target_tags']);
  const ranges = listAt(fw, [direction === 'EGRESS' ? 'destination_ranges' : 'source_ranges']);
  const allow = blocks(fw, ['allow']);
  const deny = blocks(fw, ['deny']);
  if ([direction, priority, targets, ranges, allow, deny].includes(UNKNOWN)) return UNKNOWN;
  const list = (allow as (string | number)[][]).length ? (allow as (string | number)[][]) : (deny as (string | number)[][]);
  const rules = [];
  for (const b of list) {
    const protocol = stringAt(fw, [...b, 'protocol']);
    const ports = listAt(fw, [...b, 'ports']);
    if (protocol === UNKNOWN || ports === UNKNOWN) return UNKNOWN;
    const parsed = ports.flatMap((p) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(String(p));
      return m ? [[Number(m[1]), Number(m[2] ?? m[1])] as const] : [];
    });
    rules.push({ protocol: String(protocol ?? 'all').toLowerCase(), ports: parsed });
  }
  return {
    direction: String(direction ?? 'INGRESS'),
    // Google's default priority is 1000 (cloud.google.com/firewall/docs/firewalls#priority_order_for_firewall_rules).
    priority: typeof priority === 'number' ? priority : 1000,
    deny: !(allow as unknown[]).length,
    targetTags: (targets as unknown[]).filter((t): t is string => typeof t === 'string'),
    ranges: (ranges as unknown[]).map(ipv4Range).filter((x): x is Ipv4Range => !!x),
    rules,
  };
}

/** The firewall rules of a network, read once per input. */
function firewallsOf(key: string, ctx: RuleContext): ReadonlyArray<FirewallRule | typeof UNKNOWN> {
  const byNetwork = memoized(ctx, 'gcp-firewalls', () => {
    const m = new Map<string, Array<FirewallRule | typeof UNKNOWN>>();
    for (const fw of ctx.ofType('google_compute_firewall')) {
      const k = networkKey(fw, ctx);
      const rule = readFirewall(fw);
      if (!k || rule === undefined) continue;
      m.set(k, [...(m.get(k) ?? []), rule]);
    }
    return m;
  });
  return byNetwork.get(key) ?? [];
}

/**
 * How the network's VPC firewall decides TCP traffic on `port` between instances carrying `tag` and the
 * peer `range` (the source of ingress, the destination of egress): the matching rule of highest
 * priority, a deny winning a tie; with no match, the implied rules (deny ingress, allow egress:
 * cloud.google.com/firewall/docs/firewalls#default_firewall_rules). An allow must cover the whole peer
 * range, a deny need only touch it. UNKNOWN when a rule is known only after apply.
 */
export function firewallDecision(key: string, ctx: RuleContext, direction: 'INGRESS' | 'EGRESS', tag: string, range: Ipv4Range, port: number): 'allow' | 'deny' | typeof UNKNOWN {
  let best: { priority: number; deny: boolean } | undefined;
  for (const rule of firewallsOf(key, ctx)) {
    if (rule === UNKNOWN) return UNKNOWN;
    if (rule.direction !== direction) continue;
    if (rule.targetTags.length && !rule.targetTags.includes(tag)) continue;
    const peer = rule.deny ? rule.ranges.some((r) => rangesOverlap(r, range)) : rule.ranges.some((r) => rangeContains(r, range));
    if (!peer) continue;
    const hit = rule.rules.some((x) => (x.protocol === 'all' || x.protocol === 'tcp') && (!x.ports.length || x.ports.some(([lo, hi]) => lo <= port && port <= hi)));
    if (!hit) continue;
    if (!best || rule.priority < best.priority || (rule.priority === best.priority && rule.deny)) best = { priority: rule.priority, deny: rule.deny };
  }
  if (best) return best.deny ? 'deny' : 'allow';
  return direction === 'INGRESS' ? 'deny' : 'allow';
}
