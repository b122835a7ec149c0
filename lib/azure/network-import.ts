import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol, PortSpec, addFlow, checkFlow, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { Plane, assertPlane } from '../core/planes';
import { NSG_PRIORITY, PlaneSecurityRules, checkWithinPlaneFlow } from './network-security';
import { AzurePrivateDnsZone, IAzureNetwork, checkAzureZones } from './network-types';
import { azureStackOf } from './stack';

/** What the library needs to know of a VNet it did not create. */
export interface AzureNetworkAttributes {
  /** Resource id of the VNet. */
  readonly vnetId: string;
  readonly vnetName: string;
  /** Resource group of the VNet and of the NSGs named below (flow rules are created there). */
  readonly resourceGroupName: string;
  /** The VNet's base block. */
  readonly cidr: string;
  /** Availability zones the network's machines use (`1`, `2`, `3`). */
  readonly zones: readonly string[];
  /** Subnet of each plane: its id and address prefix (the prefix is what flow rules name). Only these planes are usable. */
  readonly subnets: Partial<Record<Plane, { readonly id: string; readonly cidr: string }>>;
  /** NSG of each plane, attached to the plane's subnet. */
  readonly networkSecurityGroups: Partial<Record<Plane, { readonly id: string; readonly name: string }>>;
  /** Ids of the private DNS zones linked to the VNet. @default none: `privateDnsZoneId` throws */
  readonly privateDnsZoneIds?: Partial<Record<AzurePrivateDnsZone, string>>;
  /**
   * First priority flow rules take; each flow takes the next one, up to 2999. Pick a band the NSGs'
   * own rules leave free. @default 100
   */
  readonly firstFlowPriority?: number;
  /** Block reserved for fabric networks. @default the fabric slot of the layout of `cidr` */
  readonly fabricCidr?: string;
}

/** An existing VNet seen through `IAzureNetwork`: flows become rules on its NSGs; nothing else is created. */
class ImportedAzureNetwork extends Construct implements IAzureNetwork {
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
  private readonly declared: DeclaredFlow[] = [];
  private readonly rules: PlaneSecurityRules;

  constructor(scope: Construct, id: string, private readonly attrs: AzureNetworkAttributes) {
    super(scope, id);
    const where = this.node.path;
    this.location = azureStackOf(this).location;
    this.region = this.location;
    this.vnetId = attrs.vnetId;
    this.vnetName = attrs.vnetName;
    this.resourceGroupName = attrs.resourceGroupName;
    this.zones = checkAzureZones(this.location, attrs.zones, where);
    this.planes = (Object.keys(attrs.subnets ?? {}) as Plane[]).map((p) => assertPlane(p, where));
    for (const p of this.planes) {
      if (!attrs.subnets[p]?.id || !attrs.subnets[p]?.cidr || !attrs.networkSecurityGroups?.[p]?.name || !attrs.networkSecurityGroups[p]?.id) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `plane ${p} needs a subnet (id and cidr) and a network security group (id and name)`, "list the plane's subnet and the NSG attached to it");
      }
    }
    const first = attrs.firstFlowPriority ?? NSG_PRIORITY.firstFlow;
    if (!Number.isInteger(first) || first < NSG_PRIORITY.firstFlow || first > NSG_PRIORITY.lastFlow) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `firstFlowPriority ${String(first)} is outside ${NSG_PRIORITY.firstFlow}-${NSG_PRIORITY.lastFlow}`, `pick a priority from ${NSG_PRIORITY.firstFlow} to ${NSG_PRIORITY.lastFlow} that the NSGs' own rules leave free`);
    }
    // The layout of an imported VNet is what this library would have made of its block: informative only;
    // rules use the subnets' real prefixes.
    this.layout = computeLayout({ cidr: attrs.cidr, planes: this.planes, zones: this.zones }, where);
    this.cidr = this.layout.cidr;
    this.fabricCidr = attrs.fabricCidr ?? this.layout.fabricCidr;
    const nsgs = this.planes.map((plane) => ({ plane, name: attrs.networkSecurityGroups[plane]!.name, id: attrs.networkSecurityGroups[plane]!.id, cidr: attrs.subnets[plane]!.cidr }));
    this.rules = PlaneSecurityRules.existing(this, 'nsg', attrs.resourceGroupName, nsgs, first);
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  public subnetId(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.attrs.subnets[plane]!.id;
  }

  public subnetCidr(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.attrs.subnets[plane]!.cidr;
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
    const zoneId = this.attrs.privateDnsZoneIds?.[zone];
    if (!zoneId) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, this.node.path, `no ${zone} private DNS zone was given for the imported VNet`, `pass privateDnsZoneIds.${zone} to fromAttributes`);
    }
    return zoneId;
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    const flow = checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path);
    if (addFlow(this.declared, flow, this.node.path)) this.rules.flow(flow);
    return flow;
  }

  public allowWithinPlane(plane: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    const flow = checkWithinPlaneFlow({ plane, port, reason, protocol }, this.planes, this.node.path);
    if (addFlow(this.declared, flow, this.node.path)) this.rules.withinPlane(flow);
    return flow;
  }
}

/** Imports an existing VNet. */
export function importNetwork(scope: Construct, id: string, attrs: AzureNetworkAttributes): IAzureNetwork {
  return new ImportedAzureNetwork(scope, id, attrs);
}
