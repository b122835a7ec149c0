import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorPoolProps } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit, IPlatformKey, InternalLoadBalancerOptions, KitStackOptions, QuantumAccessOptions, SchedulerClusterOptions } from '../core/kit';
import { INetwork, SegmentedNetworkProps } from '../core/network';
import { StorageTiersProps } from '../core/storage';
import { VpnGatewayOptions, VpnLinkEndOptions } from '../core/vpn';
import { InternalLoadBalancer } from './internal-lb';
import { AwsKey } from './key';
import { SegmentedNetwork } from './network';
import { IAwsNetwork } from './network-types';
import { AcceleratorPool } from './pool';
import { QuantumAccess } from './quantum';
import { EksSchedulerCluster } from './scheduler';
import { AwsStack } from './stack';
import { StorageTiers } from './storage';
import { AwsVpnGateway } from './vpn-gateway';
import { AwsVpnLinkEnd } from './vpn-link';

/** Options of `awsKit`. */
export interface AwsKitOptions {
  /** Region of the kit's stacks, for example `us-east-1`. */
  readonly region: string;
  /** Zones networks spread over, by default (for example `['us-east-1a', 'us-east-1b']`). */
  readonly zones: readonly string[];
}

function awsNetwork(network: INetwork, where: string): IAwsNetwork {
  const n = network as Partial<IAwsNetwork>;
  if (network?.cloud !== 'aws' || typeof n.subnetId !== 'function' || typeof n.securityGroupId !== 'function') {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the AWS kit needs an AWS network; got a ${String(network?.cloud)} network`, 'create the network with the same kit');
  }
  return network as IAwsNetwork;
}

function awsKey(key: IPlatformKey, where: string): AwsKey {
  if (!(key instanceof AwsKey)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the AWS kit needs a key made by it (AwsKey); got a ${String(key?.cloud)} key`, 'create the key with kit.createKey(...)');
  }
  return key;
}

/**
 * The AWS implementation of the `CloudKit` port: platforms in `lib/platform` build AWS infrastructure
 * through it without importing this folder. Each method checks that what it receives (network, key)
 * was made by an AWS kit, since the port's types are cloud-neutral.
 *
 * @example
 * const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
 * const stack = kit.createStack(app, 'ai-aws');
 * const key = kit.createKey(stack, 'key', 'Platform key');
 * const network = kit.createNetwork(stack, 'net', { cidr: '10.20.0.0/16' });
 */
export function awsKit(options: AwsKitOptions): CloudKit {
  const { region } = options;
  const zones = [...options.zones];
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, 'awsKit', `region "${String(region)}" is not an AWS region name`, 'use a region such as us-east-1');
  }
  if (zones.length === 0 || zones.some((z) => typeof z !== 'string' || !z.startsWith(region))) {
    throw new AiraError(ErrorCodes.UNKNOWN_ZONE, 'awsKit', `zones ${JSON.stringify(zones)} are not zones of ${region}`, `name zones of the region, for example ${region}a`);
  }
  return {
    cloud: 'aws',
    region,
    zones,
    createStack: (scope: Construct, id: string, o: KitStackOptions = {}) => new AwsStack(scope, id, { region, ...(o.backend ? { backend: o.backend } : {}), ...(o.tags ? { tags: o.tags } : {}) }),
    createKey: (scope: Construct, id: string, description: string) => new AwsKey(scope, id, { description }),
    createNetwork: (scope: Construct, id: string, props: Omit<SegmentedNetworkProps, 'zones'> & { readonly zones?: readonly string[] }) =>
      new SegmentedNetwork(scope, id, { ...props, zones: props.zones ?? zones }),
    createStorage: (scope: Construct, id: string, props: StorageTiersProps & { readonly key: IPlatformKey }) => {
      const where = `${scope.node.path}/${id}`;
      return new StorageTiers(scope, id, { ...props, network: awsNetwork(props.network, where), key: awsKey(props.key, where) });
    },
    createPool: (scope: Construct, id: string, props: AcceleratorPoolProps & { readonly key: IPlatformKey }) => {
      const where = `${scope.node.path}/${id}`;
      return new AcceleratorPool(scope, id, { ...props, network: awsNetwork(props.network, where), key: awsKey(props.key, where) });
    },
    createInternalLoadBalancer: (scope: Construct, id: string, props: InternalLoadBalancerOptions) => {
      const where = `${scope.node.path}/${id}`;
      if (!(props.pool instanceof AcceleratorPool)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `the AWS kit balances AWS pools; got a ${String(props.pool?.capabilities?.cloud)} pool`, 'create the pool with the same kit');
      }
      return new InternalLoadBalancer(scope, id, { ...props, network: awsNetwork(props.network, where), pool: props.pool });
    },
    createSchedulerCluster: (scope: Construct, id: string, props: SchedulerClusterOptions) => {
      const where = `${scope.node.path}/${id}`;
      return new EksSchedulerCluster(scope, id, { ...props, network: awsNetwork(props.network, where), key: awsKey(props.key, where) });
    },
    createQuantumAccess: (scope: Construct, id: string, props: QuantumAccessOptions & { readonly key: IPlatformKey }) =>
      new QuantumAccess(scope, id, { ...props, key: awsKey(props.key, `${scope.node.path}/${id}`) }),
    vpn: {
      createGateway: (scope: Construct, id: string, props: VpnGatewayOptions) => {
        const network = awsNetwork(props.network, `${scope.node.path}/${id}`) as SegmentedNetwork;
        return new AwsVpnGateway(scope, id, { network, asn: props.asn, ...(props.name ? { name: props.name } : {}) });
      },
      configureProvider: (stack: TerraformStack) => {
        new AwsProvider(stack, 'aws', { region });
      },
      createLinkEnd: (scope: Construct, id: string, props: VpnLinkEndOptions) => {
        if (!(props.gateway instanceof AwsVpnGateway)) {
          throw new AiraError(ErrorCodes.INVALID_PROP, `${scope.node.path}/${id}`, `the AWS kit builds links from an AWS VPN gateway; got a ${String(props.gateway?.cloud)} gateway`, 'create the gateway with the same kit');
        }
        return new AwsVpnLinkEnd(scope, id, { ...props, gateway: props.gateway });
      },
    },
  };
}
