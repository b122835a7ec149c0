import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CLOUDS, Cloud } from './catalog/types';
import { formatCidr, parseCidr, subBlock } from './cidr';
import { AiraError, ErrorCodes } from './errors';
import { INetwork } from './network';

/**
 * Site-to-site VPN between clouds, cloud-neutral: the deterministic plan of links, tunnels, BGP ASNs
 * and inside-tunnel addresses (pure functions), and the port a cloud's kit implements to build its
 * side (`CloudKit.vpn`).
 *
 * Shape of a link, per cloud pair (the clouds' own reference designs):
 * - AWS with a peer that has two public interfaces (an active-active Azure gateway, a Google HA VPN
 *   gateway): one customer gateway and one VPN connection per peer interface, two tunnels each, so four
 *   tunnels (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp,
 *   cloud.google.com/network-connectivity/docs/vpn/concepts/topologies: "a peer gateway configuration
 *   with four interfaces").
 * - Azure with Google: one tunnel per interface pair (Azure instance i to Google interface i), two
 *   tunnels, which meets HA VPN's 99.99% configuration (every interface of both gateways in use).
 * BGP runs over every tunnel; IKEv2 with one pinned cipher per role on both sides.
 */

/** The cloud pairs a VPN link can join, in a fixed order: the pair's position fixes its address block. */
export const VPN_PAIRS: ReadonlyArray<readonly [Cloud, Cloud]> = [
  ['aws', 'azure'],
  ['aws', 'gcp'],
  ['azure', 'gcp'],
];

/**
 * BGP ASN of each cloud's VPN gateway by default: distinct 16-bit private ASNs (RFC 6996, 64512-65534).
 * 64512 is also AWS's default Amazon-side ASN. None is one Azure reserves (65515, 65517-65520) or
 * IANA reserves (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview, "Can I use ASNs";
 * docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html).
 */
export const DEFAULT_VPN_ASNS: Readonly<Record<Cloud, number>> = { aws: 64512, azure: 64513, gcp: 64514 };

/** ASNs Azure VPN gateways refuse for themselves and their peers (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview). */
const AZURE_RESERVED_ASNS = [65515, 65517, 65518, 65519, 65520];

/**
 * Where inside-tunnel (BGP) addresses are taken from: 169.254.21.0/24, inside Azure's APIPA range for
 * VPN gateways (169.254.21.0 to 169.254.22.255, learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp)
 * and inside AWS's 169.254.0.0/16 clear of the /30s AWS reserves (169.254.0.0/30 to 169.254.5.0/30 and
 * 169.254.169.252/30, docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html);
 * Google's Cloud Router takes any link-local /30 (cloud.google.com/network-connectivity/docs/router/concepts/overview).
 * One range for every pair keeps the scheme one rule.
 */
export const VPN_INSIDE_RANGE = '169.254.21.0/24';
/** Addresses each cloud pair owns in `VPN_INSIDE_RANGE` (a /27: eight /30 tunnels, four are used). */
const PAIR_BLOCK_PREFIX = 27;
/** Tunnels of one link, at most (AWS with a two-interface peer). */
export const MAX_TUNNELS_PER_LINK = 4;

/** A tunnel end: which interface of its cloud's gateway terminates it, and its BGP address. */
export interface VpnTunnelEnd {
  readonly cloud: Cloud;
  /**
   * The gateway interface: the Azure gateway instance, the Google HA VPN interface, or on AWS the VPN
   * connection (one per peer interface).
   */
  readonly interface: number;
  /** Position of the tunnel among those on the same interface (AWS: tunnel 1 or 2 of the connection, as 0 or 1). */
  readonly slot: number;
  /** This end's BGP address inside the tunnel. */
  readonly bgpIp: string;
}

/** One IPsec tunnel of a link, with a BGP session over it. */
export interface VpnTunnelPlan {
  /** Position in the link, 0 up. */
  readonly index: number;
  /** The tunnel's /30 (its two usable addresses are the ends' BGP addresses). */
  readonly insideCidr: string;
  /** The end on the link's first cloud (`a`) and on its second (`b`). */
  readonly a: VpnTunnelEnd;
  readonly b: VpnTunnelEnd;
}

/** A site-to-site VPN link between two clouds. */
export interface VpnLinkPlan {
  /** `aws-azure`, `aws-gcp` or `azure-gcp`. */
  readonly key: string;
  /** The pair's clouds, in `VPN_PAIRS` order. */
  readonly a: Cloud;
  readonly b: Cloud;
  /** BGP ASN of each end's gateway. */
  readonly asnA: number;
  readonly asnB: number;
  /** Name of the Terraform variable that holds the link's pre-shared key (`TF_VAR_<name>`). */
  readonly keyVariable: string;
  readonly tunnels: readonly VpnTunnelPlan[];
}

/** The VPN interconnect of a set of clouds: one link per pair. */
export interface VpnPlan {
  readonly clouds: readonly Cloud[];
  readonly asns: Readonly<Partial<Record<Cloud, number>>>;
  readonly links: readonly VpnLinkPlan[];
}

/** Public interfaces of each cloud's VPN gateway as the links use them (AWS: one connection per peer interface, in the plan). */
const GATEWAY_INTERFACES: Readonly<Record<Cloud, number>> = { aws: 0, azure: 2, gcp: 2 };

/**
 * The links, tunnels, ASNs and inside addresses for a set of clouds. Deterministic: the same clouds
 * and ASNs give the same plan, and a pair's addresses do not depend on which other clouds take part
 * (adding a cloud later leaves the existing tunnels as they are).
 *
 * Inside addresses: pair p (its position in `VPN_PAIRS`) owns the p-th /27 of `VPN_INSIDE_RANGE`;
 * tunnel t of the link is the t-th /30 of it; the pair's first cloud takes the first usable address
 * (.1), the second cloud the second (.2). On AWS links this is AWS's own convention (the AWS side of a
 * tunnel is its first address). So aws-azure uses 169.254.21.0-15, aws-gcp 169.254.21.32-47,
 * azure-gcp 169.254.21.64-71.
 *
 * Throws AIRA_E_INVALID_PROP for an ASN outside the private 16-bit range, reserved by Azure, or shared
 * by two clouds.
 */
export function planVpn(clouds: readonly Cloud[], asnOverrides: Partial<Record<Cloud, number>> = {}, where = 'planVpn'): VpnPlan {
  const used = CLOUDS.filter((c) => clouds.includes(c));
  const asns: Partial<Record<Cloud, number>> = {};
  for (const c of used) asns[c] = checkAsn(asnOverrides[c] ?? DEFAULT_VPN_ASNS[c], c, where);
  const seen = new Map<number, Cloud>();
  for (const c of used) {
    const other = seen.get(asns[c]!);
    if (other) throw new AiraError(ErrorCodes.INVALID_PROP, where, `the ${other} and ${c} VPN gateways share BGP ASN ${asns[c]}`, 'give every cloud its own ASN (eBGP between the clouds needs distinct ones)');
    seen.set(asns[c]!, c);
  }
  const range = parseCidr(VPN_INSIDE_RANGE, where);
  const links: VpnLinkPlan[] = [];
  VPN_PAIRS.forEach(([a, b], p) => {
    if (!used.includes(a) || !used.includes(b)) return;
    const block = subBlock(range, PAIR_BLOCK_PREFIX, p);
    const tunnels: VpnTunnelPlan[] = [];
    // A peer with two interfaces: AWS dials each from its own connection (two tunnels per connection);
    // two gateways with two interfaces each pair them up one to one.
    const perInterface = a === 'aws' ? 2 : 1;
    const peerInterfaces = GATEWAY_INTERFACES[b];
    for (let i = 0; i < peerInterfaces; i++) {
      for (let s = 0; s < perInterface; s++) {
        const index = tunnels.length;
        const cidr = subBlock(block, 30, index);
        const ip = (n: number) => formatCidr({ base: (cidr.base + n) >>> 0, prefix: 32 }).replace(/\/32$/, '');
        tunnels.push({
          index,
          insideCidr: formatCidr(cidr),
          a: { cloud: a, interface: i, slot: s, bgpIp: ip(1) },
          b: { cloud: b, interface: i, slot: s, bgpIp: ip(2) },
        });
      }
    }
    links.push({ key: `${a}-${b}`, a, b, asnA: asns[a]!, asnB: asns[b]!, keyVariable: `vpn_psk_${a}_${b}`, tunnels });
  });
  return { clouds: used, asns, links };
}

function checkAsn(asn: unknown, cloud: Cloud, where: string): number {
  if (typeof asn !== 'number' || !Number.isInteger(asn) || asn < 64512 || asn > 65534 || AZURE_RESERVED_ASNS.includes(asn)) {
    throw new AiraError(
      ErrorCodes.INVALID_PROP,
      where,
      `BGP ASN ${String(asn)} of the ${cloud} VPN gateway is not a usable private ASN`,
      `use a 16-bit private ASN (64512-65534) other than Azure's reserved ${AZURE_RESERVED_ASNS.join(', ')}, for example ${DEFAULT_VPN_ASNS[cloud]}`,
    );
  }
  return asn;
}

/**
 * BGP addresses a cloud's gateway answers on, per gateway interface, over every link of the plan: what
 * an Azure gateway lists as the APIPA addresses of each instance. Empty lists for a cloud in no link.
 */
export function gatewayBgpAddresses(plan: VpnPlan, cloud: Cloud): string[][] {
  const out: string[][] = Array.from({ length: GATEWAY_INTERFACES[cloud] }, () => []);
  for (const link of plan.links) {
    for (const t of link.tunnels) {
      const end = link.a === cloud ? t.a : link.b === cloud ? t.b : undefined;
      if (end && out[end.interface]) out[end.interface].push(end.bgpIp);
    }
  }
  return out;
}

/** The end of a tunnel on one side of its link (`a` or `b`), and the far end. */
export function tunnelEnds(tunnel: VpnTunnelPlan, side: 'a' | 'b'): { readonly local: VpnTunnelEnd; readonly peer: VpnTunnelEnd } {
  return side === 'a' ? { local: tunnel.a, peer: tunnel.b } : { local: tunnel.b, peer: tunnel.a };
}

/** Props of a kit's VPN gateway. */
export interface VpnGatewayOptions {
  /** The network the gateway serves (a network the same kit made). */
  readonly network: INetwork;
  /** The gateway's BGP ASN. */
  readonly asn: number;
  /**
   * BGP addresses per gateway interface (`gatewayBgpAddresses`): the Azure gateway configures them on
   * its instances; AWS and Google set them per tunnel in the links instead.
   */
  readonly bgpAddresses: readonly (readonly string[])[];
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/** A cloud's VPN gateway, built in that cloud's stack. Its attributes are read by the links in the interconnect stack. */
export interface IVpnGateway {
  readonly cloud: Cloud;
  /** The gateway's BGP ASN. */
  readonly asn: number;
  /**
   * Public addresses of the gateway's interfaces (known after apply): the Azure instances' public IPs,
   * the Google HA VPN interfaces. Empty on AWS, whose tunnel addresses belong to each VPN connection.
   */
  readonly publicAddresses: readonly string[];
}

/** Props of one cloud's half of a link, built in the interconnect stack. */
export interface VpnLinkEndOptions {
  /** This cloud's gateway (from the same kit's `createGateway`). */
  readonly gateway: IVpnGateway;
  /** The link. */
  readonly link: VpnLinkPlan;
  /** Which end of the link this cloud is. */
  readonly side: 'a' | 'b';
  /** Public address of the far end of each tunnel, by tunnel index. */
  readonly peerAddresses: readonly string[];
  /** The link's pre-shared key: a reference to a sensitive Terraform variable, never a literal. */
  readonly sharedKey: string;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/** One cloud's half of a link. */
export interface IVpnLinkEnd {
  readonly cloud: Cloud;
  /** Public address of this end of each tunnel, by tunnel index (the far end's `peerAddresses`). */
  readonly localAddresses: readonly string[];
}

/**
 * The VPN side of the `CloudKit` port. A kit without it cannot take part in a VPN interconnect.
 *
 * Two phases without a dependency cycle: each cloud's stack builds its gateway (`createGateway`),
 * which needs nothing from the other clouds; a separate interconnect stack holds every link end
 * (`createLinkEnd`), reading the gateways' attributes through cdktf cross-stack references, so
 * `cdktf deploy` applies it after the clouds' stacks.
 */
export interface VpnKit {
  /** The cloud's VPN gateway on a network the same kit made, inside a stack the same kit made. */
  createGateway(scope: Construct, id: string, props: VpnGatewayOptions): IVpnGateway;
  /** Configures the cloud's provider on a stack the kit did not make (the interconnect stack). */
  configureProvider(stack: TerraformStack): void;
  /** The cloud's half of a link, in the interconnect stack. */
  createLinkEnd(scope: Construct, id: string, props: VpnLinkEndOptions): IVpnLinkEnd;
}

