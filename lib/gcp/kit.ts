import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorPoolProps, IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit, IInternalLoadBalancer, IPlatformKey, IQuantumAccess, ISchedulerCluster, InternalLoadBalancerOptions, KitStackOptions, QuantumAccessOptions, SchedulerClusterOptions } from '../core/kit';
import { INetwork, SegmentedNetworkProps } from '../core/network';
import { IStorageTiers, StorageTiersProps } from '../core/storage';
import { IVpnGateway, IVpnLinkEnd, VpnGatewayOptions, VpnLinkEndOptions } from '../core/vpn';
import { InternalLoadBalancer } from './internal-lb';
import { GcpKey } from './key';
import { SegmentedNetwork } from './network';
import { IGcpNetwork } from './network-types';
import { AcceleratorPool } from './pool';
import { GkeSchedulerCluster } from './scheduler';
import { GcpStack } from './stack';
import { StorageTiers } from './storage';
import { GcpVpnGateway } from './vpn-gateway';
import { GcpVpnLinkEnd } from './vpn-link';
import { checkGcpZones } from './zones';

/** Options of `gcpKit`. */
export interface GcpKitOptions {
  /** Google Cloud project id of every stack the kit makes. */
  readonly project: string;
  /** Region of the kit's stacks. */
  readonly region: string;
  /** Zones networks spread over, for example `['us-central1-a', 'us-central1-b']`. */
  readonly zones: readonly string[];
}

/**
 * What `createQuantumAccess` returns on Google Cloud. Google offers no managed quantum hardware service
 * (its quantum processors are not sold as a cloud service, and there is nothing for Terraform to
 * create), so the kit builds nothing and says so: quantum circuits run on a simulator pool instead
 * (`workload: 'simulation', simulates: 'quantum'`, a CPU pool with the decoherence alarm).
 */
export class GcpSimulatorOnlyQuantumAccess implements IQuantumAccess {
  public readonly cloud = 'gcp' as const;
  public readonly description = 'Google Cloud has no managed quantum service: circuits run on quantum simulator pools (CPU), nothing is deployed for quantum access';
  /** Always true: no hardware is reachable through this access. */
  public readonly simulatorOnly = true;
}

function gcpNetwork(network: INetwork, where: string): IGcpNetwork {
  const n = network as Partial<IGcpNetwork>;
  if (network?.cloud !== 'gcp' || typeof n.networkTag !== 'function' || typeof n.subnetSelfLink !== 'function') {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the network is a ${String(network?.cloud)} network, not a Google Cloud SegmentedNetwork`, "create it with the same kit's createNetwork");
  }
  return network as IGcpNetwork;
}

/**
 * The Google Cloud implementation of the `CloudKit` port: stacks, Cloud KMS keys, segmented VPC
 * networks, storage tiers and accelerator pools of `aira-constructs/gcp`, for one project and region.
 *
 * Quantum: Google has no managed quantum service. `createQuantumAccess` returns a
 * `GcpSimulatorOnlyQuantumAccess` that deploys nothing, so multi-cloud platforms can still ask every
 * kit; asking for quantum hardware providers on Google throws AIRA_E_UNSUPPORTED_OPTION.
 *
 * @example
 * const kit = gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });
 */
export function gcpKit(options: GcpKitOptions): CloudKit {
  const zones = checkGcpZones(options.region, options.zones, 'gcpKit');
  if (zones.length === 0) throw new AiraError(ErrorCodes.MISSING_PROP, 'gcpKit', 'no zones given', `name zones of ${options.region}, for example ${options.region}-a`);
  return {
    cloud: 'gcp',
    region: options.region,
    zones,
    createStack(scope: Construct, id: string, o: KitStackOptions = {}): TerraformStack {
      return new GcpStack(scope, id, { project: options.project, region: options.region, backend: o.backend, tags: o.tags });
    },
    createKey(scope: Construct, id: string, description: string): IPlatformKey {
      return new GcpKey(scope, id, { description });
    },
    createNetwork(scope: Construct, id: string, props: Omit<SegmentedNetworkProps, 'zones'> & { readonly zones?: readonly string[] }): INetwork {
      return new SegmentedNetwork(scope, id, { ...props, zones: props.zones ?? zones });
    },
    createStorage(scope: Construct, id: string, props: StorageTiersProps & { readonly key: IPlatformKey }): IStorageTiers {
      return new StorageTiers(scope, id, { ...props, network: gcpNetwork(props.network, `${scope.node.path}/${id}`) });
    },
    createPool(scope: Construct, id: string, props: AcceleratorPoolProps & { readonly key: IPlatformKey }): IAcceleratorPool {
      return new AcceleratorPool(scope, id, { ...props, network: gcpNetwork(props.network, `${scope.node.path}/${id}`) });
    },
    createInternalLoadBalancer(scope: Construct, id: string, props: InternalLoadBalancerOptions): IInternalLoadBalancer {
      const where = `${scope.node.path}/${id}`;
      if (!(props.pool instanceof AcceleratorPool)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Google kit balances Google Cloud pools; got a ${String(props.pool?.capabilities?.cloud)} pool`, 'create the pool with the same kit');
      }
      return new InternalLoadBalancer(scope, id, { ...props, network: gcpNetwork(props.network, where), pool: props.pool });
    },
    createSchedulerCluster(scope: Construct, id: string, props: SchedulerClusterOptions): ISchedulerCluster {
      return new GkeSchedulerCluster(scope, id, { ...props, network: gcpNetwork(props.network, `${scope.node.path}/${id}`) });
    },
    createQuantumAccess(scope: Construct, id: string, props: QuantumAccessOptions & { readonly key: IPlatformKey }): IQuantumAccess {
      if (props.providers && props.providers.length > 0) {
        throw new AiraError(
          ErrorCodes.UNSUPPORTED_OPTION,
          `${scope.node.path}/${id}`,
          `Google Cloud has no managed quantum service, so providers ${props.providers.map((p) => p.id).join(', ')} cannot be enabled`,
          "run circuits on a simulator pool (workload: 'simulation', simulates: 'quantum'), or use Azure Quantum or AWS Braket through their kits",
        );
      }
      return new GcpSimulatorOnlyQuantumAccess();
    },
    vpn: {
      createGateway(scope: Construct, id: string, props: VpnGatewayOptions): IVpnGateway {
        const network = gcpNetwork(props.network, `${scope.node.path}/${id}`);
        return new GcpVpnGateway(scope, id, { network, asn: props.asn, ...(props.name ? { name: props.name } : {}) });
      },
      configureProvider(stack: TerraformStack): void {
        new GoogleProvider(stack, 'google', { project: options.project, region: options.region });
      },
      createLinkEnd(scope: Construct, id: string, props: VpnLinkEndOptions): IVpnLinkEnd {
        if (!(props.gateway instanceof GcpVpnGateway)) {
          throw new AiraError(ErrorCodes.INVALID_PROP, `${scope.node.path}/${id}`, `the Google kit builds links from a Google Cloud VPN gateway; got a ${String(props.gateway?.cloud)} gateway`, 'create the gateway with the same kit');
        }
        return new GcpVpnLinkEnd(scope, id, { ...props, gateway: props.gateway });
      },
    },
  };
}
