import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Route } from '@cdktf/provider-azurerm/lib/route';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { claimAddressSpace } from '../core/address-space';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, EgressMode, FlowProtocol, PortSpec, SegmentedNetworkProps, addFlow, checkFlow, checkPublicIngress, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { azureName, namePrefix } from '../core/naming';
import { AIR_GAPPED_PLANE, DEFAULT_PLANES, Plane, assertPlane } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { PrivateDnsZones } from './network-endpoints';
import { VnetFlowLogs } from './network-flow-logs';
import { AzureNetworkAttributes, importNetwork } from './network-import';
import { PlaneSecurityRules, checkWithinPlaneFlow } from './network-security';
import { AzurePrivateDnsZone, IAzureNetwork, NetworkWatcherRef, TrafficAnalyticsOptions, checkAzureZones } from './network-types';
import { AzureStack, azureStackOf } from './stack';

/** Props of the Azure `SegmentedNetwork`: the cloud-neutral props plus Azure options. */
export interface AzureSegmentedNetworkProps extends SegmentedNetworkProps {
  /**
   * Internet egress of non-protected planes. Azure takes `nat-per-region` (one NAT gateway for all
   * plane subnets) or `none`; `nat-per-zone` is refused, see `SegmentedNetwork`.
   * @default 'nat-per-region'
   */
  readonly egress?: EgressMode;
  /** Resource group of the VNet, its NSGs, NAT, DNS zones and flow log account. @default the stack's resource group */
  readonly resourceGroupName?: string;
  /**
   * The region's Network Watcher, which owns the flow log. Azure creates one per region and
   * subscription when the first VNet is made there (learn.microsoft.com/azure/network-watcher/network-watcher-create),
   * and allows no second one, so the network uses it instead of creating one.
   * @default { name: `NetworkWatcher_<location>`, resourceGroupName: 'NetworkWatcherRG' }
   */
  readonly networkWatcher?: NetworkWatcherRef;
  /**
   * Traffic analytics of the flow logs into a Log Analytics workspace. Off by default: it is billed per
   * GB processed, and the raw flow logs are kept either way.
   * @default off
   */
  readonly trafficAnalytics?: TrafficAnalyticsOptions;
  /**
   * Whether to create the private DNS zones of Blob, Data Lake and Key Vault private endpoints and link
   * them to the VNet. Turn off where a hub subscription holds these zones centrally (Azure landing
   * zones) or when another network of the same resource group already has them: a zone name exists
   * once per resource group.
   * @default true
   */
  readonly privateDnsZones?: boolean;
}

/** Resource groups (per stack) whose private DNS zones a network already created. */
const dnsZoneOwners = new WeakMap<AzureStack, Map<string, string>>();

/**
 * A VNet cut into the reference architecture's planes: one subnet per plane (Azure subnets span the
 * region's zones), one NSG per plane whose explicit deny-all rules override Azure's default allow
 * inside the VNet, declared flows as one rule per direction, the protected plane with its default route
 * dropped and no NAT, Storage and Key Vault service endpoints plus private DNS zones, one NAT gateway for
 * the other planes, and VNet flow logs.
 *
 * Address plan: each plane's subnet is its whole slot of the shared layout (`layout.planes[i].cidr`, the
 * union of the per-zone blocks AWS uses), so a plane sits at the same place in every cloud's block. The
 * edge and fabric slots stay free (on Azure, NAT needs no subnet and public load balancers take no
 * address from the VNet).
 *
 * Egress: a subnet takes at most one NAT gateway and a NAT gateway serves a subnet in every zone, so
 * with one subnet per plane there is one NAT gateway per network. A Standard NAT gateway is zonal: it
 * lives in one zone, picked by Azure when none is named, and is not zone-redundant
 * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones; the zone-redundant StandardV2 SKU
 * reached the provider after the azurerm version bound here, hashicorp/terraform-provider-azurerm#31197).
 * One NAT per zone would need one subnet per plane per zone, so `egress: 'nat-per-zone'` throws
 * AIRA_E_UNSUPPORTED_OPTION.
 *
 * @example
 * const net = new SegmentedNetwork(stack, 'net', { cidr: '10.20.0.0/16', zones: ['1', '2', '3'] });
 * net.allow('training', 'data', 443, 'training nodes read shards from the data plane');
 */
export class SegmentedNetwork extends Construct implements IAzureNetwork {
  /** Uses a VNet that exists already; `allow()` adds rules to its NSGs. */
  public static fromAttributes(scope: Construct, id: string, attrs: AzureNetworkAttributes): IAzureNetwork {
    return importNetwork(scope, id, attrs);
  }

  public readonly cloud = 'azure' as const;
  public readonly region: string;
  public readonly location: string;
  public readonly zones: readonly string[];
  public readonly cidr: string;
  public readonly planes: readonly Plane[];
  public readonly layout: NetworkLayout;
  public readonly resourceGroupName: string;
  public readonly vnetId: string;
  public readonly vnetName: string;
  public readonly fabricCidr: string;
  /** Effective egress mode. */
  public readonly egress: EgressMode;
  /** The NAT gateway of the non-protected planes, unless egress is `none`. */
  public readonly natGateway?: NatGateway;
  /** Flow logs and the account that holds them. */
  public readonly flowLogs: VnetFlowLogs;
  private readonly declared: DeclaredFlow[] = [];
  /** Subnet id per plane, taken from the last association on the subnet (see `subnetId`). */
  private readonly subnetIds = new Map<Plane, string>();
  private readonly rules: PlaneSecurityRules;
  private readonly dnsZones?: PrivateDnsZones;

  constructor(scope: Construct, id: string, props: AzureSegmentedNetworkProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = azureStackOf(this);
    this.location = stack.location;
    this.region = stack.location;
    const prefix = namePrefix(props.name, id, where);
    this.planes = [...(props.planes ?? DEFAULT_PLANES)];
    this.zones = checkAzureZones(this.location, props.zones, where);
    this.layout = computeLayout({ cidr: props.cidr, planes: this.planes, zones: this.zones }, where);
    this.planes = this.layout.planes.map((p) => p.plane);
    this.cidr = this.layout.cidr;
    this.fabricCidr = this.layout.fabricCidr;
    claimAddressSpace(this, props.addressSpace ?? 'default', this.cidr);
    this.egress = resolveEgress(props.egress, where);
    const ingress = (props.publicIngress ?? []).map((p) => checkPublicIngress(p, this.planes, where));
    const flows = (props.flows ?? []).map((f) => checkFlow(f, this.planes, where));
    if (props.tags) AiraTags.of(this).add(props.tags);
    this.resourceGroupName = props.resourceGroupName ?? stack.resourceGroup.name;
    const rg = this.resourceGroupName;

    const vnet = new VirtualNetwork(this, 'vnet', { name: azureName(prefix, 'vnet'), location: this.location, resourceGroupName: rg, addressSpace: [this.cidr] });
    AiraTags.of(vnet).add({ plane: 'shared' });
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;

    this.rules = PlaneSecurityRules.create(this, 'nsg', { resourceGroupName: rg, location: this.location, namePrefix: prefix, planes: this.layout.planes });
    this.rules.baseline(this.planes, this.egress !== 'none');
    if (this.planes.includes('inference')) this.rules.loadBalancerProbes('inference');
    ingress.forEach((p, i) => this.rules.publicIngress(p.plane, i, [p.fromPort, p.toPort], p.protocol ?? 'tcp', p.sources, p.reason));

    // Associations that change one subnet are chained through `subnet_id` so Azure applies them one at
    // a time (parallel updates of one subnet fail with AnotherOperationInProgress), and a plane's subnet
    // id is handed out only after its NSG (and route table or NAT) is attached.
    const subnetIds = new Map<Plane, string>();
    for (const p of this.layout.planes) {
      const subnet = new Subnet(this, `subnet-${p.plane}`, {
        name: azureName(prefix, p.plane),
        resourceGroupName: rg,
        virtualNetworkName: vnet.name,
        addressPrefixes: [p.cidr],
        // No implicit internet access (learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access):
        // the only ways out are the NAT gateway and the service endpoints.
        defaultOutboundAccessEnabled: false,
        // Storage and Key Vault over the Azure backbone, also from the air-gapped plane.
        serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault'],
        // NSGs and route tables apply to private endpoints too (they are exempt by default).
        privateEndpointNetworkPolicies: 'Enabled',
      });
      const nsgAssoc = new SubnetNetworkSecurityGroupAssociation(this, `nsg-assoc-${p.plane}`, { subnetId: subnet.id, networkSecurityGroupId: this.rules.nsg(p.plane).id });
      subnetIds.set(p.plane, nsgAssoc.subnetId);
    }

    if (this.egress !== 'none') {
      this.natGateway = this.nat(prefix, rg);
      for (const plane of this.planes.filter((p) => p !== AIR_GAPPED_PLANE)) {
        const assoc = new SubnetNatGatewayAssociation(this, `nat-assoc-${plane}`, { subnetId: subnetIds.get(plane)!, natGatewayId: this.natGateway.id });
        subnetIds.set(plane, assoc.subnetId);
      }
    }
    if (this.planes.includes(AIR_GAPPED_PLANE)) {
      subnetIds.set(AIR_GAPPED_PLANE, this.airGap(prefix, rg, subnetIds.get(AIR_GAPPED_PLANE)!));
    }
    for (const [plane, subnetId] of subnetIds) this.subnetIds.set(plane, subnetId);

    if (props.privateDnsZones ?? true) {
      // The stack's resource group name is a token that differs on each read: key it by a fixed name.
      claimDnsZones(stack, props.resourceGroupName ?? '(stack resource group)', where);
      this.dnsZones = new PrivateDnsZones(this, 'dns', { resourceGroupName: rg, namePrefix: prefix, vnetId: vnet.id });
      AiraTags.of(this.dnsZones).add({ plane: 'shared' });
    }

    this.flowLogs = new VnetFlowLogs(this, 'flow-logs', {
      vnetId: vnet.id,
      namePrefix: prefix,
      location: this.location,
      resourceGroupName: rg,
      retentionDays: props.flowLogs?.retentionDays ?? 365,
      networkWatcher: props.networkWatcher ?? { name: `NetworkWatcher_${this.location}`, resourceGroupName: 'NetworkWatcherRG' },
      trafficAnalytics: props.trafficAnalytics,
    });
    AiraTags.of(this.flowLogs).add({ plane: 'shared' });

    for (const f of flows) this.record(f);
  }

  /** One Standard NAT gateway with one static public IP, zone picked by Azure (see the class comment). */
  private nat(prefix: string, rg: string): NatGateway {
    const pip = new PublicIp(this, 'nat-ip', { name: azureName(prefix, 'nat', 'ip'), location: this.location, resourceGroupName: rg, allocationMethod: 'Static', sku: 'Standard' });
    const nat = new NatGateway(this, 'nat', { name: azureName(prefix, 'nat'), location: this.location, resourceGroupName: rg, skuName: 'Standard' });
    new NatGatewayPublicIpAssociation(this, 'nat-ip-assoc', { natGatewayId: nat.id, publicIpAddressId: pip.id });
    for (const r of [pip, nat]) AiraTags.of(r).add({ plane: 'shared' });
    return nat;
  }

  /**
   * The air gap: the protected subnet's route table drops everything bound outside the VNet (0.0.0.0/0
   * to next hop `None`) and takes no routes from gateways. Service endpoint routes are more specific
   * system routes and still win, so Storage and Key Vault stay reachable
   * (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview). A public IP attached to a
   * machine there would still be useless: its NSG denies all inbound traffic no flow allows, and replies
   * to the internet have no route. Returns the subnet id after the association.
   */
  private airGap(prefix: string, rg: string, subnetId: string): string {
    const rt = new RouteTable(this, 'protected-rt', { name: azureName(prefix, AIR_GAPPED_PLANE, 'rt'), location: this.location, resourceGroupName: rg, bgpRoutePropagationEnabled: false });
    AiraTags.of(rt).add({ plane: AIR_GAPPED_PLANE });
    new Route(this, 'protected-drop-default', { name: 'drop-internet', resourceGroupName: rg, routeTableName: rt.name, addressPrefix: '0.0.0.0/0', nextHopType: 'None' });
    return new SubnetRouteTableAssociation(this, `rt-assoc-${AIR_GAPPED_PLANE}`, { subnetId, routeTableId: rt.id }).subnetId;
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  /**
   * Subnet id of a plane. The value comes from the last association on the subnet, so whatever is placed
   * on the plane is created after its NSG (and route table or NAT) is attached.
   */
  public subnetId(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.subnetIds.get(plane)!;
  }

  public subnetCidr(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.rules.nsg(plane).cidr;
  }

  public nsgId(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.rules.nsg(plane).id;
  }

  public nsgName(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.rules.nsg(plane).name;
  }

  public privateDnsZoneId(zone: AzurePrivateDnsZone): string {
    if (!this.dnsZones) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, this.node.path, `the network was built with privateDnsZones: false, so it holds no ${zone} zone`, 'use the zone id of the hub that holds the private DNS zones');
    }
    return this.dnsZones.id(zone);
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    return this.record(checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path));
  }

  public allowWithinPlane(plane: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    const flow = checkWithinPlaneFlow({ plane, port, reason, protocol }, this.planes, this.node.path);
    if (addFlow(this.declared, flow, this.node.path)) this.rules.withinPlane(flow);
    return flow;
  }

  private record(flow: DeclaredFlow): DeclaredFlow {
    if (addFlow(this.declared, flow, this.node.path)) this.rules.flow(flow);
    return flow;
  }
}

/**
 * Azure's egress: unset means one NAT gateway for the network; `nat-per-zone` cannot be built (see
 * `SegmentedNetwork`).
 */
function resolveEgress(egress: EgressMode | undefined, where: string): EgressMode {
  if (egress === undefined || egress === 'nat-per-region' || egress === 'none') return egress ?? 'nat-per-region';
  if (egress === 'nat-per-zone') {
    throw new AiraError(
      ErrorCodes.UNSUPPORTED_OPTION,
      where,
      'egress "nat-per-zone" cannot be built on Azure: a plane has one subnet across all zones and a subnet takes only one NAT gateway',
      'use egress "nat-per-region" (the Azure default: one NAT gateway serving every zone) or "none"',
    );
  }
  throw new AiraError(ErrorCodes.INVALID_PROP, where, `egress "${String(egress)}" is not one of nat-per-region, nat-per-zone, none`, 'use egress "nat-per-region" or "none"');
}

/** A private DNS zone name exists once per resource group: two networks there cannot both create the zones. */
function claimDnsZones(stack: AzureStack, resourceGroupName: string, where: string): void {
  const owners = dnsZoneOwners.get(stack) ?? new Map<string, string>();
  dnsZoneOwners.set(stack, owners);
  const owner = owners.get(resourceGroupName);
  if (owner !== undefined) {
    throw new AiraError(
      ErrorCodes.INVALID_PROP,
      where,
      `the private DNS zones of this resource group are already created by ${owner}`,
      'give this network its own resourceGroupName, or set privateDnsZones: false and link the existing zones',
    );
  }
  owners.set(resourceGroupName, where);
}
