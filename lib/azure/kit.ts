import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudKit, IInternalLoadBalancer, IPlatformKey, ISchedulerCluster, InternalLoadBalancerOptions, KitStackOptions, QuantumAccessOptions, SchedulerClusterOptions } from '../core/kit';
import { AcceleratorPoolProps } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { INetwork, SegmentedNetworkProps } from '../core/network';
import { StorageTiersProps } from '../core/storage';
import { VpnGatewayOptions, VpnLinkEndOptions } from '../core/vpn';
import { InternalLoadBalancer } from './internal-lb';
import { AzureKey, requireAzureKey } from './key';
import { AksSchedulerCluster } from './scheduler';
import { SegmentedNetwork } from './network';
import { IAzureNetwork, checkAzureZones } from './network-types';
import { AcceleratorPool } from './pool';
import { QuantumProviderSpec, QuantumWorkspace } from './quantum';
import { AzureStack } from './stack';
import { AzureLustreOptions, StorageTiers } from './storage';
import { AzureVpnGateway, AzureVpnGatewaySku } from './vpn-gateway';
import { AzureVpnLinkEnd } from './vpn-link';

/** Options of `azureKit`. */
export interface AzureKitOptions {
  /** Azure region, for example `eastus`. */
  readonly location: string;
  /** Availability zones (`1`, `2`, `3`). @default ['1', '2', '3'] */
  readonly zones?: readonly string[];
  /** Subscription of the stacks. @default read by the provider from ARM_SUBSCRIPTION_ID */
  readonly subscriptionId?: string;
  /** Public half of the SSH key of the pools' admin user (see `AzureAcceleratorPoolProps.adminSshPublicKey`). Required to create pools. @default none */
  readonly adminSshPublicKey?: string;
  /** Public addresses allowed through the key vaults' firewalls, for the machine that runs Terraform (see `AzureKeyProps.allowedIps`). @default none */
  readonly keyAllowedIps?: readonly string[];
  /** Managed Lustre options of the storage tiers (the resource provider's principal id for the blob link). @default none */
  readonly lustre?: AzureLustreOptions;
  /** Log Analytics workspace (resource id) for the pools' metrics and the quantum workspace's logs. @default none */
  readonly logAnalyticsWorkspaceId?: string;
  /** SKU of the VPN gateway, when a platform connects this cloud to another over site-to-site VPN. @default 'VpnGw2AZ' */
  readonly vpnGatewaySku?: AzureVpnGatewaySku;
}

/**
 * The Azure implementation of the CloudKit port: the platforms in `lib/platform` build Azure
 * infrastructure through it without importing this folder.
 *
 * @example
 * const kit = azureKit({ location: 'eastus', adminSshPublicKey: 'ssh-ed25519 AAAA... ops' });
 */
export function azureKit(options: AzureKitOptions): CloudKit {
  const location = options.location;
  const zones = checkAzureZones(location, options.zones ?? ['1', '2', '3'], `azureKit(${location})`);
  const azureNetwork = (n: INetwork, where: string): IAzureNetwork => {
    if (n?.cloud !== 'azure') throw new AiraError(ErrorCodes.INVALID_PROP, where, `network is a ${String(n?.cloud)} network`, 'pass a network the Azure kit created');
    return n as IAzureNetwork;
  };
  return {
    cloud: 'azure',
    region: location,
    zones,
    createStack(scope: Construct, id: string, o: KitStackOptions = {}) {
      return new AzureStack(scope, id, { location, subscriptionId: options.subscriptionId, backend: o.backend, tags: o.tags });
    },
    createKey(scope: Construct, id: string, description: string): IPlatformKey {
      return new AzureKey(scope, id, { description, ...(options.keyAllowedIps ? { allowedIps: options.keyAllowedIps } : {}) });
    },
    createNetwork(scope: Construct, id: string, props: Omit<SegmentedNetworkProps, 'zones'> & { readonly zones?: readonly string[] }) {
      return new SegmentedNetwork(scope, id, { ...props, zones: props.zones ?? zones });
    },
    createStorage(scope: Construct, id: string, props: StorageTiersProps & { readonly key: IPlatformKey }) {
      const key = requireAzureKey(props.key, `${scope.node.path}/${id}`);
      return new StorageTiers(scope, id, { ...props, network: azureNetwork(props.network, `${scope.node.path}/${id}`), key, ...(options.lustre ? { lustre: options.lustre } : {}) });
    },
    createPool(scope: Construct, id: string, props: AcceleratorPoolProps & { readonly key: IPlatformKey }) {
      const where = `${scope.node.path}/${id}`;
      const key = requireAzureKey(props.key, where);
      const network = azureNetwork(props.network, where);
      key.addPrivateEndpoint(network);
      return new AcceleratorPool(scope, id, {
        ...props,
        network,
        key,
        adminSshPublicKey: options.adminSshPublicKey ?? '',
        ...(options.logAnalyticsWorkspaceId ? { logAnalyticsWorkspaceId: options.logAnalyticsWorkspaceId } : {}),
      });
    },
    createInternalLoadBalancer(scope: Construct, id: string, props: InternalLoadBalancerOptions): IInternalLoadBalancer {
      const where = `${scope.node.path}/${id}`;
      if (!(props.pool instanceof AcceleratorPool)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `the Azure kit balances Azure pools; got a ${String(props.pool?.capabilities?.cloud)} pool`, 'create the pool with the same kit');
      }
      return new InternalLoadBalancer(scope, id, { ...props, network: azureNetwork(props.network, where), pool: props.pool });
    },
    createSchedulerCluster(scope: Construct, id: string, props: SchedulerClusterOptions): ISchedulerCluster {
      const where = `${scope.node.path}/${id}`;
      return new AksSchedulerCluster(scope, id, { ...props, network: azureNetwork(props.network, where), key: requireAzureKey(props.key, where) });
    },
    createQuantumAccess(scope: Construct, id: string, props: QuantumAccessOptions & { readonly key: IPlatformKey }) {
      const key = requireAzureKey(props.key, `${scope.node.path}/${id}`);
      return new QuantumWorkspace(scope, id, {
        key,
        ...(props.providers ? { providers: props.providers as readonly QuantumProviderSpec[] } : {}),
        ...(props.name ? { name: props.name } : {}),
        ...(options.logAnalyticsWorkspaceId ? { logAnalyticsWorkspaceId: options.logAnalyticsWorkspaceId } : {}),
      });
    },
    vpn: {
      createGateway(scope: Construct, id: string, props: VpnGatewayOptions) {
        const network = azureNetwork(props.network, `${scope.node.path}/${id}`);
        return new AzureVpnGateway(scope, id, {
          network,
          asn: props.asn,
          bgpAddresses: props.bgpAddresses,
          ...(options.vpnGatewaySku ? { sku: options.vpnGatewaySku } : {}),
          ...(props.name ? { name: props.name } : {}),
        });
      },
      configureProvider(stack: TerraformStack) {
        new AzurermProvider(stack, 'azurerm', { subscriptionId: options.subscriptionId, features: [{}] });
      },
      createLinkEnd(scope: Construct, id: string, props: VpnLinkEndOptions) {
        if (!(props.gateway instanceof AzureVpnGateway)) {
          throw new AiraError(ErrorCodes.INVALID_PROP, `${scope.node.path}/${id}`, `the Azure kit builds links from an Azure VPN gateway; got a ${String(props.gateway?.cloud)} gateway`, 'create the gateway with the same kit');
        }
        return new AzureVpnLinkEnd(scope, id, { ...props, gateway: props.gateway });
      },
    },
  };
}
