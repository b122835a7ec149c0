import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol, PortSpec, addFlow, checkFlow, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { Plane, assertPlane } from '../core/planes';
import { IAwsNetwork } from './network-types';
import { PlaneSecurityGroups } from './network-security';
import { awsRegionOf } from './stack';

/** What the library needs to know of a VPC it did not create. */
export interface AwsNetworkAttributes {
  readonly vpcId: string;
  /** The VPC's base block. */
  readonly cidr: string;
  /** Zones in the order of each plane's subnet list. */
  readonly zones: readonly string[];
  /** Subnet ids per plane, one per zone. Only these planes are usable. */
  readonly subnetIds: Partial<Record<Plane, readonly string[]>>;
  /** Security group per plane. */
  readonly securityGroupIds: Partial<Record<Plane, string>>;
}

/** An existing VPC seen through `IAwsNetwork`. `addInterfaceEndpoint` is refused: the VPC is not ours. */
class ImportedAwsNetwork extends Construct implements IAwsNetwork {
  public readonly cloud = 'aws' as const;
  public readonly region: string;
  public readonly zones: readonly string[];
  public readonly cidr: string;
  public readonly planes: readonly Plane[];
  public readonly layout: NetworkLayout;
  public readonly vpcId: string;
  private readonly declared: DeclaredFlow[] = [];
  private readonly groups: PlaneSecurityGroups;

  constructor(scope: Construct, id: string, private readonly attrs: AwsNetworkAttributes) {
    super(scope, id);
    this.region = awsRegionOf(this);
    this.vpcId = attrs.vpcId;
    this.zones = [...attrs.zones];
    this.planes = (Object.keys(attrs.subnetIds) as Plane[]).map((p) => assertPlane(p, this.node.path));
    for (const p of this.planes) {
      if ((attrs.subnetIds[p] ?? []).length !== this.zones.length || !attrs.securityGroupIds[p]) {
        throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `plane ${p} needs one subnet id per zone (${this.zones.length}) and a security group id`, 'list a subnet for every zone and the plane\'s security group');
      }
    }
    // The layout of an imported VPC is what this library would have made of its block: informative only.
    this.layout = computeLayout({ cidr: attrs.cidr, planes: this.planes, zones: this.zones }, this.node.path);
    this.cidr = this.layout.cidr;
    this.groups = PlaneSecurityGroups.existing(this, 'sg', attrs.securityGroupIds);
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  public subnetIds(plane: Plane): string[] {
    assertPlane(plane, this.node.path, this.planes);
    return [...(this.attrs.subnetIds[plane] ?? [])];
  }

  public subnetId(plane: Plane, zone: string): string {
    const i = this.zones.indexOf(zone);
    if (i < 0) throw new AiraError(ErrorCodes.UNKNOWN_ZONE, this.node.path, `zone ${zone} is not one of ${this.zones.join(', ')}`, 'use a zone of the network');
    return this.subnetIds(plane)[i];
  }

  public securityGroupId(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.groups.id(plane);
  }

  public addInterfaceEndpoint(service: string): void {
    throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, this.node.path, `cannot add a ${service} endpoint to an imported VPC`, 'create the endpoint where the VPC is managed');
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    const flow = checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path);
    if (addFlow(this.declared, flow, this.node.path)) this.groups.flow(flow);
    return flow;
  }
}

/** Imports an existing VPC. */
export function importNetwork(scope: Construct, id: string, attrs: AwsNetworkAttributes): IAwsNetwork {
  return new ImportedAwsNetwork(scope, id, attrs);
}
