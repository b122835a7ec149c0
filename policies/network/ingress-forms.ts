/**
 * Every form the three clouds' Terraform providers write an inbound rule in, read into one shape:
 * does this rule let `protocol`/`port` in from the internet? Shared by the SSH and RDP rules.
 *
 * Attribute names: AWS provider (hashicorp/aws) `aws_security_group` inline `ingress`,
 * `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`; azurerm
 * `azurerm_network_security_group` inline `security_rule`, `azurerm_network_security_rule`; google
 * `google_compute_firewall` (checked against the bindings' index.d.ts of @cdktf/provider-aws 21,
 * provider-azurerm 14, provider-google 16, which document the same names as the registry pages).
 */
import { blocks, boolAt, fail, listAt, numberAt, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';

/** The resource types an internet-ingress rule covers. */
export const INGRESS_TYPES = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
  'google_compute_firewall',
] as const;

/** What is being looked for: a port and the transport protocols it is served on. */
export interface Service {
  readonly name: string;
  readonly port: number;
  readonly protocols: ReadonlyArray<'tcp' | 'udp'>;
}

/**
 * A generalised service: the protocols looked for and a test on a port range, so one reader serves a
 * single port (SSH, RDP) and "every port" (AIRA-NET-003) alike.
 */
export interface PortMatch {
  /** Words for messages: `SSH (tcp 22)`, `every port`. */
  readonly phrase: string;
  readonly protocols: ReadonlyArray<'tcp' | 'udp'>;
  /** Whether a rule opening ports `lo`..`hi` (inclusive) matches. */
  covers(lo: number, hi: number): boolean;
}

/** The PortMatch of one service port. */
function singlePort(svc: Service): PortMatch {
  return { phrase: `${svc.name} (${svc.protocols.join('/')} ${svc.port})`, protocols: svc.protocols, covers: (lo, hi) => lo <= svc.port && svc.port <= hi };
}

/** Three-valued logic: a condition holds, does not, or is known only after apply. */
type Tri = true | false | 'unknown';

const and = (...xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);
const or = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);

/**
 * Sources that mean "anyone": IPv4 and IPv6 any-address ranges, and Azure's `*`, `Any` and `Internet`
 * service tag (learn.microsoft.com/azure/virtual-network/service-tags-overview).
 */
export function isInternet(source: string): boolean {
  const s = source.trim().toLowerCase();
  // Any prefix of length 0 (`0.0.0.0/0`, `::/0`, and their spellings) covers every address.
  return s === '*' || s === 'any' || s === 'internet' || s === '0.0.0.0' || s.endsWith('/0');
}

function sourcesOpen(values: unknown[] | typeof UNKNOWN): Tri {
  if (values === UNKNOWN) return 'unknown';
  return or(values.map((v) => (v === UNKNOWN ? 'unknown' : typeof v === 'string' && isInternet(v))));
}

/** Port spec of Azure and Google: `22`, `20-25`, `*`; undefined when unreadable. */
function portSpecCovers(spec: unknown, svc: PortMatch): Tri {
  if (spec === UNKNOWN) return 'unknown';
  const s = String(spec).trim();
  if (s === '*') return true;
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
  if (!m) return 'unknown';
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return svc.covers(lo, hi);
}

/** AWS protocol: `-1` / `all` is every protocol and port; `tcp` / `6`, `udp` / `17`. */
function awsProtocol(p: string | typeof UNKNOWN | undefined, svc: PortMatch): { matches: Tri; allPorts: Tri } {
  if (p === UNKNOWN) return { matches: 'unknown', allPorts: 'unknown' };
  const v = (p ?? '').toLowerCase();
  if (v === '-1' || v === 'all') return { matches: true, allPorts: true };
  const name = v === '6' ? 'tcp' : v === '17' ? 'udp' : v;
  return { matches: svc.protocols.includes(name as 'tcp' | 'udp'), allPorts: false };
}

function awsPorts(r: ResourceView, at: ValuePath, svc: PortMatch, allPorts: Tri): Tri {
  if (allPorts === true) return true;
  const from = numberAt(r, [...at, 'from_port']);
  const to = numberAt(r, [...at, 'to_port']);
  const ports: Tri = from === UNKNOWN || to === UNKNOWN ? 'unknown' : from === undefined || to === undefined ? false : svc.covers(from, to);
  return allPorts === 'unknown' ? (ports === true ? true : 'unknown') : ports;
}

/** One AWS rule (inline block or rule resource) at `at`, with its source attributes. */
function awsRule(r: ResourceView, at: ValuePath, svc: PortMatch, protocolKey: string, sourceKeys: string[]): Tri {
  const proto = awsProtocol(stringAt(r, [...at, protocolKey]), svc);
  const sources = or(sourceKeys.map((k) => sourcesOpen(listAt(r, [...at, k]))));
  return and(proto.matches, awsPorts(r, at, svc, proto.allPorts), sources);
}

function azureRule(r: ResourceView, at: ValuePath, svc: PortMatch): Tri {
  const direction = stringAt(r, [...at, 'direction']);
  const access = stringAt(r, [...at, 'access']);
  const protocol = stringAt(r, [...at, 'protocol']);
  const inbound: Tri = direction === UNKNOWN ? 'unknown' : (direction ?? '').toLowerCase() === 'inbound';
  const allow: Tri = access === UNKNOWN ? 'unknown' : (access ?? '').toLowerCase() === 'allow';
  const proto: Tri = protocol === UNKNOWN ? 'unknown' : protocol === '*' || svc.protocols.includes((protocol ?? '').toLowerCase() as 'tcp' | 'udp');
  const ranges = [...asList(listAt(r, [...at, 'destination_port_range'])), ...asList(listAt(r, [...at, 'destination_port_ranges']))];
  const ports = ranges.includes(UNKNOWN) ? (or(ranges.filter((x) => x !== UNKNOWN).map((x) => portSpecCovers(x, svc))) === true ? true : 'unknown') : or(ranges.map((x) => portSpecCovers(x, svc)));
  const sources = or([sourcesOpen(listAt(r, [...at, 'source_address_prefix'])), sourcesOpen(listAt(r, [...at, 'source_address_prefixes']))]);
  return and(inbound, allow, proto, ports, sources);
}

function asList(x: unknown[] | typeof UNKNOWN): unknown[] {
  return x === UNKNOWN ? [UNKNOWN] : x;
}

function googleFirewall(r: ResourceView, svc: PortMatch): { open: Tri; at: ValuePath } {
  const direction = stringAt(r, ['direction']);
  const disabled = boolAt(r, ['disabled']);
  // The API's default direction is INGRESS (cloud.google.com/compute/docs/reference/rest/v1/firewalls).
  const ingress: Tri = direction === UNKNOWN ? 'unknown' : (direction ?? 'INGRESS').toUpperCase() === 'INGRESS';
  const enabled: Tri = disabled === UNKNOWN ? 'unknown' : disabled !== true;
  const ranges = listAt(r, ['source_ranges']);
  const tags = listAt(r, ['source_tags']);
  const accounts = listAt(r, ['source_service_accounts']);
  // With no source at all, the API applies the rule to 0.0.0.0/0 (same reference, `sourceRanges`).
  const noSource: Tri = ranges === UNKNOWN || tags === UNKNOWN || accounts === UNKNOWN ? 'unknown' : ranges.length === 0 && tags.length === 0 && accounts.length === 0;
  const sources = or([sourcesOpen(ranges), noSource]);
  const allows = blocks(r, ['allow']);
  if (allows === UNKNOWN) return { open: and(ingress, enabled, sources, 'unknown'), at: ['allow'] };
  const perAllow = allows.map((a) => {
    const p = stringAt(r, [...a, 'protocol']);
    const proto: Tri = p === UNKNOWN ? 'unknown' : ['all', ...svc.protocols, ...svc.protocols.map((x) => (x === 'tcp' ? '6' : '17'))].includes((p ?? '').toLowerCase());
    const ports = listAt(r, [...a, 'ports']);
    // No ports listed: every port of the protocol.
    const covers: Tri = ports === UNKNOWN ? 'unknown' : ports.length === 0 ? true : or(ports.map((x) => portSpecCovers(x, svc)));
    return and(proto, covers);
  });
  const hit = perAllow.findIndex((t) => t !== false);
  return { open: and(ingress, enabled, sources, or(perAllow)), at: hit >= 0 ? allows[hit] : ['allow'] };
}

/** Verdicts of one resource of any INGRESS_TYPES form for one service. */
export function internetIngress(r: ResourceView, svc: Service): Verdict[] {
  return internetIngressMatching(r, singlePort(svc));
}

/** Verdicts of one resource of any INGRESS_TYPES form for any port test (see PortMatch). */
export function internetIngressMatching(r: ResourceView, svc: PortMatch): Verdict[] {
  const entries: Array<{ open: Tri; at: ValuePath; what: string }> = [];
  switch (r.type) {
    case 'aws_security_group': {
      const list = blocks(r, ['ingress']);
      if (list === UNKNOWN) entries.push({ open: 'unknown', at: ['ingress'], what: 'inline ingress rules' });
      else list.forEach((at) => entries.push({ open: awsRule(r, at, svc, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks']), at, what: `inline ingress rule ${at.join('.')}` }));
      break;
    }
    case 'aws_security_group_rule': {
      const type = stringAt(r, ['type']);
      const isIngress: Tri = type === UNKNOWN ? 'unknown' : type === 'ingress';
      entries.push({ open: and(isIngress, awsRule(r, [], svc, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks'])), at: [], what: 'the rule' });
      break;
    }
    case 'aws_vpc_security_group_ingress_rule':
      entries.push({ open: awsRule(r, [], svc, 'ip_protocol', ['cidr_ipv4', 'cidr_ipv6']), at: [], what: 'the rule' });
      break;
    case 'azurerm_network_security_group': {
      const list = blocks(r, ['security_rule']);
      if (list === UNKNOWN) entries.push({ open: 'unknown', at: ['security_rule'], what: 'inline security rules' });
      else list.forEach((at) => entries.push({ open: azureRule(r, at, svc), at, what: `inline security_rule ${describeAzure(r, at)}` }));
      break;
    }
    case 'azurerm_network_security_rule':
      entries.push({ open: azureRule(r, [], svc), at: [], what: 'the rule' });
      break;
    case 'google_compute_firewall': {
      const g = googleFirewall(r, svc);
      entries.push({ open: g.open, at: g.at, what: 'the firewall rule' });
      break;
    }
    default:
      return [];
  }
  const out: Verdict[] = [];
  for (const e of entries) {
    if (e.open === true) out.push(fail(`${e.what} allows ${svc.phrase} from the internet`, e.at));
    else if (e.open === 'unknown') out.push(unknown(`${e.what}: whether it allows ${svc.phrase} from the internet is known only after apply`, e.at));
  }
  return out.length ? out : [pass(`no inbound rule allows ${svc.phrase} from the internet`)];
}

function describeAzure(r: ResourceView, at: ValuePath): string {
  const name = stringAt(r, [...at, 'name']);
  return typeof name === 'string' ? `"${name}"` : at.join('.');
}
