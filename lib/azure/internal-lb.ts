import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbProbe } from '@cdktf/provider-azurerm/lib/lb-probe';
import { LbRule } from '@cdktf/provider-azurerm/lib/lb-rule';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { planInternalLoadBalancer } from '../core/load-balancer-plan';
import { IInternalLoadBalancer } from '../core/kit';
import { azureName, namePrefix } from '../core/naming';
import { Plane } from '../core/planes';
import { AiraTags } from '../core/tagging';
import { IAzureNetwork } from './network-types';
import { azureStackOf } from './stack';

/**
 * A pool whose scale set can join a load balancer's backend pool. A scale set joins through its
 * network interface's IP configuration (`load_balancer_backend_address_pool_ids` of
 * `azurerm_linux_virtual_machine_scale_set`), so the pool, which owns that block, adds the id there.
 */
export interface IAzureBackendPoolMember extends IAcceleratorPool {
  /** Adds a load balancer backend address pool (resource id) to the scale set's IP configuration. */
  joinLoadBalancerBackendPool(backendAddressPoolId: string): void;
}

/** Whether a pool can join a backend pool. */
export function isBackendPoolMember(pool: unknown): pool is IAzureBackendPoolMember {
  return typeof (pool as Partial<IAzureBackendPoolMember> | undefined)?.joinLoadBalancerBackendPool === 'function';
}

/** Zones of a zone-redundant frontend: every zone of the region (learn.microsoft.com/azure/load-balancer/load-balancer-standard-availability-zones#zone-redundant). */
export const ZONE_REDUNDANT = ['1', '2', '3'] as const;

/** Props of the Azure `InternalLoadBalancer`. */
export interface InternalLoadBalancerProps {
  readonly network: IAzureNetwork;
  /** The pool whose scale set joins the backend pool. */
  readonly pool: IAzureBackendPoolMember;
  /** Plane whose subnet holds the frontend address. @default the pool's plane */
  readonly plane?: Plane;
  /** TCP port of the rule's frontend and backend (TLS passes through to the nodes). */
  readonly port: number;
  /** Zones the pool's nodes are in, at least two. @default the pool's zones */
  readonly zones?: readonly string[];
  /** TCP port the health probe checks. @default `port` */
  readonly healthCheckPort?: number;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
  /** Resource group of the load balancer. @default the stack's resource group */
  readonly resourceGroupName?: string;
}


/**
 * A private endpoint in front of a pool on Azure: a Standard internal load balancer with a
 * zone-redundant frontend (a private address on the plane's subnet that survives the loss of a zone),
 * a backend pool the pool's scale set joins, a TCP health probe and one TCP rule on the port. The
 * frontend has no public address; packets reach the nodes with the client's address, so the NSG flows
 * declared to the plane decide who gets in (the segmented network already lets the `AzureLoadBalancer`
 * probes into the inference plane). TLS passes through to the nodes. Outbound SNAT through the rule is
 * off: nodes reach the internet through the network's NAT gateway only. TCP resets on idle are on, so
 * clients learn of dropped connections at once.
 *
 * @example
 * new InternalLoadBalancer(stack, 'serve', { network, pool: inference, port: 443 });
 */
export class InternalLoadBalancer extends Construct implements IInternalLoadBalancer {
  public readonly cloud = 'azure' as const;
  /** Private IP address of the frontend (known after apply). */
  public readonly address: string;
  public readonly port: number;
  public readonly zones: readonly string[];
  public readonly loadBalancer: Lb;
  public readonly backendPool: LbBackendAddressPool;
  public readonly probe: LbProbe;
  public readonly rule: LbRule;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const { network, pool } = props;
    if (!isBackendPoolMember(pool)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the pool cannot join a load balancer backend pool', 'pass an Azure AcceleratorPool (it offers joinLoadBalancerBackendPool)');
    }
    const stack = azureStackOf(this);
    const prefix = namePrefix(props.name, id, where);
    const { plane, port, healthPort, zones } = planInternalLoadBalancer(props, where);
    AiraTags.of(this).add({ plane });
    this.port = port;
    this.zones = zones;
    const frontendName = 'private';

    this.loadBalancer = new Lb(this, 'lb', {
      name: azureName(prefix, 'ilb'),
      location: network.location,
      resourceGroupName: props.resourceGroupName ?? stack.resourceGroup.name,
      sku: 'Standard',
      skuTier: 'Regional',
      frontendIpConfiguration: [
        {
          name: frontendName,
          subnetId: network.subnetId(plane),
          privateIpAddressAllocation: 'Dynamic',
          privateIpAddressVersion: 'IPv4',
          zones: [...ZONE_REDUNDANT],
        },
      ],
    });
    this.backendPool = new LbBackendAddressPool(this, 'backend', { name: azureName(prefix, 'nodes'), loadbalancerId: this.loadBalancer.id });
    this.probe = new LbProbe(this, 'probe', {
      name: azureName(prefix, 'tcp', String(healthPort)),
      loadbalancerId: this.loadBalancer.id,
      protocol: 'Tcp',
      port: healthPort,
      intervalInSeconds: 10,
      numberOfProbes: 3,
    });
    this.rule = new LbRule(this, 'rule', {
      name: azureName(prefix, 'tcp', String(port)),
      loadbalancerId: this.loadBalancer.id,
      protocol: 'Tcp',
      frontendPort: port,
      backendPort: port,
      frontendIpConfigurationName: frontendName,
      backendAddressPoolIds: [this.backendPool.id],
      probeId: this.probe.id,
      disableOutboundSnat: true,
      tcpResetEnabled: true,
      idleTimeoutInMinutes: 15,
    });
    pool.joinLoadBalancerBackendPool(this.backendPool.id);
    this.address = this.loadBalancer.privateIpAddress;
  }
}
