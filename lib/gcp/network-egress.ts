import { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { Construct } from 'constructs';
import { gcpName } from '../core/naming';

/** Props of `InternetEgress`. */
export interface InternetEgressProps {
  /** Id of the network. */
  readonly networkId: string;
  /** Region of the router and NAT. */
  readonly region: string;
  /** Prefix of the resource names. */
  readonly namePrefix: string;
  /** Network tags of the planes that may reach the internet (never the protected plane's). Not empty. */
  readonly planeTags: readonly string[];
  /** Ids of the subnetworks whose instances NAT serves (never the protected plane's). Not empty. */
  readonly subnetIds: readonly string[];
}

/**
 * Internet egress for the non-protected planes of a network created without default routes:
 *
 * - One default route to the default internet gateway carrying the non-protected planes' network tags
 *   only. A route with tags applies only to instances with one of them
 *   (cloud.google.com/vpc/docs/routes#instance_tags), so an instance that carries only the protected
 *   tag, or no tag at all, has no path to the internet.
 * - One Cloud Router and Cloud NAT for the region. Cloud NAT is a regional, software-defined service
 *   with no zonal gateway (cloud.google.com/nat/docs/overview), so there is no "one NAT per zone".
 *   It translates only the listed subnetworks (`LIST_OF_SUBNETWORKS`): the protected plane's is never
 *   among them. Errors are logged (dropped connections from port exhaustion), not every translation.
 */
export class InternetEgress extends Construct {
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;

  constructor(scope: Construct, id: string, props: InternetEgressProps) {
    super(scope, id);
    if (props.planeTags.length === 0 || props.subnetIds.length === 0) {
      // An untagged route would apply to every instance, the protected plane's included.
      throw new Error(`${this.node.path}: internet egress needs at least one plane tag and subnetwork`);
    }
    new ComputeRoute(this, 'default-route', {
      name: gcpName(props.namePrefix, 'internet'),
      description: 'Internet egress (through Cloud NAT) for the non-protected planes only',
      network: props.networkId,
      destRange: '0.0.0.0/0',
      nextHopGateway: 'default-internet-gateway',
      priority: 1000,
      tags: [...props.planeTags],
    });
    this.router = new ComputeRouter(this, 'router', {
      name: gcpName(props.namePrefix, 'router'),
      description: 'Hosts the Cloud NAT of the non-protected planes',
      network: props.networkId,
      region: props.region,
    });
    this.nat = new ComputeRouterNat(this, 'nat', {
      name: gcpName(props.namePrefix, 'nat'),
      router: this.router.name,
      region: props.region,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: props.subnetIds.map((name) => ({ name, sourceIpRangesToNat: ['ALL_IP_RANGES'] })),
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
}
