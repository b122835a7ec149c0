import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { AiraError, ErrorCodes } from '../core/errors';
import { DeclaredFlow, FlowProtocol, PortSpec, addFlow, checkFlow, flowsAllow } from '../core/network';
import { NetworkLayout, computeLayout } from '../core/network-layout';
import { Plane, assertPlane } from '../core/planes';
import { PlaneFirewall } from './network-firewall';
import { IGcpNetwork } from './network-types';
import { gcpStackOf } from './stack';
import { checkGcpZones } from './zones';

/** One plane's subnetwork of an existing network. */
export interface GcpSubnetAttributes {
  /** Name of the regional subnetwork (in the stack's region). */
  readonly name: string;
  /** Its primary range: the destination of the egress rule a flow from the protected plane needs. */
  readonly cidr: string;
}

/** What the library needs to know of a VPC network it did not create. */
export interface GcpNetworkAttributes {
  /** Name of the network. */
  readonly networkName: string;
  /** Project of the network. @default the stack's project */
  readonly project?: string;
  /** The network's base block. */
  readonly cidr: string;
  /** Zones of the stack's region the network's planes are used in. */
  readonly zones: readonly string[];
  /** Subnetwork per plane. Only these planes are usable. */
  readonly subnets: Partial<Record<Plane, GcpSubnetAttributes>>;
  /** Network tag per plane: what the firewall rules of `allow()` select. */
  readonly networkTags: Partial<Record<Plane, string>>;
}

// Google resource names and network tags: RFC 1035 labels (cloud.google.com/compute/docs/naming-resources).
const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** An existing VPC network seen through `IGcpNetwork`. Flows become firewall rules on it; nothing else is created. */
class ImportedGcpNetwork extends Construct implements IGcpNetwork {
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
  private readonly declared: DeclaredFlow[] = [];
  private readonly firewall: PlaneFirewall;

  constructor(scope: Construct, id: string, private readonly attrs: GcpNetworkAttributes) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    this.project = attrs.project ?? stack.project;
    this.region = stack.region;
    if (!RFC1035.test(attrs.networkName ?? '')) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `network name "${String(attrs.networkName)}" is not a Google Cloud resource name`, 'give the name of the network (lowercase letters, digits and -), not its URL');
    }
    this.networkName = attrs.networkName;
    this.networkId = `projects/${this.project}/global/networks/${attrs.networkName}`;
    this.networkSelfLink = `https://www.googleapis.com/compute/v1/${this.networkId}`;
    this.zones = checkGcpZones(this.region, attrs.zones, where);
    this.planes = (Object.keys(attrs.subnets ?? {}) as Plane[]).map((p) => assertPlane(p, where));
    for (const p of this.planes) {
      const subnet = attrs.subnets[p];
      const tag = attrs.networkTags?.[p];
      if (!subnet || !RFC1035.test(subnet.name ?? '') || !RFC1035.test(tag ?? '')) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `plane ${p} needs a subnetwork name and a network tag (lowercase letters, digits and -)`, "give the plane's subnetwork { name, cidr } and its network tag");
      }
      parseCidr(subnet.cidr, where);
    }
    // The layout of an imported network is what this library would have made of its block: informative only.
    this.layout = computeLayout({ cidr: attrs.cidr, planes: this.planes, zones: this.zones }, where);
    this.cidr = this.layout.cidr;
    this.fabricCidr = this.layout.fabricCidr;
    this.firewall = new PlaneFirewall(this, 'firewall', {
      network: this.networkId,
      networkName: attrs.networkName,
      project: this.project,
      tags: attrs.networkTags,
      planeCidrs: Object.fromEntries(this.planes.map((p) => [p, attrs.subnets[p]?.cidr])),
    });
  }

  public get flows(): readonly DeclaredFlow[] {
    return this.declared;
  }

  public subnetSelfLink(plane: Plane): string {
    return `https://www.googleapis.com/compute/v1/${this.subnetId(plane)}`;
  }

  public subnetId(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return `projects/${this.project}/regions/${this.region}/subnetworks/${this.attrs.subnets[plane]?.name}`;
  }

  public networkTag(plane: Plane): string {
    assertPlane(plane, this.node.path, this.planes);
    return this.firewall.tag(plane);
  }

  public allows(from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
    return flowsAllow(this.declared, from, to, port, protocol);
  }

  public allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol: FlowProtocol = 'tcp'): DeclaredFlow {
    const flow = checkFlow({ from, to, port, reason, protocol }, this.planes, this.node.path);
    if (addFlow(this.declared, flow, this.node.path)) this.firewall.flow(flow);
    return flow;
  }
}

/** Imports an existing VPC network. */
export function importNetwork(scope: Construct, id: string, attrs: GcpNetworkAttributes): IGcpNetwork {
  return new ImportedGcpNetwork(scope, id, attrs);
}
