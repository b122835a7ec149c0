import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import { formatCidr, parseCidr, subBlock } from '../core/cidr';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName, namePrefix } from '../core/naming';
import { AiraTags } from '../core/tagging';
import { IVpnGateway } from '../core/vpn';
import { IAzureNetwork } from './network-types';

/** Availability-zone VPN gateway SKUs (learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways). */
export const AZURE_VPN_AZ_SKUS = ['VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'] as const;

/** One of the availability-zone VPN gateway SKUs. */
export type AzureVpnGatewaySku = (typeof AZURE_VPN_AZ_SKUS)[number];

/**
 * Prefix of the gateway subnet: /27, the size Microsoft recommends so the subnet can take more gateway
 * instances later (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub).
 */
const GATEWAY_SUBNET_PREFIX = 27;

/** Names of the gateway's two IP configurations: one per active instance. */
export const AZURE_VPN_INSTANCES = ['instance0', 'instance1'] as const;

/** Props of `AzureVpnGateway`. */
export interface AzureVpnGatewayProps {
  /** The VNet the gateway serves; the gateway subnet is added to it. */
  readonly network: IAzureNetwork;
  /** The gateway's BGP ASN. */
  readonly asn: number;
  /** APIPA BGP addresses (169.254.21.0-169.254.22.255) of each instance, one list per instance. */
  readonly bgpAddresses: readonly (readonly string[])[];
  /** Gateway SKU: an availability-zone SKU. @default 'VpnGw2AZ' */
  readonly sku?: AzureVpnGatewaySku;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/**
 * The Azure side of a site-to-site VPN interconnect: a route-based, active-active, zone-redundant VPN
 * gateway with BGP, on a `GatewaySubnet` added to the segmented VNet, with one Standard zone-redundant
 * public IP per instance.
 *
 * - Active-active: both instances carry tunnels, so AWS (two tunnels per instance) and Google HA VPN
 *   (one per interface) reach all of their redundancy; it costs no more than active-standby apart from
 *   the second public IP (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq, "Is there an
 *   additional cost for setting up a VPN gateway as active-active?").
 * - The gateway subnet is the first /27 of the network layout's `edge` slot, which Azure networks leave
 *   free; it carries the name Azure requires, `GatewaySubnet`, and no NSG (not supported on the
 *   gateway subnet) or route table (the gateway needs its system routes).
 * - BGP addresses: custom APIPA addresses per instance (`bgpAddresses`), because AWS tunnels dictate
 *   their inside addresses and Azure's default BGP address sits in the VNet, which AWS cannot peer with
 *   (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp).
 * - Routes learned over BGP reach the plane subnets without a route table; the protected plane's route
 *   table has gateway route propagation off (`SegmentedNetwork`), so it learns none.
 *
 * Arguments: registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * (`type`, `vpn_type`, `sku`, `generation`, `active_active`, `enable_bgp`, `ip_configuration`,
 * `bgp_settings.asn`, `bgp_settings.peering_addresses.ip_configuration_name` / `apipa_addresses`).
 *
 * @example
 * const gw = new AzureVpnGateway(stack, 'vpn', { network, asn: 64513, bgpAddresses: [['169.254.21.2'], ['169.254.21.10']] });
 */
export class AzureVpnGateway extends Construct implements IVpnGateway {
  public readonly cloud = 'azure' as const;
  public readonly asn: number;
  public readonly publicAddresses: readonly string[];
  /** Resource id of the virtual network gateway. */
  public readonly gatewayId: string;
  /** Resource group of the gateway (the VNet's). */
  public readonly resourceGroupName: string;
  /** Region of the gateway. */
  public readonly location: string;
  /** The gateway subnet's block. */
  public readonly gatewaySubnetCidr: string;
  /** The gateway's SKU. */
  public readonly sku: AzureVpnGatewaySku;

  constructor(scope: Construct, id: string, props: AzureVpnGatewayProps) {
    super(scope, id);
    const where = this.node.path;
    const network = props?.network;
    if (network?.cloud !== 'azure' || typeof network.vnetName !== 'string') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Azure VPN gateway needs an Azure network; got a ${String(network?.cloud)} network`, 'create the network with the Azure kit');
    }
    const sku = props.sku ?? 'VpnGw2AZ';
    if (!(AZURE_VPN_AZ_SKUS as readonly string[]).includes(sku)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `VPN gateway SKU "${String(sku)}" is not an availability-zone SKU`, `use one of ${AZURE_VPN_AZ_SKUS.join(', ')}`);
    }
    if (props.bgpAddresses.length !== AZURE_VPN_INSTANCES.length) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `${props.bgpAddresses.length} lists of BGP addresses given; the active-active gateway has ${AZURE_VPN_INSTANCES.length} instances`, 'give one list per instance (gatewayBgpAddresses)');
    }
    for (const ip of props.bgpAddresses.flat()) {
      if (!isAzureApipa(ip)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `BGP address ${ip} is outside Azure's APIPA range for VPN gateways (169.254.21.0-169.254.22.255)`, 'take the inside-tunnel addresses from planVpn');
      }
    }
    const prefix = namePrefix(props.name, id, where);
    this.asn = props.asn;
    this.sku = sku;
    this.resourceGroupName = network.resourceGroupName;
    this.location = network.location;
    const edge = parseCidr(network.layout.edgeCidr, where);
    this.gatewaySubnetCidr = formatCidr(subBlock(edge, Math.max(edge.prefix, GATEWAY_SUBNET_PREFIX), 0));

    const subnet = new Subnet(this, 'gateway-subnet', {
      // The only name Azure accepts for a gateway's subnet.
      name: 'GatewaySubnet',
      resourceGroupName: network.resourceGroupName,
      virtualNetworkName: network.vnetName,
      addressPrefixes: [this.gatewaySubnetCidr],
    });
    // Zone-redundant Standard public IPs: an availability-zone SKU takes no other kind
    // (learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways).
    const ips = AZURE_VPN_INSTANCES.map(
      (instance) =>
        new PublicIp(this, `ip-${instance}`, {
          name: azureName(prefix, 'vpn', instance, 'ip'),
          location: network.location,
          resourceGroupName: network.resourceGroupName,
          allocationMethod: 'Static',
          sku: 'Standard',
          zones: ['1', '2', '3'],
        }),
    );
    const gateway = new VirtualNetworkGateway(this, 'gateway', {
      name: azureName(prefix, 'vpn'),
      location: network.location,
      resourceGroupName: network.resourceGroupName,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku,
      generation: 'Generation2',
      activeActive: true,
      enableBgp: true,
      ipConfiguration: AZURE_VPN_INSTANCES.map((instance, i) => ({ name: instance, publicIpAddressId: ips[i].id, subnetId: subnet.id, privateIpAddressAllocation: 'Dynamic' })),
      bgpSettings: {
        asn: props.asn,
        peeringAddresses: AZURE_VPN_INSTANCES.map((instance, i) => ({ ipConfigurationName: instance, apipaAddresses: [...props.bgpAddresses[i]] })),
      },
    });
    this.gatewayId = gateway.id;
    this.publicAddresses = ips.map((ip) => ip.ipAddress);
    AiraTags.of(this).add({ plane: 'shared' });
  }
}

/** Whether an address is in Azure's APIPA range for VPN gateways, 169.254.21.0 to 169.254.22.255. */
function isAzureApipa(ip: string): boolean {
  const m = /^169\.254\.(21|22)\.(\d{1,3})$/.exec(ip);
  return !!m && Number(m[2]) <= 255;
}
