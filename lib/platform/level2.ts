import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SkuInput } from '../core/catalog/sku';
import { findSku } from '../core/catalog/lookup';
import { Cloud } from '../core/catalog/types';
import { StateBackend } from '../core/backend';
import { CapacitySpec, IAcceleratorPool, NodeCounts, PoolCapabilities } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit, IInternalLoadBalancer, IPlatformKey } from '../core/kit';
import { EgressMode, INetwork } from '../core/network';
import { namePrefix } from '../core/naming';
import { Plane } from '../core/planes';
import { DataRole, IStorageTiers, ObjectTierSpec, ProtectionSpec } from '../core/storage';
import { AiraTagValues } from '../core/tags';
import { PolicyGuard, PolicyGuardOptions } from '../policy/guard';
import { createPlatformStack, platformGuard } from './platform-stack';

/**
 * Default SKUs of a Level 2 platform per cloud, after the reference architecture's cloud table:
 * training on NVIDIA H100 (AWS P5, Azure ND H100 v5, Google A3 Mega). Inference and preprocessing take
 * the first candidate the catalog offers in the kit's region.
 */
export const LEVEL2_DEFAULT_SKUS: Readonly<Record<Cloud, { readonly training: string; readonly inference: readonly string[]; readonly preprocessing: readonly string[] }>> = {
  aws: { training: 'p5.48xlarge', inference: ['g6e.12xlarge', 'inf2.48xlarge'], preprocessing: ['c7i.48xlarge'] },
  azure: { training: 'Standard_ND96isr_H100_v5', inference: ['Standard_ND96asr_v4', 'Standard_ND96isr_H100_v5'], preprocessing: ['Standard_D96ds_v5'] },
  gcp: { training: 'a3-megagpu-8g', inference: ['a2-highgpu-8g', 'a3-highgpu-8g'], preprocessing: ['c3-standard-88'] },
};

/**
 * Default hot tier size per cloud at 250 MB/s per TiB: the smallest size each service offers at that
 * tier (FSx for Lustre PERSISTENT_2 takes 2400 GiB steps, Azure Managed Lustre 8 TiB, Google Managed
 * Lustre 36,000 GiB; see each cloud's storage checks for the sources).
 */
export const LEVEL2_DEFAULT_HOT_GIB: Readonly<Record<Cloud, number>> = { aws: 2400, azure: 8192, gcp: 36000 };

/** The object storage roles of the Level 2 flow: lake, registry, artifacts, checkpoints. */
export const LEVEL2_DEFAULT_ROLES: readonly DataRole[] = ['data-lake', 'model-registry', 'artifacts', 'checkpoints'];

/** Options of one pool of the platform. */
export interface Level2PoolOptions {
  /** The SKU. @default see `LEVEL2_DEFAULT_SKUS` */
  readonly sku?: SkuInput;
  /** Node counts (fixed: a Level 2 platform scales by hand, with no demand profile). @default training 2, inference 2, preprocessing 1 */
  readonly nodes?: NodeCounts;
  /** Capacity source. @default on-demand */
  readonly capacity?: CapacitySpec;
  /** Zones. @default training and preprocessing: the first zone; inference: every zone of the network */
  readonly zones?: readonly string[];
}

/** Options of the inference pool and its private endpoint. */
export interface Level2InferenceOptions extends Level2PoolOptions {
  /** TCP port of the private load balancer and the model servers (TLS terminates on the servers). @default 443 */
  readonly port?: number;
  /** Planes whose clients may call the endpoint: a flow from each to the inference plane on `port` is declared. @default ['management'] */
  readonly clients?: readonly Plane[];
}

/** Options of the storage tiers. */
export interface Level2StorageOptions {
  /** Object storage roles. @default `LEVEL2_DEFAULT_ROLES` (lake, registry, artifacts, checkpoints) with their default lifecycles */
  readonly objectTiers?: ReadonlyArray<DataRole | ObjectTierSpec>;
  /** Hot parallel file system size, GiB. @default see `LEVEL2_DEFAULT_HOT_GIB` */
  readonly hotCapacityGib?: number;
  /** Hot tier throughput per TiB, MB/s. @default 250 */
  readonly hotThroughputMbpsPerTib?: number;
  /** `prevent_destroy` on stateful resources. @default { preventDestroy: true } */
  readonly protection?: ProtectionSpec;
  /** Suffix of globally unique bucket names. @default a short hash of the stack, path and region */
  readonly uniqueSuffix?: string;
}

/** Props of `Level2Platform`. */
export interface Level2PlatformProps {
  /** The cloud to build on: `awsKit(...)`, `azureKit(...)` or `gcpKit(...)`. */
  readonly kit: CloudKit;
  /** Base IPv4 block of the segmented network (/23 or larger). */
  readonly cidr: string;
  /** Zones of the network (at least two: the inference pool spans two). @default the kit's zones */
  readonly zones?: readonly string[];
  /** Prefix of resource names (letters, digits, -; at most 24, so pool names fit). @default the construct id */
  readonly name?: string;
  /** Terraform state backend of the stack. @default local state */
  readonly backend?: StateBackend;
  /** Tags for every resource. `level` is always 2. @default { level: 2 } */
  readonly tags?: AiraTagValues;
  /** Internet egress of non-protected planes. @default the cloud's default (see `SegmentedNetworkProps.egress`) */
  readonly egress?: EgressMode;
  /** Address space whose networks must not overlap. @default 'default' */
  readonly addressSpace?: string;
  /** The training pool (multi-node, cluster placement, the SKU's interconnect). @default the cloud's H100 SKU, 2 nodes */
  readonly training?: Level2PoolOptions;
  /** The preprocessing CPU pool on the data plane. @default the cloud's CPU SKU, 1 node */
  readonly preprocessing?: Level2PoolOptions;
  /** The inference pool across two or more zones behind a private load balancer. @default the first inference SKU of the region, 2 nodes, port 443 */
  readonly inference?: Level2InferenceOptions;
  /** Storage tiers. @default lake, registry, artifacts, checkpoints, and a Lustre hot tier for the training plane */
  readonly storage?: Level2StorageOptions;
  /** The synth-time policy guard on the stack, or false to leave it off (an app-wide guard, when added, applies anyway). @default on, every built-in rule, failing on high */
  readonly policyGuard?: PolicyGuardOptions | false;
}

/** The pools of a Level 2 platform. */
export interface Level2Pools {
  readonly training: IAcceleratorPool;
  readonly preprocessing: IAcceleratorPool;
  readonly inference: IAcceleratorPool;
}



/**
 * Level 2 of the reference architecture, traditional accelerated computing, on one cloud: the flow
 * `data lake -> preprocessing -> training -> model registry -> inference` as one Terraform stack.
 *
 * Built through the kit (so this construct loads no provider itself):
 * - the stack (provider, backend, tags with `level: 2`) and one customer-managed key for everything;
 * - a segmented network (training, inference, data, management, protected planes; deny by default);
 * - storage tiers: buckets for the data lake, model registry, artifacts and checkpoints, and a Lustre
 *   file system on the data plane mounted from the training plane (the storage declares that flow);
 * - a training pool (the cloud's H100 SKU by default, with its interconnect and cluster placement), a
 *   preprocessing CPU pool on the data plane, and an inference pool across two or more zones behind a
 *   private load balancer on the inference plane;
 * - grants, least privilege: preprocessing reads and writes the lake; training reads the lake and
 *   writes checkpoints, artifacts and the registry; inference reads the registry only;
 * - one flow besides the storage's: the client planes (management by default) to the inference plane on
 *   the endpoint's port. Inference needs nothing from the data plane: it reads models from object storage;
 * - the policy guard on the stack.
 *
 * One workload type per pool and manual scaling, as the level defines: pools keep the sizes given
 * (no demand profile, no autoscaler).
 *
 * @example
 * const app = new App();
 * const l2 = new Level2Platform(app, 'level2-aws', {
 *   kit: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }),
 *   cidr: '10.14.0.0/16',
 *   training: { nodes: 4, capacity: Capacity.capacityBlock({ id: 'cr-0123456789abcdef0', zone: 'us-east-1a', instances: 4 }) },
 * });
 * l2.endpoint.address; // the private DNS name of the inference endpoint
 */
export class Level2Platform extends Construct {
  /** The stack every resource of the platform is in. */
  public readonly stack: TerraformStack;
  public readonly cloud: Cloud;
  /** The platform key (encrypts storage, disks and logs). */
  public readonly key: IPlatformKey;
  public readonly network: INetwork;
  public readonly storage: IStorageTiers;
  public readonly pools: Level2Pools;
  /** The private load balancer in front of the inference pool. */
  public readonly endpoint: IInternalLoadBalancer;
  /** Capabilities of every pool, for registries and placement. */
  public readonly capabilities: readonly PoolCapabilities[];
  /** The policy guard, unless turned off or already on the app. */
  public readonly guard?: PolicyGuard;

  /**
   * @param scope the app (the platform creates its stack under it)
   * @param id id of the stack
   */
  constructor(scope: Construct, id: string, props: Level2PlatformProps) {
    const stack = createPlatformStack(scope, id, props, 2);
    super(stack, 'platform');
    this.stack = stack;
    const where = this.node.path;
    const kit = props.kit;
    const cloud = kit.cloud;
    this.cloud = cloud;
    const name = namePrefix(props.name, id, where);
    if (name.length > 24) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `name "${name}" is longer than 24 characters, which the pool names built from it cannot take`, 'pass a shorter name (or id)');
    }
    const zones = [...(props.zones ?? kit.zones)];
    const inferenceZones = [...(props.inference?.zones ?? zones)];
    if (new Set(inferenceZones).size < 2) {
      throw new AiraError(
        ErrorCodes.INVALID_PROP,
        where,
        `the inference pool spans ${inferenceZones.length === 0 ? 'no zone' : `only ${inferenceZones.join(', ')}`}; Level 2 serves from two zones behind a private load balancer`,
        'give the kit (or zones, or inference.zones) at least two zones of the region',
      );
    }
    const port = props.inference?.port ?? 443;
    const clients = props.inference?.clients ?? ['management'];
    const inferenceSku = props.inference?.sku ?? defaultSku(cloud, kit.region, 'inference', where);
    const preprocessingSku = props.preprocessing?.sku ?? defaultSku(cloud, kit.region, 'preprocessing', where);

    this.key = kit.createKey(this, 'key', `Platform key of Level 2 platform ${name}: storage, disks and logs`);
    this.network = kit.createNetwork(this, 'network', {
      cidr: props.cidr,
      zones,
      name,
      ...(props.egress ? { egress: props.egress } : {}),
      ...(props.addressSpace ? { addressSpace: props.addressSpace } : {}),
    });
    for (const plane of clients) {
      this.network.allow(plane, 'inference', port, `${plane} clients call the private inference endpoint`);
    }

    const s = props.storage ?? {};
    this.storage = kit.createStorage(this, 'storage', {
      network: this.network,
      key: this.key,
      name,
      objectTiers: s.objectTiers ?? LEVEL2_DEFAULT_ROLES,
      hot: { kind: 'lustre', capacityGib: s.hotCapacityGib ?? LEVEL2_DEFAULT_HOT_GIB[cloud], throughputMbpsPerTib: s.hotThroughputMbpsPerTib ?? 250, consumers: ['training'] },
      ...(s.protection ? { protection: s.protection } : {}),
      ...(s.uniqueSuffix ? { uniqueSuffix: s.uniqueSuffix } : {}),
    });

    const pool = (poolId: string, suffix: string, o: Level2PoolOptions | undefined, fixed: { workload: 'training' | 'inference' | 'preprocessing'; sku: SkuInput; nodes: NodeCounts; zones?: readonly string[]; fabric?: boolean }) =>
      kit.createPool(this, poolId, {
        network: this.network,
        key: this.key,
        name: `${name}-${suffix}`,
        workload: fixed.workload,
        sku: fixed.sku,
        nodes: o?.nodes ?? fixed.nodes,
        ...(o?.capacity ? { capacity: o.capacity } : {}),
        ...(fixed.zones ? { zones: fixed.zones } : o?.zones ? { zones: o.zones } : {}),
        ...(fixed.fabric !== undefined ? { fabric: fixed.fabric } : {}),
      });
    const training = pool('training', 'train', props.training, { workload: 'training', sku: props.training?.sku ?? LEVEL2_DEFAULT_SKUS[cloud].training, nodes: 2 });
    const preprocessing = pool('preprocessing', 'prep', props.preprocessing, { workload: 'preprocessing', sku: preprocessingSku, nodes: 1 });
    // Serving replicas answer independent requests: the accelerator interconnect would buy nothing.
    const inference = pool('inference', 'infer', props.inference, { workload: 'inference', sku: inferenceSku, nodes: 2, zones: inferenceZones, fabric: false });
    this.pools = { training, preprocessing, inference };
    this.capabilities = [training.capabilities, preprocessing.capabilities, inference.capabilities];

    // Least privilege along the flow; a role the user left out gets no grant.
    const has = (roles: readonly DataRole[]) => roles.filter((r) => this.storage.roles.includes(r));
    const grant = (p: IAcceleratorPool, mode: 'read' | 'readWrite', roles: readonly DataRole[]) => {
      const present = has(roles);
      if (present.length === 0) return;
      if (mode === 'read') this.storage.grantRead(p, present);
      else this.storage.grantReadWrite(p, present);
    };
    grant(preprocessing, 'readWrite', ['data-lake', 'feature-store']);
    grant(training, 'read', ['data-lake', 'feature-store']);
    grant(training, 'readWrite', ['checkpoints', 'artifacts', 'model-registry']);
    grant(inference, 'read', ['model-registry']);

    this.endpoint = kit.createInternalLoadBalancer(this, 'endpoint', { network: this.network, pool: inference, port, zones: inferenceZones, name: `${name}-serve` });

    this.guard = platformGuard(stack, props.policyGuard);
  }
}

/** The first candidate SKU of a role the catalog offers in the region. */
function defaultSku(cloud: Cloud, region: string, role: 'inference' | 'preprocessing', where: string): string {
  const candidates = LEVEL2_DEFAULT_SKUS[cloud]?.[role] ?? [];
  const found = candidates.find((id) => findSku(id)?.regions.includes(region));
  if (found) return found;
  throw new AiraError(
    ErrorCodes.UNAVAILABLE_IN_REGION,
    where,
    `none of the default ${role} SKUs (${candidates.join(', ')}) is offered in ${region} according to the catalog`,
    `pass ${role}: { sku: '<a SKU of ${region}>' } (aira catalog lists them)`,
  );
}
