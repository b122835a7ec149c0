import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { awsName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { IVpnGateway } from '../core/vpn';
import { SegmentedNetwork } from './network';

/** Props of `AwsVpnGateway`. */
export interface AwsVpnGatewayProps {
  /** The VPC the gateway attaches to: a `SegmentedNetwork`, whose non-protected route tables take the learned routes. */
  readonly network: SegmentedNetwork;
  /** Amazon-side BGP ASN (64512-65534 or 4200000000-4294967294). */
  readonly asn: number;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/**
 * The AWS side of a site-to-site VPN interconnect: a virtual private gateway attached to the VPC, with
 * BGP route propagation into the route tables of the non-protected planes only. The protected plane's
 * route table takes no route from it, so the air gap holds across clouds too.
 *
 * A virtual private gateway rather than a transit gateway: the platform has one VPC per cloud, so the
 * transit gateway's hub (many VPCs, ECMP over tunnels) would add its hourly attachment and per-GB
 * processing charges (aws.amazon.com/transit-gateway/pricing) for nothing. Each tunnel carries up to
 * 1.25 Gbps either way (docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html).
 *
 * The gateway has no public address of its own: each VPN connection (built in the interconnect stack,
 * one per peer interface) gets two tunnel endpoints, so `publicAddresses` is empty.
 *
 * Arguments: registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpn_gateway
 * (`vpc_id`, `amazon_side_asn`) and .../vpn_gateway_route_propagation (`vpn_gateway_id`, `route_table_id`).
 *
 * @example
 * const gw = new AwsVpnGateway(stack, 'vpn', { network, asn: 64512 });
 */
export class AwsVpnGateway extends Construct implements IVpnGateway {
  public readonly cloud = 'aws' as const;
  public readonly asn: number;
  public readonly publicAddresses: readonly string[] = [];
  /** Id of the virtual private gateway (`vgw-...`). */
  public readonly vpnGatewayId: string;
  /** Route tables the gateway propagates into (the non-protected planes', one per zone). */
  public readonly routeTableIds: readonly string[];

  constructor(scope: Construct, id: string, props: AwsVpnGatewayProps) {
    super(scope, id);
    const where = this.node.path;
    if (!(props?.network instanceof SegmentedNetwork)) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'a VPN gateway needs a network built by SegmentedNetwork (it propagates routes into the planes\' route tables)', 'build the network with the AWS kit or SegmentedNetwork, or attach a gateway to an imported VPC yourself');
    }
    const asn = props.asn;
    if (!Number.isInteger(asn) || !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `Amazon-side ASN ${String(asn)} is not a private ASN`, 'use 64512-65534 or 4200000000-4294967294');
    }
    const prefix = namePrefix(props.name, id, where);
    this.asn = asn;
    const vgw = new VpnGateway(this, 'vgw', { vpcId: props.network.vpcId, amazonSideAsn: String(asn), tags: { Name: awsName(prefix, 'vpn') } });
    this.vpnGatewayId = vgw.id;
    this.routeTableIds = props.network.privateRouteTableIds;
    this.routeTableIds.forEach((routeTableId, i) => {
      new VpnGatewayRoutePropagation(this, `propagation-${props.network.zones[i]}`, { vpnGatewayId: vgw.id, routeTableId });
    });
    AiraTags.of(this).add({ plane: 'shared' });
  }
}
