import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Construct } from 'constructs';
import { claimAddressSpace } from '../core/address-space';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, EgressMode, FlowProtocol, PortSpec, SegmentedNetworkProps, addFlow, checkFlow, checkPublicIngress, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { gcpName, namePrefix } from '../core/naming';
import { AIR_GAPPED_PLANE, DEFAULT_PLANES, Plane, assertPlane } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { InternetEgress } from './network-egress';
import { PlaneFirewall } from './network-firewall';
import { NetworkLogs, subnetLogConfig } from './network-flow-logs';
import { GcpNetworkAttributes, importNetwork } from './network-import';
import { GoogleApisVip, PrivateGoogleAccess } from './network-private-access';
import { IGcpNetwork } from './network-types';
import { gcpStackOf } from './stack';
import { checkGcpZones } from './zones';

/** Props of the Google Cloud `SegmentedNetwork`: the cloud-neutral props plus Google options. */
export interface GcpSegmentedNetworkProps extends SegmentedNetworkProps {
  /**
   * Share of flows the subnet flow logs report, above 0 and at most 1. Lower it to cut Cloud Logging
   * cost; every flow is needed to audit the allowed traffic, not only the denied.
   * @default 1.0
   */
  readonly flowLogSampling?: number;
  /**
   * What `*.googleapis.com` resolves to inside the network: `private` (most Google APIs) or `restricted`
   * (only APIs that VPC Service Controls supports; use it when the project is in a perimeter).
   * @default 'private'
   */
  readonly googleApis?: GoogleApisVip;
}

const EGRESS_MODES: readonly EgressMode[] = ['nat-per-zone', 'nat-per-region', 'none'];
const VIPS: readonly GoogleApisVip[] = ['private', 'restricted'];

/**
 * A Google Cloud VPC network cut into the reference architecture's planes: one regional subnetwork per
 * plane with Private Google Access and flow logs, one network tag per plane that the firewall denies
 * everything not declared, the protected plane without any internet route, and Cloud NAT for the
 * other planes.
 *
 * Address plan: Google subnetworks are regional and span every zone of the region, so a plane's
 * subnetwork is the plane's whole slot of the layout (a /19 of a /16), which holds the per-zone blocks
 * other clouds use as separate subnets. Adding a zone later changes nothing; the zones are still
 * checked (`<region>-<letter>`) and recorded for the pools placed on the network. The `edge` slot
 * stays unused (Cloud NAT and Google's load balancers need no subnet); `fabric` is kept for the extra
 * GPU NIC networks of accelerator pools.
 *
 * Routing: the network is created without Google's default route, so no instance reaches the
 * internet unless a route says so; only the non-protected planes' tags get one (see `InternetEgress`).
 * An instance on the protected plane cannot be given a route out by this network, and even with an
 * external IP it has neither a route nor an egress rule; forbidding external IPs altogether is the
 * organization policy `constraints/compute.vmExternalIpAccess`.
 *
 * @example
 * const net = new SegmentedNetwork(stack, 'net', { cidr: '10.30.0.0/16', zones: ['us-central1-a', 'us-central1-b'] });
 * net.allow('training', 'data', 988, 'training nodes mount the Lustre file system');
 */
export class SegmentedNetwork extends Construct implements IGcpNetwork {
  /** Uses a VPC network that exists already; `allow()` adds firewall rules to it. */
  public static fromAttributes(scope: Construct, id: string, attrs: GcpNetworkAttributes): IGcpNetwork {
    return importNetwork(scope, id, attrs);
  }

  public readonly cloud = 'gcp' as const;
  public readonly project: string;
  public readonly region: string;
  public readonly zones: readonly string[];
  public readonly cidr: string;
  public readonly planes: readonly Plane[];
  public readonly layout: NetworkLayout;
  public readonly fabricCidr: string;
  public readonly networkId: string;
  public readonly networkName: string;
  public readonly networkSelfLink: string;
  /** Router and NAT of the non-protected planes, when the network has internet egress. */
  public readonly egress?: InternetEgress;
  /** Log bucket and sink that keep the flow and firewall logs. */
  public readonly logs: NetworkLogs;
  private readonly declared: DeclaredFlow[] = [];
  private readonly subnets = new Map<Plane, ComputeSubnetwork>();
  private readonly tags: Partial<Record<Plane, string>> = {};
  private readonly firewall: PlaneFirewall;

  constructor(scope: Construct, id: string, props: GcpSegmentedNetworkProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    this.project = stack.project;
    this.region = stack.region;
    const prefix = namePrefix(props.name, id, where);
    this.zones = checkGcpZones(this.region, props.zones, where);
    this.layout = computeLayout({ cidr: props.cidr, planes: [...(props.planes ?? DEFAULT_PLANES)], zones: this.zones }, where);
    this.planes = this.layout.planes.map((p) => p.plane);
    this.cidr = this.layout.cidr;
    this.fabricCidr = this.layout.fabricCidr;
    const egress = checkEgress(props.egress, where);
    const vip = props.googleApis ?? 'private';
    if (!VIPS.includes(vip)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `googleApis "${String(vip)}" is not one of ${VIPS.join(', ')}`, 'use "private", or "restricted" inside a VPC Service Controls perimeter');
    }
    const logConfig = subnetLogConfig(props.flowLogSampling ?? 1.0, where);
    const ingress = (props.publicIngress ?? []).map((p) => checkPublicIngress(p, this.planes, where));
    const flows = (props.flows ?? []).map((f) => checkFlow(f, this.planes, where));
    claimAddressSpace(this, props.addressSpace ?? 'default', this.cidr);
    if (props.tags) AiraTags.of(this).add(props.tags);

    const network = new ComputeNetwork(this, 'network', {
      name: prefix,
      description: 'Segmented network: one subnetwork and network tag per plane, deny between planes by default',
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      // No 0.0.0.0/0 route for anyone: egress is granted per plane tag below.
      deleteDefaultRoutesOnCreate: true,
    });
    this.networkId = network.id;
    this.networkName = prefix;
    this.networkSelfLink = network.selfLink;

    for (const p of this.layout.planes) {
      const subnet = new ComputeSubnetwork(this, `subnet-${p.plane}`, {
        name: gcpName(prefix, p.plane),
        description: `Plane ${p.plane}: instances carry the network tag ${gcpName(prefix, p.plane)}`,
        network: network.id,
        region: this.region,
        ipCidrRange: p.cidr,
        purpose: 'PRIVATE',
        stackType: 'IPV4_ONLY',
        // Google APIs (Cloud Storage, Cloud KMS, ...) without an external IP.
        privateIpGoogleAccess: true,
        logConfig,
      });
      this.subnets.set(p.plane, subnet);
      this.tags[p.plane] = gcpName(prefix, p.plane);
    }

    new PrivateGoogleAccess(this, 'private-access', { networkId: network.id, namePrefix: prefix, vip });
    const open = this.planes.filter((p) => p !== AIR_GAPPED_PLANE);
    if (egress !== 'none' && open.length > 0) {
      this.egress = new InternetEgress(this, 'egress', {
        networkId: network.id,
        region: this.region,
        namePrefix: prefix,
        planeTags: open.map((p) => this.networkTag(p)),
        subnetIds: open.map((p) => this.subnetId(p)),
      });
    }

    this.firewall = new PlaneFirewall(this, 'firewall', {
      network: network.id,
      networkName: prefix,
      tags: this.tags,
      planeCidrs: Object.fromEntries(this.layout.planes.map((p) => [p.plane, p.cidr])),
    });
    this.firewall.baseline(this.planes);
    ingress.forEach((p, i) => this.firewall.publicIngress(i, { ...p, sources: p.sources ?? ['0.0.0.0/0'] }));
    for (const f of flows) this.record(f);

    this.logs = new NetworkLogs(this, 'logs', {
      project: this.project,
      region: this.region,
      namePrefix: prefix,
      subnetNames: this.layout.planes.map((p) => gcpName(prefix, p.plane)),
      retentionDays: props.flowLogs?.retentionDays ?? 365,
    });
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  public subnetSelfLink(plane: Plane): string {
    return this.subnet(plane).selfLink;
  }

  public subnetId(plane: Plane): string {
    return this.subnet(plane).id;
  }

  public networkTag(plane: Plane): string {
    this.subnet(plane);
    return this.tags[plane] as string;
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    return this.record(checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path));
  }

  private subnet(plane: Plane): ComputeSubnetwork {
    const subnet = this.subnets.get(assertPlane(plane, this.node.path, this.planes));
    return subnet as ComputeSubnetwork;
  }

  private record(flow: DeclaredFlow): DeclaredFlow {
    if (addFlow(this.declared, flow, this.node.path)) this.firewall.flow(flow);
    return flow;
  }
}

/** The egress mode, defaulting to the regional NAT; `nat-per-zone` cannot be built on Google. */
function checkEgress(mode: EgressMode | undefined, where: string): EgressMode {
  const egress = mode ?? 'nat-per-region';
  if (!EGRESS_MODES.includes(egress)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `egress "${String(egress)}" is not one of ${EGRESS_MODES.join(', ')}`, 'leave egress unset for Cloud NAT, or use "none"');
  }
  if (egress === 'nat-per-zone') {
    throw new AiraError(
      ErrorCodes.UNSUPPORTED_OPTION,
      where,
      'egress "nat-per-zone" cannot be built on Google Cloud: Cloud NAT is regional, one NAT serves every zone of the region and has no zonal gateway to repeat',
      'leave egress unset or use "nat-per-region" (the same regional Cloud NAT), or "none" for no internet egress',
    );
  }
  return egress;
}
