import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { claimAddressSpace } from '../core/address-space';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, EgressMode, FlowProtocol, PortSpec, SegmentedNetworkProps, addFlow, checkFlow, checkPublicIngress, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { namePrefix } from '../core/naming';
import { AIR_GAPPED_PLANE, DEFAULT_PLANES, Plane } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { AwsKey } from './key';
import { IAwsNetwork } from './network-types';
import { VpcEndpoints } from './network-endpoints';
import { VpcFlowLogs } from './network-flow-logs';
import { PlaneSecurityGroups } from './network-security';
import { awsRegionOf } from './stack';
import { importNetwork, AwsNetworkAttributes } from './network-import';

/** Props of the AWS `SegmentedNetwork`: the cloud-neutral props plus AWS options. */
export interface AwsSegmentedNetworkProps extends SegmentedNetworkProps {
  /** Key that encrypts the flow logs. @default a new customer-managed key for this network */
  readonly logKey?: AwsKey;
  /** AWS services that get an interface endpoint (more can be added with `addInterfaceEndpoint`). @default ['kms', 'sts'] */
  readonly interfaceEndpoints?: readonly string[];
}

/**
 * A VPC cut into the reference architecture's planes: one private subnet per plane per zone, one
 * security group per plane that denies everything not declared, the protected plane without any route
 * out, private endpoints for S3 and KMS, NAT for the other planes and flow logs on.
 *
 * @example
 * const net = new SegmentedNetwork(stack, 'net', { cidr: '10.10.0.0/16', zones: ['us-east-1a', 'us-east-1b'] });
 * net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
 */
export class SegmentedNetwork extends Construct implements IAwsNetwork {
  /** Uses a VPC that exists already; `allow()` adds rules to its security groups. */
  public static fromAttributes(scope: Construct, id: string, attrs: AwsNetworkAttributes): IAwsNetwork {
    return importNetwork(scope, id, attrs);
  }

  public readonly cloud = 'aws' as const;
  public readonly region: string;
  public readonly zones: readonly string[];
  public readonly cidr: string;
  public readonly planes: readonly Plane[];
  public readonly layout: NetworkLayout;
  public readonly vpcId: string;
  /** The flow log key (given or created). */
  public readonly logKey: AwsKey;
  private readonly declared: DeclaredFlow[] = [];
  private readonly subnets = new Map<string, Subnet>();
  private readonly groups: PlaneSecurityGroups;
  private readonly endpoints: VpcEndpoints;
  /** Route tables of the non-protected planes, one per zone (see `privateRouteTableIds`). */
  private readonly privateTables: RouteTable[] = [];

  constructor(scope: Construct, id: string, props: AwsSegmentedNetworkProps) {
    super(scope, id);
    const where = this.node.path;
    this.region = awsRegionOf(this);
    const prefix = namePrefix(props.name, id, where);
    this.planes = [...(props.planes ?? DEFAULT_PLANES)];
    this.zones = [...props.zones];
    for (const z of this.zones) {
      if (typeof z !== 'string' || !z.startsWith(this.region)) {
        throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone "${String(z)}" is not a zone of ${this.region}`, `name zones of the stack's region, for example ${this.region}a`);
      }
    }
    this.layout = computeLayout({ cidr: props.cidr, planes: this.planes, zones: this.zones }, where);
    this.planes = this.layout.planes.map((p) => p.plane);
    this.cidr = this.layout.cidr;
    claimAddressSpace(this, props.addressSpace ?? 'default', this.cidr);
    const egress: EgressMode = props.egress ?? 'nat-per-zone';
    const ingress = (props.publicIngress ?? []).map((p) => checkPublicIngress(p, this.planes, where));
    const flows = (props.flows ?? []).map((f) => checkFlow(f, this.planes, where));
    if (props.tags) AiraTags.of(this).add(props.tags);

    const vpc = new Vpc(this, 'vpc', { cidrBlock: this.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: prefix } });
    this.vpcId = vpc.id;

    for (const p of this.layout.planes) {
      for (const z of p.zones) {
        const subnet = new Subnet(this, `${p.plane}-${z.zone}`, {
          vpcId: vpc.id,
          cidrBlock: z.cidr,
          availabilityZone: z.zone,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${prefix}-${p.plane}-${z.zone}` },
        });
        AiraTags.of(subnet).add({ plane: p.plane });
        this.subnets.set(`${p.plane}/${z.zone}`, subnet);
      }
    }

    const routeTables = this.routing(vpc, prefix, egress, ingress.length > 0);
    this.groups = PlaneSecurityGroups.create(this, 'sg', vpc.id, prefix, this.planes);
    const endpointPlane: Plane = this.planes.includes('management') ? 'management' : this.planes[0];
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      vpcId: vpc.id,
      region: this.region,
      namePrefix: prefix,
      routeTableIds: routeTables.map((rt) => rt.id),
      subnetIds: this.subnetIds(endpointPlane),
      securityGroupId: this.groups.id('endpoints'),
    });
    for (const svc of props.interfaceEndpoints ?? ['kms', 'sts']) this.endpoints.addInterface(svc);
    this.groups.baseline(this.planes, egress !== 'none', this.endpoints.s3.prefixListId);
    ingress.forEach((p, i) => {
      for (const cidr of p.sources ?? ['0.0.0.0/0']) {
        this.groups.ingress(p.plane, `public-${i}-${cidr.replace(/[./]/g, '-')}`, { port: [p.fromPort, p.toPort], protocol: p.protocol ?? 'tcp', peer: { cidr }, reason: p.reason });
      }
    });
    for (const f of flows) this.record(f);

    this.logKey = props.logKey ?? new AwsKey(this, 'log-key', { description: `Encrypts the flow logs of network ${prefix}`, alias: `${prefix}-network-logs` });
    new VpcFlowLogs(this, 'flow-logs', { vpcId: vpc.id, namePrefix: prefix, region: this.region, retentionDays: props.flowLogs?.retentionDays ?? 365, key: this.logKey });
  }

  /**
   * Edge subnets with an internet gateway (only when NAT or public ingress needs them), private route
   * tables with NAT, and one route table for the protected plane with no route out of the VPC.
   * Returns the route tables the S3 gateway endpoint must join.
   */
  private routing(vpc: Vpc, prefix: string, egress: EgressMode, publicIngress: boolean): RouteTable[] {
    const needEdge = egress !== 'none' || publicIngress;
    const nats: NatGateway[] = [];
    if (needEdge) {
      const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: prefix } });
      const edgeRt = new RouteTable(this, 'edge-rt', { vpcId: vpc.id, tags: { Name: `${prefix}-edge` } });
      new Route(this, 'edge-default', { routeTableId: edgeRt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
      this.layout.edge.forEach((e, i) => {
        const subnet = new Subnet(this, `edge-${e.zone}`, { vpcId: vpc.id, cidrBlock: e.cidr, availabilityZone: e.zone, mapPublicIpOnLaunch: false, tags: { Name: `${prefix}-edge-${e.zone}` } });
        AiraTags.of(subnet).add({ plane: 'shared' });
        new RouteTableAssociation(this, `edge-rta-${e.zone}`, { subnetId: subnet.id, routeTableId: edgeRt.id });
        if (egress === 'nat-per-zone' || (egress === 'nat-per-region' && i === 0)) {
          const eip = new Eip(this, `nat-eip-${e.zone}`, { domain: 'vpc', tags: { Name: `${prefix}-nat-${e.zone}` } });
          nats.push(new NatGateway(this, `nat-${e.zone}`, { allocationId: eip.allocationId, subnetId: subnet.id, tags: { Name: `${prefix}-nat-${e.zone}` }, dependsOn: [igw] }));
        }
      });
    }
    const tables: RouteTable[] = [];
    // Non-protected planes share one route table per zone, whose default route is that zone's NAT.
    this.zones.forEach((zone, i) => {
      const rt = new RouteTable(this, `private-rt-${zone}`, { vpcId: vpc.id, tags: { Name: `${prefix}-private-${zone}` } });
      const nat = nats[egress === 'nat-per-zone' ? i : 0];
      if (nat) new Route(this, `private-default-${zone}`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      for (const plane of this.planes.filter((p) => p !== AIR_GAPPED_PLANE)) {
        new RouteTableAssociation(this, `rta-${plane}-${zone}`, { subnetId: this.subnetId(plane, zone), routeTableId: rt.id });
      }
      tables.push(rt);
      this.privateTables.push(rt);
    });
    if (this.planes.includes(AIR_GAPPED_PLANE)) {
      // The air gap: only the VPC's local route and the S3 gateway endpoint, never a default route.
      const rt = new RouteTable(this, 'protected-rt', { vpcId: vpc.id, tags: { Name: `${prefix}-protected` } });
      AiraTags.of(rt).add({ plane: AIR_GAPPED_PLANE });
      for (const zone of this.zones) new RouteTableAssociation(this, `rta-protected-${zone}`, { subnetId: this.subnetId(AIR_GAPPED_PLANE, zone), routeTableId: rt.id });
      tables.push(rt);
    }
    return tables;
  }

  /**
   * Route tables of the non-protected planes, one per zone in zone order: the only tables routes from
   * a VPN gateway may propagate into. The protected plane's table is never among them (its air gap).
   */
  public get privateRouteTableIds(): string[] {
    return this.privateTables.map((rt) => rt.id);
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  public subnetIds(plane: Plane): string[] {
    return this.zones.map((z) => this.subnetId(plane, z));
  }

  public subnetId(plane: Plane, zone: string): string {
    const subnet = this.subnets.get(`${plane}/${zone}`);
    if (!subnet) {
      throw new AiraError(ErrorCodes.UNKNOWN_PLANE, this.node.path, `no subnet for plane ${plane} in zone ${zone}`, `use one of the planes ${this.planes.join(', ')} and zones ${this.zones.join(', ')}`);
    }
    return subnet.id;
  }

  public securityGroupId(plane: Plane): string {
    if (!this.planes.includes(plane)) this.subnetId(plane, this.zones[0]);
    return this.groups.id(plane);
  }

  public get endpointsSecurityGroupId(): string {
    return this.groups.id('endpoints');
  }

  public addInterfaceEndpoint(service: string): void {
    this.endpoints.addInterface(service);
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    return this.record(checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path));
  }

  private record(flow: DeclaredFlow): DeclaredFlow {
    if (addFlow(this.declared, flow, this.node.path)) this.groups.flow(flow);
    return flow;
  }
}
