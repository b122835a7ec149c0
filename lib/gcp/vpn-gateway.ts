import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { gcpName, namePrefix } from '../core/naming';
import { AIR_GAPPED_PLANE } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { IVpnGateway } from '../core/vpn';
import { IGcpNetwork } from './network-types';

/** Props of `GcpVpnGateway`. */
export interface GcpVpnGatewayProps {
  /** The VPC network the gateway serves. */
  readonly network: IGcpNetwork;
  /** BGP ASN of the Cloud Router. */
  readonly asn: number;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/**
 * The Google Cloud side of a site-to-site VPN interconnect: an HA VPN gateway (two interfaces, each
 * with its own public address) and a Cloud Router with the BGP ASN, in the network's region.
 *
 * The router advertises the non-protected planes' subnetworks only (custom advertisement mode,
 * cloud.google.com/network-connectivity/docs/router/concepts/overview, "Custom advertisement mode"),
 * so the other clouds learn no route to the protected plane. Routes the router learns apply to the
 * whole VPC network (Google has no per-tag dynamic routes); the protected plane stays air-gapped by
 * its firewall, which denies all its egress but HTTPS to Google APIs (`PlaneFirewall`).
 *
 * A router of its own rather than the NAT router: the NAT router has no ASN, and keeping BGP apart lets
 * either be replaced without touching the other.
 *
 * Arguments: registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_ha_vpn_gateway
 * (`network`, `region`, `stack_type`; attribute `vpn_interfaces[i].ip_address`) and .../compute_router
 * (`bgp.asn`, `bgp.advertise_mode`, `bgp.advertised_ip_ranges`).
 *
 * @example
 * const gw = new GcpVpnGateway(stack, 'vpn', { network, asn: 64514 });
 */
export class GcpVpnGateway extends Construct implements IVpnGateway {
  public readonly cloud = 'gcp' as const;
  public readonly asn: number;
  public readonly publicAddresses: readonly string[];
  /** Id of the HA VPN gateway. */
  public readonly gatewayId: string;
  /** Name of the Cloud Router that holds the BGP sessions. */
  public readonly routerName: string;
  /** Region of the gateway and router. */
  public readonly region: string;
  /** Ranges the router advertises: the non-protected planes' subnetworks. */
  public readonly advertisedRanges: readonly string[];

  constructor(scope: Construct, id: string, props: GcpVpnGatewayProps) {
    super(scope, id);
    const where = this.node.path;
    const network = props?.network;
    if (network?.cloud !== 'gcp' || typeof network.networkId !== 'string') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Google Cloud VPN gateway needs a Google Cloud network; got a ${String(network?.cloud)} network`, 'create the network with the Google Cloud kit');
    }
    const prefix = namePrefix(props.name, id, where);
    this.asn = props.asn;
    this.region = network.region;
    this.advertisedRanges = network.layout.planes.filter((p) => p.plane !== AIR_GAPPED_PLANE).map((p) => p.cidr);
    if (this.advertisedRanges.length === 0) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the network has no plane but the protected one, so the VPN would carry nothing', 'give the network a non-protected plane, or leave this cloud out of the VPN');
    }
    const gateway = new ComputeHaVpnGateway(this, 'gateway', { name: gcpName(prefix, 'vpn'), network: network.networkId, region: network.region, stackType: 'IPV4_ONLY' });
    const router = new ComputeRouter(this, 'router', {
      name: gcpName(prefix, 'vpn-router'),
      description: 'BGP for the site-to-site VPN to the other clouds; advertises the non-protected planes only',
      network: network.networkId,
      region: network.region,
      bgp: {
        asn: props.asn,
        advertiseMode: 'CUSTOM',
        advertisedIpRanges: this.advertisedRanges.map((range) => ({ range })),
      },
    });
    this.gatewayId = gateway.id;
    this.routerName = router.name;
    this.publicAddresses = [0, 1].map((i) => gateway.vpnInterfaces.get(i).ipAddress);
    AiraTags.of(this).add({ plane: 'shared' });
  }
}
