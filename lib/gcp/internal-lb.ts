import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeForwardingRule } from '@cdktf/provider-google/lib/compute-forwarding-rule';
import { ComputeRegionBackendService } from '@cdktf/provider-google/lib/compute-region-backend-service';
import { ComputeRegionHealthCheck } from '@cdktf/provider-google/lib/compute-region-health-check';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { planInternalLoadBalancer } from '../core/load-balancer-plan';
import { IInternalLoadBalancer } from '../core/kit';
import { gcpName, namePrefix } from '../core/naming';
import { Plane } from '../core/planes';
import { IGcpNetwork } from './network-types';
import { AcceleratorPool } from './pool';
import { gcpStackOf } from './stack';

/**
 * Source ranges of Google's health checkers for internal passthrough Network Load Balancers
 * (cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges). Firewall rules must let them
 * in, or every backend is marked unhealthy.
 */
export const GOOGLE_HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22'] as const;

/** Props of the Google Cloud `InternalLoadBalancer`. */
export interface InternalLoadBalancerProps {
  readonly network: IGcpNetwork;
  /** The pool whose managed instance group serves behind the load balancer (a GPU or CPU pool, not a TPU slice). */
  readonly pool: AcceleratorPool;
  /** Plane whose subnetwork holds the frontend address. @default the pool's plane */
  readonly plane?: Plane;
  /** TCP port of the forwarding rule and of the nodes (TLS passes through to the nodes). */
  readonly port: number;
  /** Zones the pool's nodes are in, at least two (the frontend is regional). @default the pool's zones */
  readonly zones?: readonly string[];
  /** TCP port the health check probes. @default `port` */
  readonly healthCheckPort?: number;
  /** Prefix of resource names (at most 30 characters). @default the construct id */
  readonly name?: string;
  /** Seconds a node leaving the group keeps its open connections. @default 300 */
  readonly connectionDrainingSeconds?: number;
}


/**
 * A private endpoint in front of a pool on Google Cloud: an internal passthrough Network Load Balancer
 * (cloud.google.com/load-balancing/docs/internal): a regional `INTERNAL` backend service with the pool's
 * regional managed instance group as its backend (connection balancing), a TCP health check, and a
 * forwarding rule with a private address on the plane's subnetwork. The frontend is regional, so it
 * answers in every zone the pool spans; packets reach the nodes with the client's address (passthrough),
 * so the network's declared flows to the plane decide who gets in. TLS passes through to the nodes.
 *
 * One firewall rule is added: Google's health checkers (35.191.0.0/16, 130.211.0.0/22) to the pool's
 * network tag on the health check port only, logged. Global access stays off: clients in other regions
 * cannot reach the address. Load balancer logging is on at full sampling.
 *
 * @example
 * new InternalLoadBalancer(stack, 'serve', { network, pool: inference, port: 443 });
 */
export class InternalLoadBalancer extends Construct implements IInternalLoadBalancer {
  public readonly cloud = 'gcp' as const;
  /** Private IP address of the forwarding rule (known after apply). */
  public readonly address: string;
  public readonly port: number;
  public readonly zones: readonly string[];
  public readonly healthCheck: ComputeRegionHealthCheck;
  public readonly backendService: ComputeRegionBackendService;
  public readonly forwardingRule: ComputeForwardingRule;
  public readonly healthCheckFirewall: ComputeFirewall;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const { network, pool } = props;
    if (!(pool instanceof AcceleratorPool)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the pool is not a Google Cloud AcceleratorPool', 'create the pool with the Google kit or aira-constructs/gcp');
    }
    if (!pool.group) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'the pool is a TPU slice on GKE, which has no instance group to balance', 'serve TPU models through a Kubernetes Service of the GKE cluster, or balance a GPU or CPU pool');
    }
    const project = gcpStackOf(this).project;
    const prefix = namePrefix(props.name, id, where);
    const { plane, port, healthPort, zones } = planInternalLoadBalancer(props, where);
    const draining = props.connectionDrainingSeconds ?? 300;
    // Connection draining takes 0 to 3600 seconds (cloud.google.com/load-balancing/docs/enabling-connection-draining).
    if (!Number.isInteger(draining) || draining < 0 || draining > 3600) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `connectionDrainingSeconds ${String(draining)} is not a whole number from 0 to 3600`, 'for example 300');
    }
    this.port = port;
    this.zones = zones;
    const region = network.region;

    this.healthCheck = new ComputeRegionHealthCheck(this, 'health', {
      project,
      region,
      name: gcpName(prefix, 'hc'),
      description: `TCP health check of internal load balancer ${prefix}`,
      checkIntervalSec: 10,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      tcpHealthCheck: { port: healthPort },
      logConfig: { enable: true },
    });
    this.backendService = new ComputeRegionBackendService(this, 'backend', {
      project,
      region,
      name: gcpName(prefix, 'be'),
      description: `Internal passthrough load balancer ${prefix} in front of pool ${pool.capabilities.name}`,
      loadBalancingScheme: 'INTERNAL',
      protocol: 'TCP',
      network: network.networkSelfLink,
      healthChecks: [this.healthCheck.id],
      connectionDrainingTimeoutSec: draining,
      // Passthrough backends balance connections (cloud.google.com/load-balancing/docs/backend-service#balancing-mode).
      backend: [{ group: pool.group.instanceGroup, balancingMode: 'CONNECTION' }],
      logConfig: { enable: true, sampleRate: 1 },
    });
    this.forwardingRule = new ComputeForwardingRule(this, 'frontend', {
      project,
      region,
      name: gcpName(prefix, 'fr'),
      description: `Private frontend of internal load balancer ${prefix} on the ${plane} plane`,
      loadBalancingScheme: 'INTERNAL',
      backendService: this.backendService.id,
      ipProtocol: 'TCP',
      ports: [String(port)],
      network: network.networkSelfLink,
      subnetwork: network.subnetSelfLink(plane),
      allowGlobalAccess: false,
    });
    this.healthCheckFirewall = new ComputeFirewall(this, 'health-firewall', {
      project,
      network: network.networkSelfLink,
      name: gcpName(network.networkName, 'allow-hc', prefix),
      description: `Google health checkers to the nodes of ${pool.capabilities.name} on ${healthPort}, for internal load balancer ${prefix}`,
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [...GOOGLE_HEALTH_CHECK_RANGES],
      targetTags: [pool.poolTag],
      allow: [{ protocol: 'tcp', ports: [String(healthPort)] }],
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    this.address = this.forwardingRule.ipAddress;
  }
}
