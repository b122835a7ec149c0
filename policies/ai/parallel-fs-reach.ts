import { LUSTRE_PORTS } from '../../lib/core/storage-plan';
import { blocks, boolAt, fail, listAt, notApplicable, numberAt, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { azurePlaneSubnets, azureSubnetVia, nsgDecision, planesOfPrefixes, rulesOfNsg } from '../golden/azure-nsg';
import { firewallDecision, networkKey } from '../golden/gcp-network';
import { Ipv4Range, ipv4Range } from '../golden/ipv4';
import { COMPUTE_PLANES, planeOf, planeOfName, referencedVia } from '../golden/planes';
import { SgRule, coversTcpPort, rulesOfGroup } from './aws-sg';

/** The ports a Lustre client reaches its servers on: the server port 988 and the client ports 1018-1023. */
const LUSTRE_TCP_PORTS: readonly number[] = [LUSTRE_PORTS.server, ...Array.from({ length: LUSTRE_PORTS.clientTo - LUSTRE_PORTS.clientFrom + 1 }, (_, i) => LUSTRE_PORTS.clientFrom + i)];
/** Managed Lustre's port when GKE clients are enabled (cloud.google.com/managed-lustre/docs/create-instance). */
const GKE_LUSTRE_PORT = 6988;

/** `988, 1018-1023` for a list of ports, runs collapsed. */
function portList(ports: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ports.length; i++) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j] + 1) j++;
    runs.push(i === j ? `${ports[i]}` : `${ports[i]}-${ports[j]}`);
    i = j;
  }
  return runs.join(', ');
}

function verdictOf(missing: ReadonlyMap<string, string[]>, consumers: readonly string[], undecided: string | undefined, what: string): Verdict {
  if (missing.size) return fail(`not reachable from its declared consumers: ${[...missing].map(([plane, gaps]) => `${plane} (${gaps.join('; ')})`).join(', ')}`);
  if (undecided) return unknown(undecided);
  return pass(`reachable from ${consumers.join(', ')} on ${what}`);
}

/**
 * AWS: the consumers are the planes whose declared flows (aira:flow) reach the file system's security
 * groups on a Lustre port; each needs ingress to those groups and egress from its own on every port.
 */
function awsFsx(r: ResourceView, ctx: RuleContext): Verdict {
  const groups = referencedVia(r, ctx, 'aws_security_group', 'security_group_ids');
  if (!groups.length) {
    const ids = listAt(r, ['security_group_ids']);
    return unknown(ids === UNKNOWN ? 'security_group_ids are known only after apply' : 'the file system\'s security groups are not in this input: who may reach it cannot be judged', 'security_group_ids');
  }
  const own = planeOf(r) ?? groups.map(planeOf).find((p) => p);
  const ingress = groups.flatMap((g) => rulesOfGroup(g, ctx).filter((x) => x.direction === 'ingress'));
  const consumers = new Map<string, ResourceView[]>();
  for (const rule of ingress) {
    if (!rule.flow) continue;
    for (const peer of rule.peers) {
      const plane = planeOf(peer);
      if (!plane || plane === own || !COMPUTE_PLANES.includes(plane) || !LUSTRE_TCP_PORTS.some((p) => coversTcpPort(rule, p) === true)) continue;
      consumers.set(plane, [...(consumers.get(plane) ?? []).filter((g) => g !== peer), peer]);
    }
  }
  if (!consumers.size) return notApplicable('no declared flow from a consumer plane reaches the file system\'s security groups on a Lustre port');
  const missing = new Map<string, string[]>();
  let undecided: string | undefined;
  const admits = (rules: readonly SgRule[], peerOk: (x: SgRule) => boolean, port: number): boolean | typeof UNKNOWN => {
    let maybe = false;
    for (const x of rules) {
      if (!peerOk(x)) continue;
      const c = coversTcpPort(x, port);
      if (c === true) return true;
      if (c === UNKNOWN) maybe = true;
    }
    return maybe ? UNKNOWN : false;
  };
  for (const [plane, peers] of consumers) {
    const egress = peers.flatMap((g) => rulesOfGroup(g, ctx).filter((x) => x.direction === 'egress'));
    const gaps: string[] = [];
    for (const [label, rules, peerOk] of [
      ['ingress to the file system', ingress, (x: SgRule) => x.peers.some((p) => peers.includes(p))],
      [`egress from the ${plane} groups`, egress, (x: SgRule) => x.peers.some((p) => groups.includes(p)) || x.cidrs.includes('0.0.0.0/0')],
    ] as const) {
      const closed = LUSTRE_TCP_PORTS.filter((port) => {
        const a = admits(rules, peerOk, port);
        if (a === UNKNOWN) undecided = `a rule of the ${plane} path is known only after apply`;
        return a === false;
      });
      if (closed.length) gaps.push(`no ${label} on ${portList(closed)}`);
    }
    if (gaps.length) missing.set(plane, gaps);
  }
  return verdictOf(missing, [...consumers.keys()], undecided, `TCP ${portList(LUSTRE_TCP_PORTS)}`);
}

/**
 * Azure: the consumers are the planes whose declared flows (rules named after the flow key) reach the
 * file system's subnet on a Lustre port; their traffic must pass the file system's NSG inbound and
 * their own NSG outbound on every port, as Azure evaluates the rules.
 */
function azureLustre(r: ResourceView, ctx: RuleContext): Verdict {
  const subnet = azureSubnetVia(r, ctx, 'subnet_id');
  if (!subnet) return unknown('the file system\'s subnet is not in this input: who may reach it cannot be judged', 'subnet_id');
  const subnets = azurePlaneSubnets(ctx);
  const fs = subnets.find((s) => s.subnet === subnet);
  if (!fs || !fs.nsg || !fs.ranges.length) return unknown('the file system\'s subnet has no plane NSG or address range in this input', 'subnet_id');
  const peers = subnets.filter((s) => s.vnet === fs.vnet && s.plane !== fs.plane);
  const inbound = rulesOfNsg(fs.nsg, ctx);
  const consumers = new Set<string>();
  for (const rule of inbound) {
    if (rule.sources === UNKNOWN || rule.ports === UNKNOWN || typeof rule.name !== 'string') continue;
    if (String(rule.direction).toLowerCase() !== 'inbound' || String(rule.access).toLowerCase() !== 'allow') continue;
    if (!rule.ports.some(([lo, hi]) => LUSTRE_TCP_PORTS.some((p) => lo <= p && p <= hi))) continue;
    for (const plane of planesOfPrefixes(rule.sources, peers)) if (rule.name.startsWith(`${plane}-to-${fs.plane}-`)) consumers.add(plane);
  }
  if (!consumers.size) return notApplicable('no declared flow from a consumer plane reaches the file system\'s subnet on a Lustre port');
  const dst = fs.ranges[0];
  const missing = new Map<string, string[]>();
  let undecided: string | undefined;
  for (const plane of consumers) {
    const gaps: string[] = [];
    for (const src of peers.filter((s) => s.plane === plane)) {
      for (const [label, nsg, direction] of [
        ['inbound at the file system\'s NSG', fs.nsg, 'Inbound'],
        [`outbound at the ${plane} NSG`, src.nsg, 'Outbound'],
      ] as const) {
        if (!nsg) continue;
        const rules = rulesOfNsg(nsg, ctx);
        const blocked = LUSTRE_TCP_PORTS.filter((port) =>
          src.ranges.some((range) => {
            const d = nsgDecision(rules, direction, range, dst, port);
            if (d === UNKNOWN) undecided = `a rule of the ${plane} path is known only after apply`;
            return d === 'deny';
          }),
        );
        if (blocked.length) gaps.push(`denied ${label} on ${portList(blocked)}`);
      }
    }
    if (gaps.length) missing.set(plane, gaps);
  }
  return verdictOf(missing, [...consumers], undecided, `TCP ${portList(LUSTRE_TCP_PORTS)}`);
}

/** Whether a firewall rule's allow blocks admit TCP on a port (protocol all, or tcp without ports or with a range holding it). */
function allowsTcp(fw: ResourceView, port: number): boolean {
  const list = blocks(fw, ['allow']);
  if (list === UNKNOWN) return false;
  return list.some((b) => {
    const protocol = String(fw.get([...b, 'protocol']) ?? '').toLowerCase();
    if (protocol !== 'all' && protocol !== 'tcp') return false;
    const ports = listAt(fw, [...b, 'ports']);
    if (ports === UNKNOWN) return false;
    return !ports.length || ports.some((p) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(String(p));
      return !!m && Number(m[1]) <= port && port <= Number(m[2] ?? m[1]);
    });
  });
}

/** The private services access ranges of a network (where Managed Lustre takes its addresses). */
function serviceRanges(key: string, ctx: RuleContext): Ipv4Range[] {
  return ctx
    .ofType('google_compute_global_address')
    .filter((a) => a.get('purpose') === 'VPC_PEERING' && networkKey(a, ctx) === key)
    .flatMap((a) => {
      const address = a.get('address');
      const prefix = numberAt(a, ['prefix_length']);
      const range = typeof address === 'string' && typeof prefix === 'number' ? ipv4Range(`${address}/${prefix}`) : undefined;
      return range ? [range] : [];
    });
}

/**
 * Google: the consumers are the planes whose declared flows (firewall allows with a description from a
 * plane tag to the data plane's tag, where the constructs record who mounts the hot tier) cover the
 * Lustre port; the VPC firewall must admit the file system's connections from the private services
 * access range to their tag, and let their egress to the range out.
 */
function gcpLustre(r: ResourceView, ctx: RuleContext): Verdict {
  const key = networkKey(r, ctx);
  if (!key) return unknown('the file system\'s network is known only after apply', 'network');
  const gke = boolAt(r, ['gke_support_enabled']) === true;
  const port = gke ? GKE_LUSTRE_PORT : LUSTRE_PORTS.server;
  const consumers = new Map<string, string>();
  for (const fw of ctx.ofType('google_compute_firewall')) {
    if (networkKey(fw, ctx) !== key || fw.get('direction') === 'EGRESS' || fw.get('disabled') === true) continue;
    const description = fw.get('description');
    const targets = listAt(fw, ['target_tags']);
    const sources = listAt(fw, ['source_tags']);
    if (typeof description !== 'string' || !description.trim() || targets === UNKNOWN || sources === UNKNOWN) continue;
    if (!targets.some((t) => planeOfName(t) === 'data')) continue;
    if (!allowsTcp(fw, LUSTRE_PORTS.server) && !allowsTcp(fw, GKE_LUSTRE_PORT)) continue;
    for (const tag of sources) {
      const plane = planeOfName(tag);
      if (typeof tag === 'string' && plane && plane !== 'data') consumers.set(plane, tag);
    }
  }
  if (!consumers.size) return notApplicable('no declared flow from a consumer plane to the data plane covers the Lustre port');
  const ranges = serviceRanges(key, ctx);
  if (!ranges.length) return unknown('the private services access range of the network is not in this input: whether the firewall admits the file system cannot be judged', 'network');
  const missing = new Map<string, string[]>();
  let undecided: string | undefined;
  for (const [plane, tag] of consumers) {
    const gaps: string[] = [];
    for (const direction of ['INGRESS', 'EGRESS'] as const) {
      const d = ranges.map((range) => firewallDecision(key, ctx, direction, tag, range, port));
      if (d.includes(UNKNOWN)) undecided = `a firewall rule of the ${plane} path is known only after apply`;
      else if (!d.includes('allow')) gaps.push(`${direction === 'INGRESS' ? 'no ingress from' : 'egress denied to'} the service range on ${port}`);
    }
    if (gaps.length) missing.set(plane, gaps);
  }
  return verdictOf(missing, [...consumers.keys()], undecided, `TCP ${port} (to and from the private services access range)`);
}

/** A parallel file system is reachable from the planes declared as its consumers. */
export const parallelFsReach: Rule = {
  id: 'AIRA-AI-009',
  title: 'A parallel file system is reachable from its declared consumers',
  severity: 'high',
  rationale:
    'A hot tier that its consumer planes cannot mount leaves training jobs without data at start-up, a failure no plan error reveals. ' +
    'The consumers are read from the data-plane flows StorageTiers declares for them (any declared flow to the file system on a Lustre port), and the rule checks the whole path on every port Lustre needs. ' +
    'AWS FSx for Lustre: TCP 988 and 1018-1023 into the file system\'s security groups from each consumer plane\'s group, and out of that group to them. ' +
    'Azure Managed Lustre: the same ports through the file system\'s subnet NSG (inbound) and the consumer\'s NSG (outbound), evaluated in priority order with Azure\'s default rules. ' +
    'Google Managed Lustre: TCP 988 (6988 with GKE support) from the private services access range to the consumer plane\'s network tag, and egress from the tag to the range, evaluated as the VPC firewall does. ' +
    'What a plan cannot show: groups, NSGs, subnets or ranges from other stacks (reported unknown), hierarchical firewall policies, NACLs, and whether clients have the Lustre client installed. ' +
    'A file system no declared flow reaches is not judged (no consumer is declared).',
  remediation:
    'Declare the consumer flows with StorageTiers (hot.consumers) or SegmentedNetwork.allow(<plane>, "data", 988 and 1018-1023), and remove any rule that denies or narrows them; ' +
    'on Google keep the firewall rule that admits the service range to the consumer planes\' tags (the aira hot tier creates it).',
  resourceTypes: ['aws_fsx_lustre_file_system', 'azurerm_managed_lustre_file_system', 'google_lustre_instance'],
  frameworks: {
    // Availability of the service the training workload depends on (evidence, not certification).
    soc2: ['A1.1'],
  },
  references: [],
  docs: [
    'https://docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html',
    'https://learn.microsoft.com/azure/azure-managed-lustre/amlfs-prerequisites',
    'https://cloud.google.com/managed-lustre/docs/vpc',
  ],
  check(r: ResourceView, ctx: RuleContext): Verdict {
    if (r.type === 'aws_fsx_lustre_file_system') return awsFsx(r, ctx);
    if (r.type === 'azurerm_managed_lustre_file_system') return azureLustre(r, ctx);
    return gcpLustre(r, ctx);
  },
};
