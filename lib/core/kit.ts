import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend } from './backend';
import { Cloud } from './catalog/types';
import { AcceleratorPoolProps, IAcceleratorPool, PoolCapabilities } from './compute';
import { INetwork, SegmentedNetworkProps } from './network';
import { Plane } from './planes';
import { IStorageTiers, StorageTiersProps } from './storage';
import { AiraTagValues } from './tags';
import { VpnKit } from './vpn';

/** A customer-managed key of one cloud (AWS KMS key, Azure Key Vault key, Google Cloud KMS key). */
export interface IPlatformKey {
  readonly cloud: Cloud;
  /** The key's id as the cloud's resources reference it (ARN, versionless key id, crypto key id). */
  readonly keyRef: string;
}

/** Options of a kit's stack. */
export interface KitStackOptions {
  /** @default local state */
  readonly backend?: StateBackend;
  /** @default none */
  readonly tags?: AiraTagValues;
}

/** Quantum access of one cloud: a real workspace where the cloud has one (Azure Quantum), or the bucket and role AWS Braket needs. */
export interface IQuantumAccess {
  readonly cloud: Cloud;
  /** What was built, in one line, for registries and diagrams. */
  readonly description: string;
}

/** Props a kit's quantum access takes. */
export interface QuantumAccessOptions {
  /** Quantum providers to enable, where the cloud lets the library choose (Azure Quantum). @default the cloud's defaults */
  readonly providers?: ReadonlyArray<{ readonly id: string; readonly sku: string }>;
  /** @default the construct id */
  readonly name?: string;
}

/** Props of a kit's internal load balancer. */
export interface InternalLoadBalancerOptions {
  /** The network the load balancer's frontend sits in (the pool's network). */
  readonly network: INetwork;
  /** The pool whose nodes serve behind it (a pool the same kit made). */
  readonly pool: IAcceleratorPool;
  /** Plane of the frontend: the pool's plane, so no new cross-plane flow is needed between them. @default the pool's plane */
  readonly plane?: Plane;
  /** TCP port clients connect to and the nodes serve on (TLS passes through to the nodes). */
  readonly port: number;
  /** Zones of the frontend. @default the pool's zones */
  readonly zones?: readonly string[];
  /** TCP port the health check probes on the nodes. @default `port` */
  readonly healthCheckPort?: number;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/** A private load balancer: reachable from inside the network only, never from the internet. */
export interface IInternalLoadBalancer {
  readonly cloud: Cloud;
  /** Where clients connect: a DNS name (AWS) or a private IP address (Azure, Google), known after apply. */
  readonly address: string;
  /** The port clients connect to. */
  readonly port: number;
  /** Zones the frontend answers in. */
  readonly zones: readonly string[];
}

/** A Kubernetes node taint. */
export interface NodeTaintSpec {
  readonly key: string;
  readonly value: string;
  /** Only `NoSchedule`: pods that do not tolerate it are never placed, running pods are not evicted. */
  readonly effect: 'NoSchedule';
}

/** One node pool of a scheduler cluster: a pool class, with the labels and taints the scheduler selects by. */
export interface SchedulerPoolSpec {
  /** The pool's capabilities: SKU, zones, node counts and capacity mode of the node pool. */
  readonly capabilities: PoolCapabilities;
  /** Kubernetes labels of the nodes. */
  readonly labels: Readonly<Record<string, string>>;
  /** Kubernetes taints of the nodes. */
  readonly taints: readonly NodeTaintSpec[];
}

/** Props of a kit's scheduler cluster. */
export interface SchedulerClusterOptions {
  /** The network the cluster's nodes and private control plane endpoint sit in. */
  readonly network: INetwork;
  /** Encrypts Kubernetes secrets and node disks. */
  readonly key: IPlatformKey;
  /** One node pool per entry, labelled and tainted as given; node pools scale from 0 to the pool's max. */
  readonly pools: readonly SchedulerPoolSpec[];
  /** Plane of the control plane endpoint and the system node pool. @default 'management' when the network has it, else 'training' */
  readonly plane?: Plane;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}

/** One node pool of a scheduler cluster as built: its name, the pool class it serves, its labels and taints. */
export interface SchedulerNodePool {
  readonly name: string;
  /** The pool class's name; none for the system pool. @default none (the system pool) */
  readonly pool?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaintSpec[];
}

/** A managed Kubernetes cluster with a private control plane, running a workload manager (Kueue). */
export interface ISchedulerCluster {
  readonly cloud: Cloud;
  /** The cluster's name. */
  readonly name: string;
  /** Always true: the control plane answers on a private endpoint only. */
  readonly endpointPrivate: true;
  /** The node pools, one per pool class, then the untainted system pool. */
  readonly nodePools: readonly SchedulerNodePool[];
}

/**
 * The port a cloud implements (ports and adapters). Platforms in `lib/platform` compose AI
 * infrastructure through it and never import a cloud folder; the user's choice of kits decides which
 * provider bindings load.
 *
 * @example
 * new Level2Platform(app, 'ai', { kit: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }) });
 */
export interface CloudKit {
  readonly cloud: Cloud;
  /** Region (AWS, Google) or location (Azure). */
  readonly region: string;
  /** Zones the kit spreads over. */
  readonly zones: readonly string[];
  /** The cloud's stack: provider, backend, tags. */
  createStack(scope: Construct, id: string, options?: KitStackOptions): TerraformStack;
  /** A customer-managed key with rotation. */
  createKey(scope: Construct, id: string, description: string): IPlatformKey;
  /** A segmented network in the kit's region and zones. */
  createNetwork(scope: Construct, id: string, props: Omit<SegmentedNetworkProps, 'zones'> & { readonly zones?: readonly string[] }): INetwork;
  /** Storage tiers encrypted with the key. */
  createStorage(scope: Construct, id: string, props: StorageTiersProps & { readonly key: IPlatformKey }): IStorageTiers;
  /** An accelerator pool whose disks are encrypted with the key. */
  createPool(scope: Construct, id: string, props: AcceleratorPoolProps & { readonly key: IPlatformKey }): IAcceleratorPool;
  /**
   * A private TCP load balancer in front of a pool, spread over zones (AWS internal Network Load
   * Balancer, Azure internal Standard Load Balancer, Google internal passthrough Network Load Balancer).
   * It answers only inside the network; clients reach it through the flows declared to its plane.
   */
  createInternalLoadBalancer(scope: Construct, id: string, props: InternalLoadBalancerOptions): IInternalLoadBalancer;
  /**
   * A managed Kubernetes cluster for the hybrid scheduler (GKE, EKS, AKS): private control plane
   * endpoint, secrets encrypted with the key, one node pool per pool class labelled and tainted as
   * given, and a small untainted system pool for the cluster's own controllers (Kueue included).
   */
  createSchedulerCluster(scope: Construct, id: string, props: SchedulerClusterOptions): ISchedulerCluster;
  /** Quantum access. */
  createQuantumAccess(scope: Construct, id: string, props: QuantumAccessOptions & { readonly key: IPlatformKey }): IQuantumAccess;
  /**
   * Site-to-site VPN: the cloud's gateway and its half of each link to another cloud (see `VpnKit`).
   * @default none: a kit without it cannot take part in a VPN interconnect
   */
  readonly vpn?: VpnKit;
}
