import { ContainerCluster, ContainerNodePool, gkeBindings } from './gke-bindings';
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { Cidr, formatCidr, overlaps, parseCidr, subBlock } from '../core/cidr';
import { TpuSlice } from '../core/catalog/tpu';
import { SkuSpec } from '../core/catalog/types';
import { CapacitySpec } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IPlatformKey } from '../core/kit';
import { gcpName, namePrefix } from '../core/naming';
import { Plane } from '../core/planes';
import { grantServiceAgentKeyUse } from './key';
import { IGcpNetwork } from './network-types';
import { RESERVATION_KEY, defaultDiskType } from './pool-template';
import { gcpStackOf } from './stack';

/**
 * Why TPU slices are GKE node pools: provider-google 6.50 (cdktf provider-google 16.12) ships only
 * `google_tpu_node`, the legacy TPU Node API, and no `google_tpu_v2_vm`; the supported way to run v4,
 * v5e, v5p and v6e slices from Terraform is a GKE node pool of a TPU machine type whose
 * `placement_policy.tpu_topology` names the slice (cloud.google.com/kubernetes-engine/docs/concepts/tpus).
 * GKE also brings what a TPU fleet needs anyway: atomic repair of a multi-host slice, Workload
 * Identity for the jobs, and the JobSet/Kueue scheduling stack.
 */
export const TPU_ON_GKE = 'TPU slices run as GKE node pools: the provider has no google_tpu_v2_vm';

/** Multi-host slice shapes of the 4-chip v5e and v6e hosts (cloud.google.com/kubernetes-engine/docs/concepts/plan-tpus). */
const TOPOLOGIES_2D = ['2x2', '4x4', '4x8', '8x8', '8x16', '16x16'];
/** v4 and v5p shapes below the 4x4x4 cube; from 4x4x4 on every dimension is a multiple of 4 (same source). */
const SMALL_3D = ['2x2x1', '2x2x2', '2x2x4', '2x4x4'];

/**
 * Checks a slice against the shapes GKE offers for the machine type, beyond the chip arithmetic core
 * checks: 2D slices of 4-chip hosts come in the listed shapes only; 3D slices are written smallest
 * dimension first and, from 4x4x4 on, use multiples of 4. Throws AIRA_E_TPU_TOPOLOGY.
 */
export function checkGkeTopology(spec: SkuSpec, slice: TpuSlice, where: string): void {
  const tpu = spec.tpu;
  if (!tpu) return;
  const dims = slice.topology.split('x').map(Number);
  if (tpu.dims === 2) {
    if (!TOPOLOGIES_2D.includes(slice.topology)) {
      throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `GKE offers no ${slice.topology} slice of ${spec.id} (TPU ${tpu.version})`, `use one of ${TOPOLOGIES_2D.join(', ')}`);
    }
    return;
  }
  const sorted = [...dims].sort((a, b) => a - b);
  const ascending = dims.every((d, i) => d === sorted[i]) || slice.topology === '2x2x1';
  const ok = ascending && (SMALL_3D.includes(slice.topology) || dims.every((d) => d % 4 === 0));
  if (!ok) {
    throw new AiraError(
      ErrorCodes.TPU_TOPOLOGY,
      where,
      `GKE offers no ${slice.topology} slice of ${spec.id} (TPU ${tpu.version}): shapes are ${SMALL_3D.join(', ')}, or AxBxC with A <= B <= C all multiples of 4`,
      'use for example 2x2x2, 2x4x4 or 4x4x8',
    );
  }
}

/** Address ranges of a GKE cluster. */
export interface GkeRanges {
  /** Pod range (GKE creates it as a secondary range of the subnet). */
  readonly pods: string;
  /** Service range. */
  readonly services: string;
}

/**
 * Default ranges: the upper half of the network's fabric block, which the main VPC does not use (GPU
 * NIC subnets live in separate networks, in the lower half): pods in its first half, services after.
 */
export function defaultGkeRanges(fabricCidr: string, where: string): GkeRanges {
  const fabric = parseCidr(fabricCidr, where);
  const upper = subBlock(fabric, fabric.prefix + 1, 1);
  return { pods: formatCidr(subBlock(upper, upper.prefix + 1, 0)), services: formatCidr(subBlock(upper, upper.prefix + 2, 2)) };
}

/** Ranges claimed by clusters per network, so two clusters in one network never share a range. */
const claimed = new WeakMap<IConstruct, Array<{ cidr: Cidr; text: string; path: string }>>();

function claim(network: IGcpNetwork, text: string, path: string): void {
  const key = network as unknown as IConstruct;
  const list = claimed.get(key) ?? [];
  const cidr = parseCidr(text, path);
  const clash = list.find((c) => overlaps(c.cidr, cidr));
  if (clash) {
    throw new AiraError(ErrorCodes.CIDR_OVERLAP, path, `GKE range ${text} overlaps ${clash.text} of ${clash.path} in the same network`, 'let TPU pools share one TpuCluster (gke.cluster), or give this pool its own gke.podCidr and gke.servicesCidr');
  }
  list.push({ cidr, text, path });
  claimed.set(key, list);
}

/** Props of `TpuCluster`. */
export interface TpuClusterProps {
  readonly network: IGcpNetwork;
  /** Plane whose subnetwork the nodes and the private endpoint use. @default 'training' */
  readonly plane?: Plane;
  /** Customer-managed key for etcd secrets (application-layer encryption) and node boot disks. */
  readonly key: IPlatformKey;
  /** GKE release channel. @default 'REGULAR' */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE';
  /** Pod range. @default the first quarter of the upper half of the network's fabric block */
  readonly podCidr?: string;
  /** Service range. @default a quarter-sized block after the pod range */
  readonly servicesCidr?: string;
  /** Ranges allowed to reach the private control plane endpoint. @default the management plane's range (or the node plane's when the network has no management plane) */
  readonly authorizedCidrs?: readonly string[];
  /** Node service account the (removed) default node pool would use. */
  readonly nodeServiceAccount: string;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
  /** Description of the cluster. @default a private GKE cluster for TPU slices */
  readonly description?: string;
}

/**
 * A private GKE cluster for TPU node pools: private nodes and a private control plane endpoint on the
 * plane's subnetwork (reachable only from the authorized ranges), Workload Identity, Shielded nodes,
 * a release channel, Kubernetes secrets encrypted with the customer-managed key, and no default node
 * pool. `deletion_protection` is on. Field names from the provider's google_container_cluster docs
 * (6.50.0); settings from cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster.
 */
export class TpuCluster extends Construct {
  public readonly cluster: ContainerCluster;
  public readonly network: IGcpNetwork;
  public readonly plane: Plane;
  public readonly ranges: GkeRanges;
  /** Location of the cluster (its region: a regional, highly available control plane). */
  public readonly location: string;
  public readonly key: IPlatformKey;
  public readonly keyGrants: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: TpuClusterProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    const prefix = namePrefix(props.name, id, where);
    this.network = props.network;
    this.key = props.key;
    this.plane = props.plane ?? 'training';
    this.location = props.network.region;
    const defaults = defaultGkeRanges(props.network.fabricCidr, where);
    this.ranges = { pods: props.podCidr ?? defaults.pods, services: props.servicesCidr ?? defaults.services };
    claim(props.network, this.ranges.pods, where);
    claim(props.network, this.ranges.services, where);
    const authorized =
      props.authorizedCidrs ?? [props.network.layout.planes.find((p) => p.plane === (props.network.planes.includes('management') ? 'management' : this.plane))?.cidr as string];
    const channel = props.releaseChannel ?? 'REGULAR';
    if (!['RAPID', 'REGULAR', 'STABLE'].includes(channel)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `release channel "${String(channel)}" is unknown`, "use 'RAPID', 'REGULAR' or 'STABLE'");
    }
    // The GKE service agent encrypts secrets; the Compute Engine agent encrypts node boot disks.
    this.keyGrants = [grantServiceAgentKeyUse(this, props.key, 'gke'), grantServiceAgentKeyUse(this, props.key, 'compute')];
    const subnet = props.network.subnetSelfLink(this.plane);
    const { ContainerCluster } = gkeBindings();
    this.cluster = new ContainerCluster(this, 'cluster', {
      project: stack.project,
      name: gcpName(prefix),
      description: props.description ?? `Private GKE cluster for TPU slices (${TPU_ON_GKE})`,
      location: this.location,
      network: props.network.networkSelfLink,
      subnetwork: subnet,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: { clusterIpv4CidrBlock: this.ranges.pods, servicesIpv4CidrBlock: this.ranges.services, stackType: 'IPV4' },
      // No default node pool: a throwaway node is created and removed, as the provider documents.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: {
        serviceAccount: props.nodeServiceAccount,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        bootDiskKmsKey: props.key.keyRef,
      },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, privateEndpointSubnetwork: subnet },
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        cidrBlocks: authorized.map((c, i) => ({ cidrBlock: c, displayName: `authorized-${i}` })),
      },
      workloadIdentityConfig: { workloadPool: `${stack.project}.svc.id.goog` },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      releaseChannel: { channel },
      databaseEncryption: { state: 'ENCRYPTED', keyName: props.key.keyRef },
      deletionProtection: true,
      dependsOn: this.keyGrants,
    });
  }
}

/** Props of `TpuNodePool`. */
export interface TpuNodePoolProps {
  readonly cluster: TpuCluster;
  readonly name: string;
  readonly spec: SkuSpec;
  readonly slice: TpuSlice;
  readonly zone: string;
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly capacity: CapacitySpec;
  readonly serviceAccountEmail: string;
  readonly networkTags: string[];
  readonly bootDiskGb: number;
  /** Seconds of run time after which each node is terminated (`node_config.max_run_duration`). @default none: nodes run without a time limit */
  readonly maxRunDurationSeconds?: number;
  readonly labels: Record<string, string>;
}

/**
 * One TPU slice as a GKE node pool: the TPU machine type, one node per host of the slice, compact
 * placement with the slice's `tpu_topology` for multi-host slices (a single-host slice needs none),
 * Shielded nodes, the GKE metadata server (Workload Identity), boot disks encrypted with the key,
 * auto-repair and auto-upgrade. A multi-host slice is all of its hosts or none: a pool whose minimum
 * is 0 autoscales between 0 and the whole slice.
 */
export class TpuNodePool extends Construct {
  public readonly nodePool: ContainerNodePool;

  constructor(scope: Construct, id: string, p: TpuNodePoolProps) {
    super(scope, id);
    const c = p.cluster;
    const spot = p.capacity.kind === 'spot';
    const reservation = p.capacity.kind === 'reservation' && p.capacity.id ? p.capacity.id : undefined;
    const scales = p.nodes.min !== p.nodes.max;
    const { ContainerNodePool } = gkeBindings();
    this.nodePool = new ContainerNodePool(this, 'pool', {
      project: gcpStackOf(this).project,
      name: gcpName(p.name).slice(0, 40).replace(/-+$/, ''),
      cluster: c.cluster.id,
      location: c.location,
      nodeLocations: [p.zone],
      ...(scales ? { initialNodeCount: p.nodes.desired, autoscaling: { totalMinNodeCount: p.nodes.min, totalMaxNodeCount: p.nodes.max, locationPolicy: 'ANY' } } : { nodeCount: p.nodes.max }),
      ...(p.slice.hosts > 1 ? { placementPolicy: { type: 'COMPACT', tpuTopology: p.slice.topology } } : {}),
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: p.spec.id,
        serviceAccount: p.serviceAccountEmail,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        imageType: 'COS_CONTAINERD',
        diskType: defaultDiskType(p.spec.id),
        diskSizeGb: p.bootDiskGb,
        bootDiskKmsKey: c.key.keyRef,
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        metadata: { 'disable-legacy-endpoints': 'true' },
        tags: p.networkTags,
        labels: p.labels,
        spot,
        ...(p.maxRunDurationSeconds !== undefined ? { maxRunDuration: `${p.maxRunDurationSeconds}s` } : {}),
        reservationAffinity: reservation
          ? { consumeReservationType: 'SPECIFIC_RESERVATION', key: RESERVATION_KEY, values: [reservation] }
          : { consumeReservationType: spot ? 'NO_RESERVATION' : 'ANY_RESERVATION' },
      },
      dependsOn: c.keyGrants,
    });
  }
}
