import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { gcpName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { IVpnLinkEnd, VpnLinkEndOptions, tunnelEnds } from '../core/vpn';

/** What the Google end of a link needs from the Google gateway (read across stacks). */
export interface GcpVpnGatewayRef {
  readonly cloud: 'gcp';
  readonly asn: number;
  /** Public addresses of the HA VPN gateway's two interfaces. */
  readonly publicAddresses: readonly string[];
  /** Id of the HA VPN gateway. */
  readonly gatewayId: string;
  /** Name of the Cloud Router. */
  readonly routerName: string;
  readonly region: string;
}

/** Props of `GcpVpnLinkEnd`. */
export interface GcpVpnLinkEndProps extends Omit<VpnLinkEndOptions, 'gateway'> {
  readonly gateway: GcpVpnGatewayRef;
}

/** Peer gateway redundancy by the number of far-end addresses (compute_external_vpn_gateway `redundancy_type`). */
const REDUNDANCY: Readonly<Record<number, string>> = { 1: 'SINGLE_IP_INTERNALLY_REDUNDANT', 2: 'TWO_IPS_REDUNDANCY', 4: 'FOUR_IPS_REDUNDANCY' };

/**
 * The Google Cloud half of a link, in the interconnect stack: one external (peer) VPN gateway whose
 * interfaces are the far end's tunnel addresses (four for AWS, two for Azure), and per tunnel an HA VPN
 * tunnel (IKEv2, the link's pre-shared key, the plan's HA VPN interface), a Cloud Router interface with
 * the tunnel's inside /30 and a BGP peer with the far end's ASN and address.
 *
 * Google negotiates the cipher the far end proposes among those it supports; the AWS and Azure ends
 * pin one per role (cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers).
 *
 * Arguments: registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_external_vpn_gateway
 * (`redundancy_type`, `interface.id`, `interface.ip_address`), .../compute_vpn_tunnel (`vpn_gateway`,
 * `vpn_gateway_interface`, `peer_external_gateway`, `peer_external_gateway_interface`,
 * `shared_secret`, `router`, `ike_version`), .../compute_router_interface (`router`, `ip_range`,
 * `vpn_tunnel`) and .../compute_router_peer (`router`, `interface`, `peer_ip_address`, `peer_asn`).
 */
export class GcpVpnLinkEnd extends Construct implements IVpnLinkEnd {
  public readonly cloud = 'gcp' as const;
  public readonly localAddresses: readonly string[];
  /** The tunnels, by tunnel index. */
  public readonly tunnels: readonly ComputeVpnTunnel[];

  constructor(scope: Construct, id: string, props: GcpVpnLinkEndProps) {
    super(scope, id);
    const where = this.node.path;
    const { link, side, gateway } = props;
    if ((side === 'a' ? link.a : link.b) !== 'gcp') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Google end of link ${link.key} is built on side ${side}, which is ${side === 'a' ? link.a : link.b}`, 'build the Google end on the side the link plan gives Google Cloud');
    }
    const redundancyType = REDUNDANCY[link.tunnels.length];
    if (!redundancyType) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `link ${link.key} has ${link.tunnels.length} tunnels; a peer VPN gateway has 1, 2 or 4 interfaces`, 'plan the link with planVpn');
    }
    const prefix = namePrefix(props.name, id, where);
    const peerAsn = side === 'a' ? link.asnB : link.asnA;
    const peerCloud = side === 'a' ? link.b : link.a;
    // Every tunnel ends on its own far-end address: peer interface i is tunnel i's far end.
    const peerGateway = new ComputeExternalVpnGateway(this, 'peer', {
      name: gcpName(prefix, peerCloud),
      description: `The ${peerCloud} end of the site-to-site VPN (${link.key})`,
      redundancyType,
      interface: link.tunnels.map((t) => ({ id: t.index, ipAddress: props.peerAddresses[t.index] })),
    });
    const tunnels: ComputeVpnTunnel[] = [];
    const addresses: string[] = [];
    for (const t of link.tunnels) {
      const { local, peer } = tunnelEnds(t, side);
      const name = gcpName(prefix, peerCloud, `tunnel${t.index}`);
      const tunnel = new ComputeVpnTunnel(this, `tunnel-${t.index}`, {
        name,
        region: gateway.region,
        vpnGateway: gateway.gatewayId,
        vpnGatewayInterface: local.interface,
        peerExternalGateway: peerGateway.id,
        peerExternalGatewayInterface: t.index,
        sharedSecret: props.sharedKey,
        router: gateway.routerName,
        ikeVersion: 2,
      });
      const iface = new ComputeRouterInterface(this, `interface-${t.index}`, {
        name,
        router: gateway.routerName,
        region: gateway.region,
        ipRange: `${local.bgpIp}/30`,
        vpnTunnel: tunnel.name,
      });
      new ComputeRouterPeer(this, `bgp-${t.index}`, {
        name,
        router: gateway.routerName,
        region: gateway.region,
        interface: iface.name,
        peerIpAddress: peer.bgpIp,
        peerAsn,
      });
      tunnels.push(tunnel);
      addresses[t.index] = gateway.publicAddresses[local.interface];
    }
    this.tunnels = tunnels;
    this.localAddresses = addresses;
    AiraTags.of(this).add({ plane: 'shared' });
  }
}
