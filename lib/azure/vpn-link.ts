import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { IVpnLinkEnd, VpnLinkEndOptions, VpnLinkPlan, tunnelEnds } from '../core/vpn';
import { AZURE_VPN_INSTANCES } from './vpn-gateway';

/** What the Azure end of a link needs from the Azure gateway (read across stacks). */
export interface AzureVpnGatewayRef {
  readonly cloud: 'azure';
  readonly asn: number;
  /** Public IPs of the two instances. */
  readonly publicAddresses: readonly string[];
  /** Resource id of the virtual network gateway. */
  readonly gatewayId: string;
  readonly resourceGroupName: string;
  readonly location: string;
}

/** Props of `AzureVpnLinkEnd`. */
export interface AzureVpnLinkEndProps extends Omit<VpnLinkEndOptions, 'gateway'> {
  readonly gateway: AzureVpnGatewayRef;
}

/**
 * IPsec/IKE policy of every Azure connection: IKEv2 with one cipher per role, the same as the AWS
 * tunnels (`AWS_TUNNEL_CRYPTO`) and accepted by Google Cloud VPN. Azure's default policy also offers
 * DH group 2 and SHA-1. Values: learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * (DHGroup14 and PFS2048 are both the 2048-bit MODP group 14).
 */
export const AZURE_IPSEC_POLICY = {
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  dhGroup: 'DHGroup14',
  ipsecEncryption: 'AES256',
  ipsecIntegrity: 'SHA256',
  pfsGroup: 'PFS2048',
} as const;

/**
 * The Azure half of a link, in the interconnect stack: per tunnel, a local network gateway (the far
 * end's public address, its ASN and BGP address) and an IPsec connection to it from the VPN gateway,
 * with BGP, IKEv2, the policy above, the link's pre-shared key (a sensitive variable's reference) and
 * the custom APIPA addresses Azure peers from.
 *
 * Custom BGP addresses: a connection names one APIPA address of each instance (primary: instance 0,
 * secondary: instance 1). A tunnel reaches one instance only (the far end dials that instance's
 * address); the other instance's address is the one at the same position on that instance, as in
 * Microsoft's AWS guide (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp).
 *
 * Arguments: registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/local_network_gateway
 * (`gateway_address`, `bgp_settings.asn`, `bgp_settings.bgp_peering_address`) and
 * .../virtual_network_gateway_connection (`type`, `virtual_network_gateway_id`,
 * `local_network_gateway_id`, `shared_key`, `enable_bgp`, `connection_protocol`, `ipsec_policy`,
 * `custom_bgp_addresses.primary` / `secondary`).
 */
export class AzureVpnLinkEnd extends Construct implements IVpnLinkEnd {
  public readonly cloud = 'azure' as const;
  public readonly localAddresses: readonly string[];
  /** The connections, one per tunnel. */
  public readonly connections: readonly VirtualNetworkGatewayConnection[];

  constructor(scope: Construct, id: string, props: AzureVpnLinkEndProps) {
    super(scope, id);
    const where = this.node.path;
    const { link, side, gateway } = props;
    if ((side === 'a' ? link.a : link.b) !== 'azure') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Azure end of link ${link.key} is built on side ${side}, which is ${side === 'a' ? link.a : link.b}`, 'build the Azure end on the side the link plan gives Azure');
    }
    const prefix = namePrefix(props.name, id, where);
    const peerAsn = side === 'a' ? link.asnB : link.asnA;
    const peerCloud = side === 'a' ? link.b : link.a;
    const connections: VirtualNetworkGatewayConnection[] = [];
    const addresses: string[] = [];
    for (const t of link.tunnels) {
      const { local, peer } = tunnelEnds(t, side);
      const lng = new LocalNetworkGateway(this, `peer-${t.index}`, {
        name: azureName(prefix, peerCloud, `tunnel${t.index}`),
        location: gateway.location,
        resourceGroupName: gateway.resourceGroupName,
        gatewayAddress: props.peerAddresses[t.index],
        // With BGP the far network's prefixes are learned; only the BGP peer is declared.
        bgpSettings: { asn: peerAsn, bgpPeeringAddress: peer.bgpIp },
      });
      const bgp = customBgpAddresses(link, side, local.slot, where);
      connections.push(
        new VirtualNetworkGatewayConnection(this, `connection-${t.index}`, {
          name: azureName(prefix, peerCloud, `tunnel${t.index}`),
          location: gateway.location,
          resourceGroupName: gateway.resourceGroupName,
          type: 'IPsec',
          virtualNetworkGatewayId: gateway.gatewayId,
          localNetworkGatewayId: lng.id,
          sharedKey: props.sharedKey,
          enableBgp: true,
          connectionProtocol: 'IKEv2',
          ipsecPolicy: { ...AZURE_IPSEC_POLICY },
          customBgpAddresses: bgp,
        }),
      );
      addresses[t.index] = gateway.publicAddresses[local.interface];
    }
    this.connections = connections;
    this.localAddresses = addresses;
    AiraTags.of(this).add({ plane: 'shared' });
  }
}

/** Azure's APIPA address of each instance at one position (slot) among the instance's tunnels of the link. */
function customBgpAddresses(link: VpnLinkPlan, side: 'a' | 'b', slot: number, where: string): { primary: string; secondary: string } {
  const at = (instance: number): string => {
    const t = link.tunnels.find((x) => {
      const e = tunnelEnds(x, side).local;
      return e.interface === instance && e.slot === slot;
    });
    if (!t) throw new AiraError(ErrorCodes.INVALID_PROP, where, `link ${link.key} has no tunnel on Azure instance ${instance} at position ${slot}`, 'plan the link with planVpn (every instance carries as many tunnels)');
    return tunnelEnds(t, side).local.bgpIp;
  };
  return { primary: at(0), secondary: at(AZURE_VPN_INSTANCES.length - 1) };
}
