import { ContainerNodePool, gkeBindings } from './gke-bindings';
import { Construct } from 'constructs';
import { PoolCapabilities } from '../core/compute';
import { checkSchedulerPools } from '../core/scheduler-plan';
import { IPlatformKey, ISchedulerCluster, SchedulerNodePool, NodeTaintSpec, SchedulerPoolSpec } from '../core/kit';
import { gcpName, namePrefix } from '../core/naming';
import { Plane, assertPlane } from '../core/planes';
import { requireGcpKey } from './key';
import { IGcpNetwork } from './network-types';
import { PoolServiceAccount, serviceAccountId } from './pool-identity';
import { defaultDiskType } from './pool-template';
import { TpuCluster } from './pool-tpu';
import { gcpStackOf } from './stack';

/**
 * Machine type of the system node pool, which runs the cluster's own controllers (Kueue, CoreDNS,
 * metrics): a small general-purpose type (cloud.google.com/compute/docs/general-purpose-machines#e2_machine_types).
 */
export const GKE_SYSTEM_MACHINE_TYPE = 'e2-standard-4';

/** Taint effects as the provider's node pool `taint.effect` takes them. */
const EFFECT: Record<NodeTaintSpec['effect'], string> = { NoSchedule: 'NO_SCHEDULE' };

/** Props of `GkeSchedulerCluster`. */
export interface GkeSchedulerClusterProps {
  readonly network: IGcpNetwork;
  readonly key: IPlatformKey;
  readonly pools: readonly SchedulerPoolSpec[];
  /** Plane of the nodes' subnetwork and the private endpoint. @default 'training' */
  readonly plane?: Plane;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}


/**
 * The hybrid scheduler's cluster on Google Cloud: a private GKE cluster (`TpuCluster`: private nodes,
 * private control plane endpoint reachable from the management plane only, Workload Identity,
 * Shielded nodes, secrets encrypted with the key, no default node pool) with
 *
 * - one node pool per pool class, of the pool's machine type in the pool's zones, labelled and tainted
 *   as given (the Kueue flavors select these), autoscaling from 0 to the pool's max so an idle class
 *   costs nothing; Spot pools get Spot nodes;
 * - an untainted system node pool (`GKE_SYSTEM_MACHINE_TYPE`, 1 to 3 nodes) for Kueue and the
 *   cluster's controllers, which tolerate none of the class taints.
 *
 * GPUs: accelerator-optimized machine types (A2, A3) carry their GPUs, and GKE installs the default
 * NVIDIA driver on them (cloud.google.com/kubernetes-engine/docs/how-to/gpus). TPU classes get the
 * slice's `tpu_topology`. Every node: Shielded, GKE metadata server, boot disk encrypted with the key,
 * auto-repair and auto-upgrade, a dedicated node service account.
 */
export class GkeSchedulerCluster extends Construct implements ISchedulerCluster {
  public readonly cloud = 'gcp' as const;
  public readonly endpointPrivate = true as const;
  public readonly name: string;
  public readonly cluster: TpuCluster;
  public readonly serviceAccount: PoolServiceAccount;
  /** Node pool resources by pool name (`system` for the system pool). */
  public readonly nodePoolResources: ReadonlyMap<string, ContainerNodePool>;
  public readonly nodePools: readonly SchedulerNodePool[];

  constructor(scope: Construct, id: string, props: GkeSchedulerClusterProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    const network = props.network;
    const key = requireGcpKey(props.key, where);
    const prefix = namePrefix(props.name, id, where);
    const plane = assertPlane(props.plane ?? 'training', where, network.planes);
    checkSchedulerPools(props.pools, network, 'gcp', where);
    this.name = gcpName(prefix, 'sched').slice(0, 40).replace(/-+$/, '');

    this.serviceAccount = new PoolServiceAccount(this, 'identity', {
      project: stack.project,
      accountId: serviceAccountId(prefix, 'sched'),
      displayName: `Nodes of scheduler cluster ${prefix}`,
      extraRoles: ['roles/container.defaultNodeServiceAccount'],
    });
    this.cluster = new TpuCluster(this, 'gke', {
      network,
      plane,
      key,
      nodeServiceAccount: this.serviceAccount.email,
      name: this.name,
      description: 'Private GKE cluster of the Level 3 hybrid scheduler (Kueue): one node pool per pool class',
    });

    const { ContainerNodePool } = gkeBindings();
    const resources = new Map<string, ContainerNodePool>();
    const summaries: SchedulerNodePool[] = [];
    const tags = [network.networkTag(plane)];
    const common = (machineType: string) => ({
      machineType,
      serviceAccount: this.serviceAccount.email,
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      imageType: 'COS_CONTAINERD',
      diskType: defaultDiskType(machineType),
      bootDiskKmsKey: key.keyRef,
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      metadata: { 'disable-legacy-endpoints': 'true' },
      tags,
    });

    resources.set(
      'system',
      new ContainerNodePool(this, 'system', {
        project: stack.project,
        name: 'system',
        cluster: this.cluster.cluster.id,
        location: this.cluster.location,
        nodeLocations: [network.zones[0]],
        initialNodeCount: 1,
        autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 3, locationPolicy: 'BALANCED' },
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: { ...common(GKE_SYSTEM_MACHINE_TYPE), diskSizeGb: 100, labels: { 'aira.io/system': 'true' } },
        dependsOn: this.cluster.keyGrants,
      }),
    );

    for (const spec of props.pools) {
      const c = spec.capabilities;
      const poolName = gcpName(c.name).slice(0, 40).replace(/-+$/, '');
      const spot = c.capacityMode === 'spot';
      const tpuSlice = c.tpuTopology !== undefined && c.nodes.max > 1;
      const np = new ContainerNodePool(this, `pool-${c.name}`, {
        project: stack.project,
        name: poolName,
        cluster: this.cluster.cluster.id,
        location: this.cluster.location,
        nodeLocations: [...c.zones],
        // Scale from zero: Kueue admits a job, its pods wait, the autoscaler adds nodes of this class.
        initialNodeCount: 0,
        autoscaling: { totalMinNodeCount: 0, totalMaxNodeCount: c.nodes.max, locationPolicy: 'ANY' },
        ...(tpuSlice ? { placementPolicy: { type: 'COMPACT', tpuTopology: c.tpuTopology } } : {}),
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: {
          ...common(c.sku),
          diskSizeGb: c.family === 'gpu' ? 200 : 100,
          labels: { ...spec.labels },
          // Google labels on the VMs, for billing and carbon reports (label values: [a-z0-9_-]).
          resourceLabels: energyLabels(c),
          taint: spec.taints.map((t) => ({ key: t.key, value: t.value, effect: EFFECT[t.effect] })),
          spot,
          // Capabilities carry the capacity mode, not a reservation's name: on-demand and reserved classes
          // consume any matching reservation of the project; Spot nodes cannot consume reservations.
          reservationAffinity: { consumeReservationType: spot ? 'NO_RESERVATION' : 'ANY_RESERVATION' },
        },
        dependsOn: this.cluster.keyGrants,
      });
      resources.set(c.name, np);
      summaries.push({ name: poolName, pool: c.name, labels: { ...spec.labels }, taints: [...spec.taints] });
    }
    summaries.push({ name: 'system', labels: { 'aira.io/system': 'true' }, taints: [] });
    this.nodePoolResources = resources;
    this.nodePools = summaries;
  }
}

/** The pool's power and grid carbon as Google label values (`.` is not allowed: `10.2` becomes `10_2`). */
export function energyLabels(c: PoolCapabilities): Record<string, string> {
  const v = (x: number) => String(Math.round(x * 1000) / 1000).replace('.', '_');
  return {
    'aira-power-kw-per-node': v(c.powerKwAtMax / c.nodes.max),
    ...(c.gridGco2PerKwh !== undefined ? { 'aira-grid-gco2-per-kwh': v(c.gridGco2PerKwh) } : {}),
    ...(c.simulates ? { 'aira-simulates': c.simulates } : {}),
  };
}

