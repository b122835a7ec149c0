import { ComputeInstanceTemplateNetworkInterface } from '@cdktf/provider-google/lib/compute-instance-template';
import { Construct } from 'constructs';
import { AcceleratorPoolProps, IAcceleratorPool, PoolCapabilities, PoolIdentity, imageResolutionOf } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IPlatformKey } from '../core/kit';
import { gcpName, namePrefix } from '../core/naming';
import { PoolPlan, catalogToday, planPool } from '../core/pool-plan';
import { AiraTags } from '../core/tagging';
import { GcpKey, grantServiceAgentKeyUse, requireGcpKey } from './key';
import { IGcpNetwork } from './network-types';
import { PoolAlarms } from './pool-alarms';
import { GpuNicNetworks } from './pool-gpu-nics';
import { BUCKET_READ_ROLE, BUCKET_READ_WRITE_ROLE, PoolServiceAccount, serviceAccountId } from './pool-identity';
import { PoolGroup, compactPlacement } from './pool-scaling';
import { PoolInstanceTemplate, defaultDiskType, defaultImage, pinSourceImage, reservationAffinity, scheduling } from './pool-template';
import { TpuCluster, TpuClusterProps, TpuNodePool, checkGkeTopology } from './pool-tpu';
import { gcpStackOf } from './stack';

/** Options of the GKE cluster a TPU pool runs in. */
export interface GcpTpuOptions {
  /** A cluster to add the slice to (several TPU pools can share one). @default a new private cluster for this pool */
  readonly cluster?: TpuCluster;
  /** For a new cluster: its release channel, ranges and authorized ranges. @default see `TpuClusterProps` */
  readonly clusterProps?: Pick<TpuClusterProps, 'releaseChannel' | 'podCidr' | 'servicesCidr' | 'authorizedCidrs'>;
}

/** Props of the Google Cloud `AcceleratorPool`: the cloud-neutral props plus Google options. */
export interface GcpAcceleratorPoolProps extends AcceleratorPoolProps<IGcpNetwork> {
  /** Customer-managed key (a `GcpKey` in the pool's region) for boot and data disks, and GKE secrets of TPU pools. @default a new `GcpKey` for the pool */
  readonly key?: IPlatformKey;
  /**
   * Which reservations on-demand nodes may use when the capacity is not a named reservation: `any`
   * matching reservation of the project, or `none`. Spot nodes use none (Spot VMs cannot consume
   * reservations). @default 'any' for on-demand, 'none' for Spot
   */
  readonly reservationAffinity?: 'any' | 'none';
  /** What Google does to a reclaimed Spot node or one past `maxRunDurationSeconds`. @default 'DELETE' */
  readonly terminationAction?: 'DELETE' | 'STOP';
  /** Seconds after which each node is stopped or deleted (30 seconds to 120 days), a cost guard for batch pools. @default no limit */
  readonly maxRunDurationSeconds?: number;
  /** Boot disk size, GB. @default 200 on VM pools (images with CUDA and the NCCL plugins are large); 100 on TPU slices (GKE node pools) */
  readonly bootDiskGb?: number;
  /** A data disk per node, GB, encrypted with the key. @default none (use the storage tiers) */
  readonly dataDiskGb?: number;
  /** Disk type. @default 'hyperdisk-balanced' for A3 Ultra and v6e, 'pd-balanced' otherwise */
  readonly diskType?: string;
  /** Existing Cloud Monitoring notification channel ids the safety alerts notify. @default none (plus alarms.notifyEmails) */
  readonly notificationChannels?: readonly string[];
  /** Buckets the nodes may read objects of (the pool's own buckets; storage tiers grant theirs with grantRead). @default none */
  readonly readBuckets?: readonly string[];
  /** TPU pools: the GKE cluster. @default a new private cluster */
  readonly tpu?: GcpTpuOptions;
}

/** Longest `max_run_duration`: 120 days (cloud.google.com/compute/docs/instances/limit-vm-runtime). */
const MAX_RUN_SECONDS = 120 * 86400;

/**
 * An accelerator pool on Google Cloud.
 *
 * GPU and CPU pools are an instance template and a managed instance group: Shielded VMs without an
 * external IP, OS Login, a dedicated service account (log and metric writer, object access to granted
 * buckets only), boot and data disks encrypted with the customer-managed key, `TERMINATE` on host
 * maintenance for GPUs, the plane's network tag, and one boot image per apply (an image family, the
 * default, is read once per plan: `imageResolution`). With the fabric on, A3 High / Mega / Ultra nodes get
 * the extra GPU NICs GPUDirect-TCPX / TCPXO / RDMA needs on pool-dedicated networks (`GpuNicNetworks`).
 * Multi-node training pools get a compact placement policy; reserved capacity is targeted by name.
 * A declared weekly demand becomes the autoscaler's scaling schedules.
 *
 * TPU pools (v4, v5e, v5p, v6e) are a slice node pool in a private GKE cluster (`TpuCluster`): the
 * provider has no `google_tpu_v2_vm` (see `TPU_ON_GKE`).
 *
 * Safety alerts: Cloud Monitoring alert policies on the safety metrics (`PoolAlarms`).
 *
 * Nodes never get an external IP, whatever `exposure` says: a public inference endpoint is a load
 * balancer (with `group.instanceGroup` as its backend) on the inference plane's declared public ingress.
 *
 * @example
 * new AcceleratorPool(stack, 'train', { network: net, key, sku: 'a3-megagpu-8g', nodes: 4, capacity: Capacity.spot() });
 */
export class AcceleratorPool extends Construct implements IAcceleratorPool {
  public readonly capabilities: PoolCapabilities;
  public readonly identity: PoolIdentity;
  /** The checked plan the pool was built from. */
  public readonly plan: PoolPlan;
  public readonly serviceAccount: PoolServiceAccount;
  /** Network tag every node of the pool carries (besides the plane's). */
  public readonly poolTag: string;
  /** GPU NIC networks, when the fabric is on. */
  public readonly gpuNics?: GpuNicNetworks;
  /** The instance group (GPU and CPU pools). */
  public readonly group?: PoolGroup;
  /** The instance template (GPU and CPU pools). */
  public readonly template?: PoolInstanceTemplate;
  /** The GKE cluster (TPU pools). */
  public readonly cluster?: TpuCluster;
  /** The slice node pool (TPU pools). */
  public readonly nodePool?: TpuNodePool;
  public readonly alarms?: PoolAlarms;

  constructor(scope: Construct, id: string, props: GcpAcceleratorPoolProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = gcpStackOf(this);
    const network = props.network;
    if (network?.cloud !== 'gcp') throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the network is not a Google Cloud network', 'pass a SegmentedNetwork of aira-constructs/gcp');
    const name = namePrefix(props.name, id, where);
    const key = props.key ? requireGcpKey(props.key, where) : new GcpKey(this, 'key', { name: gcpName(name, 'pool').slice(0, 30), description: `disks of pool ${name}` });
    const plan = planPool(props, network, name, where, catalogToday(this));
    this.plan = plan;
    this.capabilities = plan.capabilities;
    const spec = plan.spec;
    checkGoogleCapacity(props, plan, where);
    const affinity = props.reservationAffinity ?? (plan.capacity.kind === 'spot' ? 'none' : 'any');
    const terminationAction = props.terminationAction ?? 'DELETE';
    if (terminationAction !== 'DELETE' && terminationAction !== 'STOP') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `terminationAction "${String(terminationAction)}" is not DELETE or STOP`, "use 'DELETE' or 'STOP'");
    }
    const maxRun = props.maxRunDurationSeconds;
    if (maxRun !== undefined && (!Number.isInteger(maxRun) || maxRun < 30 || maxRun > MAX_RUN_SECONDS)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `maxRunDurationSeconds ${String(maxRun)} is not a whole number from 30 to ${MAX_RUN_SECONDS}`, 'give the run-time limit in seconds, for example 86400');
    }
    const imageResolution = imageResolutionOf(props.imageResolution, where);
    const bootDiskGb = props.bootDiskGb ?? 200;
    if (!Number.isInteger(bootDiskGb) || bootDiskGb < 10 || bootDiskGb > 65536) throw new AiraError(ErrorCodes.INVALID_PROP, where, `bootDiskGb ${String(bootDiskGb)} is not a whole number from 10 to 65536`, 'for example bootDiskGb: 200');
    if (props.dataDiskGb !== undefined && (!Number.isInteger(props.dataDiskGb) || props.dataDiskGb < 10 || props.dataDiskGb > 65536)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `dataDiskGb ${String(props.dataDiskGb)} is not a whole number from 10 to 65536`, 'for example dataDiskGb: 1000, or leave it out');
    }
    if (props.tags) AiraTags.of(this).add(props.tags);

    this.poolTag = gcpName(name, 'node');
    this.serviceAccount = new PoolServiceAccount(this, 'identity', {
      project: stack.project,
      accountId: serviceAccountId(name, 'nodes'),
      displayName: `Nodes of accelerator pool ${name}`,
      extraRoles: plan.tpu ? ['roles/container.defaultNodeServiceAccount'] : [],
    });
    this.identity = { cloud: 'gcp', email: this.serviceAccount.email };
    for (const b of props.readBuckets ?? []) this.serviceAccount.grantBucket(b, BUCKET_READ_ROLE);
    const labels = { 'aira-pool': name, 'aira-sku': spec.id.replace(/[^a-z0-9_-]/g, '-') };
    const networkTags = [network.networkTag(plan.plane), this.poolTag];

    if (plan.tpu) {
      checkGkeTopology(spec, plan.tpu, where);
      if (plan.zones.length !== 1) throw new AiraError(ErrorCodes.INVALID_PROP, where, `a TPU slice lives in one zone; ${plan.zones.length} given`, 'give the pool one zone');
      this.cluster =
        props.tpu?.cluster ??
        new TpuCluster(this, 'gke', { network, plane: plan.plane, key, nodeServiceAccount: this.serviceAccount.email, name: gcpName(name, 'gke').slice(0, 30), ...props.tpu?.clusterProps });
      if (this.cluster.network !== network) throw new AiraError(ErrorCodes.INVALID_PROP, where, 'the TPU cluster is on another network than the pool', 'use a cluster built on the pool\'s network');
      this.nodePool = new TpuNodePool(this, 'slice', {
        cluster: this.cluster,
        name,
        spec,
        slice: plan.tpu,
        zone: plan.zones[0],
        nodes: plan.nodes,
        capacity: plan.capacity,
        serviceAccountEmail: this.serviceAccount.email,
        networkTags,
        bootDiskGb: props.bootDiskGb ?? 100,
        maxRunDurationSeconds: maxRun,
        labels,
      });
    } else {
      const computeGrant = grantServiceAgentKeyUse(this, key, 'compute');
      const interfaces: ComputeInstanceTemplateNetworkInterface[] = [{ subnetwork: network.subnetSelfLink(plan.plane), nicType: 'GVNIC', stackType: 'IPV4_ONLY' }];
      if (plan.fabric && spec.gpuNics) {
        if (plan.zones.length !== 1 && spec.fabric === 'gpudirect-rdma') {
          throw new AiraError(ErrorCodes.INVALID_PROP, where, 'a GPUDirect RDMA pool lives in one zone: its RoCE network profile is zonal', 'give the pool one zone');
        }
        this.gpuNics = new GpuNicNetworks(this, 'gpu-nics', {
          project: stack.project,
          region: network.region,
          zone: plan.zones[0],
          namePrefix: name,
          fabricCidr: network.fabricCidr,
          fabric: spec.fabric,
          gpuNics: spec.gpuNics,
          poolTag: this.poolTag,
        });
        interfaces.push(...this.gpuNics.interfaces);
      }
      const placement = plan.placement === 'cluster' ? compactPlacement(this, 'placement', stack.project, network.region, name).selfLink : undefined;
      this.template = new PoolInstanceTemplate(this, 'template', {
        project: stack.project,
        region: network.region,
        namePrefix: name,
        spec,
        image: pinSourceImage(this, props.image ?? defaultImage(spec.family), imageResolution, stack.project),
        keyRef: key.keyRef,
        bootDiskGb,
        dataDiskGb: props.dataDiskGb,
        diskType: props.diskType ?? defaultDiskType(spec.id),
        interfaces,
        networkTags,
        serviceAccountEmail: this.serviceAccount.email,
        scheduling: scheduling(spec.family, plan.capacity, { terminationAction, maxRunDurationSeconds: maxRun }),
        reservationAffinity: reservationAffinity(plan.capacity, affinity),
        placementPolicy: placement,
        dependsOn: [computeGrant],
        labels,
      });
      this.group = new PoolGroup(this, 'group', {
        project: stack.project,
        region: network.region,
        zones: plan.zones,
        name,
        templateSelfLink: this.template.template.selfLinkUnique,
        nodes: plan.nodes,
        demand: plan.demand,
      });
    }
    if (plan.alarms.length > 0) {
      this.alarms = new PoolAlarms(this, 'alarms', {
        project: stack.project,
        pool: name,
        resourceType: plan.tpu ? 'k8s_node' : 'gce_instance',
        alarms: plan.alarms,
        channels: props.notificationChannels ?? [],
        emails: props.alarms?.notifyEmails ?? [],
      });
    }
  }

  /** Lets the nodes read a bucket's objects. */
  public grantBucketRead(bucket: string): void {
    this.serviceAccount.grantBucket(bucket, BUCKET_READ_ROLE);
  }

  /** Lets the nodes read and write a bucket's objects. */
  public grantBucketReadWrite(bucket: string): void {
    this.serviceAccount.grantBucket(bucket, BUCKET_READ_WRITE_ROLE);
  }
}

/**
 * Google's own capacity rules, after the cloud-neutral checks: a reservation is a named, zonal
 * Compute Engine reservation (no groups; the pool in one zone); Spot nodes consume no reservation and
 * have no on-demand fallback in a managed instance group; a demand profile needs a group that scales.
 */
function checkGoogleCapacity(props: GcpAcceleratorPoolProps, plan: PoolPlan, where: string): void {
  const c = plan.capacity;
  if (c.kind === 'reservation') {
    if (c.groupId) throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'Google Cloud has no reservation groups', 'target the reservation by name: Capacity.reservation({ id: "<reservation name>", zone })');
    if (plan.zones.length !== 1) {
      throw new AiraError(ErrorCodes.CAPACITY_CONFLICT, where, `a Compute Engine reservation holds capacity in one zone, and the pool spans ${plan.zones.join(', ')}`, `give the pool the reservation's zone only (zones: ['${c.zone ?? plan.zones[0]}'])`);
    }
    if (props.reservationAffinity !== undefined) {
      throw new AiraError(ErrorCodes.CAPACITY_CONFLICT, where, 'reservationAffinity applies to capacity without a named reservation; this pool targets one', 'leave reservationAffinity out');
    }
  }
  if (c.kind === 'spot') {
    if (props.reservationAffinity === 'any') {
      throw new AiraError(ErrorCodes.CAPACITY_CONFLICT, where, 'Spot VMs cannot consume reservations', "leave reservationAffinity out (or 'none') on a Spot pool, or use Capacity.reservation({...})");
    }
    if (c.onDemandFallback) {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'a Google managed instance group cannot fall back from Spot to on-demand VMs', 'make a second, on-demand pool for the fallback, or leave onDemandFallback out');
    }
  }
  if (props.reservationAffinity !== undefined && props.reservationAffinity !== 'any' && props.reservationAffinity !== 'none') {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `reservationAffinity "${String(props.reservationAffinity)}" is not any or none`, "use 'any' or 'none'");
  }
}
