import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend } from '../core/backend';
import { findSku } from '../core/catalog/lookup';
import { SkuInput } from '../core/catalog/sku';
import { Cloud } from '../core/catalog/types';
import { CapacitySpec, IAcceleratorPool, NodeCounts, PoolCapabilities, SimulatedHardware } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit, IPlatformKey, IQuantumAccess, ISchedulerCluster, QuantumAccessOptions } from '../core/kit';
import { EgressMode, INetwork } from '../core/network';
import { namePrefix } from '../core/naming';
import { Plane } from '../core/planes';
import { DataRole, IStorageTiers, ObjectTierSpec, ProtectionSpec } from '../core/storage';
import { AiraTagValues } from '../core/tags';
import { PolicyGuard, PolicyGuardOptions } from '../policy/guard';
import { createPlatformStack, platformGuard } from './platform-stack';
import { tagPoolEnergy } from './energy-tags';
import { CapabilityRegistry, KueueManifestFiles } from './registry-construct';
import { KueueManifests } from './kueue';
import { nodeLabels, nodeTaints } from './scheduling';

/**
 * Default SKUs of a Level 3 platform per cloud. The GPU pool takes the first candidate the catalog
 * offers in the kit's region. The simulators run on CPU SKUs, since no public cloud offers
 * neuromorphic hardware and quantum simulators are CPU programs (state-vector and tensor-network
 * simulators): AWS C7i, Azure HBv4 for the quantum simulator (HPC memory bandwidth) and Dv5 for the
 * spiking-network grid, Google C3.
 */
export const LEVEL3_DEFAULT_SKUS: Readonly<Record<Cloud, { readonly gpu: readonly string[]; readonly quantum: readonly string[]; readonly neuromorphic: readonly string[] }>> = {
  aws: { gpu: ['p5.48xlarge', 'g6e.12xlarge'], quantum: ['c7i.48xlarge'], neuromorphic: ['c7i.48xlarge'] },
  azure: { gpu: ['Standard_ND96isr_H100_v5', 'Standard_ND96asr_v4'], quantum: ['Standard_HB176rs_v4', 'Standard_D96ds_v5'], neuromorphic: ['Standard_D96ds_v5'] },
  gcp: { gpu: ['a3-highgpu-8g', 'a3-megagpu-8g', 'a2-highgpu-8g'], quantum: ['c3-standard-88'], neuromorphic: ['c3-standard-88'] },
};

/** The object storage roles of a Level 3 platform; the model registry also holds the capability registry. */
export const LEVEL3_DEFAULT_ROLES: readonly DataRole[] = ['data-lake', 'model-registry', 'artifacts', 'checkpoints'];

/** Options of one pool class. */
export interface Level3PoolOptions {
  /** The SKU. @default see `LEVEL3_DEFAULT_SKUS` */
  readonly sku?: SkuInput;
  /** Node counts of the class (the scheduler's node pool scales from 0 to max). @default GPU { min: 0, max: 2 }, simulators { min: 0, max: 2 } */
  readonly nodes?: NodeCounts;
  /** Capacity source. @default on-demand */
  readonly capacity?: CapacitySpec;
  /** Zones. @default the network's first zone */
  readonly zones?: readonly string[];
}

/** Options of the hybrid scheduler (a managed Kubernetes cluster with Kueue). */
export interface Level3SchedulerOptions {
  /** Order Kueue flavors by estimated carbon per node-hour instead of price. @default false */
  readonly carbonAware?: boolean;
  /** Namespaces whose jobs may queue. @default ['aira-jobs'] */
  readonly namespaces?: readonly string[];
  /** Name of the ClusterQueue and of each namespace's LocalQueue. @default 'aira' */
  readonly queueName?: string;
}

/** Props of `Level3Platform`. */
export interface Level3PlatformProps {
  /** The cloud to build on: `awsKit(...)`, `azureKit(...)` or `gcpKit(...)`. */
  readonly kit: CloudKit;
  /** Base IPv4 block of the segmented network (/23 or larger). */
  readonly cidr: string;
  /** Zones of the network. @default the kit's zones */
  readonly zones?: readonly string[];
  /** Prefix of resource names (letters, digits, -; at most 20, so pool and cluster names fit). @default the construct id */
  readonly name?: string;
  /** Terraform state backend of the stack. @default local state */
  readonly backend?: StateBackend;
  /** Tags for every resource. `level` is always 3. @default { level: 3 } */
  readonly tags?: AiraTagValues;
  /** Internet egress of non-protected planes. @default the cloud's default */
  readonly egress?: EgressMode;
  /** Address space whose networks must not overlap. @default 'default' */
  readonly addressSpace?: string;
  /** The GPU pool on the training plane. @default the cloud's first GPU SKU of the region, 0 to 2 nodes */
  readonly gpu?: Level3PoolOptions;
  /** The quantum simulator: a CPU pool on the quantum plane, labelled `simulates: quantum`, with the decoherence alarm. @default the cloud's CPU SKU, 0 to 2 nodes */
  readonly quantumSimulator?: Level3PoolOptions;
  /** The neuromorphic grid: a CPU pool on the training plane simulating spiking networks, with the spike-rate alarm. @default the cloud's CPU SKU, 0 to 2 nodes */
  readonly neuromorphicGrid?: Level3PoolOptions;
  /** Real quantum access where the cloud has one (Azure Quantum workspace, AWS Braket bucket and role), or false. Google has none: nothing is deployed there. @default on */
  readonly quantumAccess?: QuantumAccessOptions | false;
  /** Object storage roles. @default `LEVEL3_DEFAULT_ROLES` */
  readonly objectTiers?: ReadonlyArray<DataRole | ObjectTierSpec>;
  /** Role whose bucket holds the capability registry object. @default 'model-registry' */
  readonly registryRole?: DataRole;
  /** `prevent_destroy` on stateful resources. @default { preventDestroy: true } */
  readonly protection?: ProtectionSpec;
  /** Suffix of globally unique bucket names. @default a short hash of the stack, path and region */
  readonly uniqueSuffix?: string;
  /** The hybrid scheduler, or false to build the pools and the registry only. @default on, flavors ordered by price */
  readonly scheduler?: Level3SchedulerOptions | false;
  /** The synth-time policy guard on the stack, or false. @default on, every built-in rule, failing on high */
  readonly policyGuard?: PolicyGuardOptions | false;
}

/** The pools of a Level 3 platform. */
export interface Level3Pools {
  readonly gpu: IAcceleratorPool;
  readonly quantumSimulator: IAcceleratorPool;
  readonly neuromorphicGrid: IAcceleratorPool;
}



/**
 * Level 3 of the reference architecture, heterogeneous computing, on one cloud: a workload manager in
 * front of a GPU pool, a quantum simulator and a neuromorphic grid, as one Terraform stack.
 *
 * Built through the kit (this construct loads no provider itself):
 * - the stack (`level: 3` tags), one customer-managed key, a segmented network with a quantum plane;
 * - storage tiers (lake, model registry, artifacts, checkpoints);
 * - three pool classes: a GPU pool (training plane), a quantum simulator (`simulates: 'quantum'`, a CPU
 *   pool on the quantum plane) and a neuromorphic grid (`simulates: 'neuromorphic'`, a CPU pool on the
 *   training plane). The simulators are simulators, stated plainly: no public cloud sells neuromorphic
 *   hardware, and real quantum hardware is reached through the quantum access instead;
 * - the cloud's quantum access where it has one (`kit.createQuantumAccess`: Azure Quantum workspace,
 *   AWS Braket bucket and role; on Google it deploys nothing and says so);
 * - energy tags on every pool resource (power per node and at max, grid carbon intensity);
 * - the capability registry (`CapabilityRegistry`): `cdktf.out/aira-registry.json` at synth and an
 *   object of the registry bucket;
 * - the hybrid scheduler: a managed Kubernetes cluster with a private control plane and one node pool
 *   per class, labelled and tainted by capability (`kit.createSchedulerCluster`), and the Kueue
 *   manifests for it in `cdktf.out/stacks/<stack>/kueue/` (`KueueManifestFiles`), flavors ordered by
 *   carbon intensity when `scheduler.carbonAware` is on;
 * - grants: the GPU pool reads the lake and writes checkpoints and artifacts; the simulators write
 *   artifacts; every pool reads the model registry (the capability registry is there);
 * - the policy guard.
 *
 * The pools' own groups start empty (desired 0): the scheduler's node pools run queued jobs, and the
 * groups take work that runs outside Kubernetes (MPI jobs, simulator batches) when scaled up.
 *
 * @example
 * const l3 = new Level3Platform(app, 'level3-gcp', {
 *   kit: gcpKit({ project: 'acme-ml', region: 'europe-west4', zones: ['europe-west4-a', 'europe-west4-b'] }),
 *   cidr: '10.35.0.0/16',
 *   scheduler: { carbonAware: true },
 * });
 * l3.registry.document.pools; // what the scheduler reads
 */
export class Level3Platform extends Construct {
  public readonly stack: TerraformStack;
  public readonly cloud: Cloud;
  public readonly key: IPlatformKey;
  public readonly network: INetwork;
  public readonly storage: IStorageTiers;
  public readonly pools: Level3Pools;
  /** Capabilities of every pool, for registries and placement. */
  public readonly capabilities: readonly PoolCapabilities[];
  /** The cloud's quantum access, unless turned off. */
  public readonly quantumAccess?: IQuantumAccess;
  public readonly registry: CapabilityRegistry;
  /** The scheduler cluster, unless turned off. */
  public readonly scheduler?: ISchedulerCluster;
  /** The Kueue manifests, unless the scheduler is off. */
  public readonly kueue?: KueueManifests;
  public readonly guard?: PolicyGuard;

  /**
   * @param scope the app (the platform creates its stack under it)
   * @param id id of the stack
   */
  constructor(scope: Construct, id: string, props: Level3PlatformProps) {
    const stack = createPlatformStack(scope, id, props, 3);
    super(stack, 'platform');
    this.stack = stack;
    const where = this.node.path;
    const kit = props.kit;
    const cloud = kit.cloud;
    this.cloud = cloud;
    const name = namePrefix(props.name, id, where);
    if (name.length > 20) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `name "${name}" is longer than 20 characters, which the pool and cluster names built from it cannot take`, 'pass a shorter name (or id)');
    }
    const registryRole = props.registryRole ?? 'model-registry';
    const roles = props.objectTiers ?? LEVEL3_DEFAULT_ROLES;
    if (!roles.some((r) => (typeof r === 'string' ? r : r.role) === registryRole)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the object tiers have no ${registryRole} bucket for the capability registry`, `add '${registryRole}' to objectTiers, or set registryRole to one of them`);
    }
    const gpuSku = props.gpu?.sku ?? defaultSku(cloud, kit.region, 'gpu', where);
    const quantumSku = props.quantumSimulator?.sku ?? defaultSku(cloud, kit.region, 'quantum', where);
    const neuroSku = props.neuromorphicGrid?.sku ?? defaultSku(cloud, kit.region, 'neuromorphic', where);

    this.key = kit.createKey(this, 'key', `Platform key of Level 3 platform ${name}: storage, disks, cluster secrets and logs`);
    this.network = kit.createNetwork(this, 'network', {
      cidr: props.cidr,
      ...(props.zones ? { zones: props.zones } : {}),
      name,
      planes: ['training', 'inference', 'data', 'management', 'quantum', 'protected'],
      ...(props.egress ? { egress: props.egress } : {}),
      ...(props.addressSpace ? { addressSpace: props.addressSpace } : {}),
    });
    this.storage = kit.createStorage(this, 'storage', {
      network: this.network,
      key: this.key,
      name,
      objectTiers: roles,
      ...(props.protection ? { protection: props.protection } : {}),
      ...(props.uniqueSuffix ? { uniqueSuffix: props.uniqueSuffix } : {}),
    });

    const elastic: NodeCounts = { min: 0, desired: 0, max: 2 };
    const pool = (poolId: string, suffix: string, o: Level3PoolOptions | undefined, fixed: { sku: SkuInput; workload: 'training' | 'simulation'; plane: Plane; simulates?: SimulatedHardware }) => {
      const p = kit.createPool(this, poolId, {
        network: this.network,
        key: this.key,
        name: `${name}-${suffix}`,
        workload: fixed.workload,
        plane: fixed.plane,
        sku: fixed.sku,
        nodes: o?.nodes ?? elastic,
        ...(fixed.simulates ? { simulates: fixed.simulates } : {}),
        ...(o?.capacity ? { capacity: o.capacity } : {}),
        ...(o?.zones ? { zones: o.zones } : {}),
      });
      if (Construct.isConstruct(p)) tagPoolEnergy(p, p.capabilities);
      return p;
    };
    const gpu = pool('gpu', 'gpu', props.gpu, { sku: gpuSku, workload: 'training', plane: 'training' });
    const quantumSimulator = pool('quantum-simulator', 'qsim', props.quantumSimulator, { sku: quantumSku, workload: 'simulation', plane: 'quantum', simulates: 'quantum' });
    const neuromorphicGrid = pool('neuromorphic-grid', 'neuro', props.neuromorphicGrid, { sku: neuroSku, workload: 'simulation', plane: 'training', simulates: 'neuromorphic' });
    this.pools = { gpu, quantumSimulator, neuromorphicGrid };
    this.capabilities = [gpu.capabilities, quantumSimulator.capabilities, neuromorphicGrid.capabilities];

    const has = (rs: readonly DataRole[]) => rs.filter((r) => this.storage.roles.includes(r));
    const grant = (p: IAcceleratorPool, mode: 'read' | 'readWrite', rs: readonly DataRole[]) => {
      const present = has(rs);
      if (present.length === 0) return;
      if (mode === 'read') this.storage.grantRead(p, present);
      else this.storage.grantReadWrite(p, present);
    };
    grant(gpu, 'read', ['data-lake', 'feature-store', ...(registryRole === 'model-registry' ? [] : [registryRole])]);
    grant(gpu, 'readWrite', ['checkpoints', 'artifacts', 'model-registry']);
    for (const sim of [quantumSimulator, neuromorphicGrid]) {
      grant(sim, 'read', [registryRole]);
      grant(sim, 'readWrite', ['artifacts']);
    }

    if (props.quantumAccess !== false) this.quantumAccess = kit.createQuantumAccess(this, 'quantum', { ...props.quantumAccess, key: this.key });

    this.registry = new CapabilityRegistry(this, 'registry', {
      pools: [gpu, quantumSimulator, neuromorphicGrid],
      quantumAccess: this.quantumAccess ? [this.quantumAccess] : [],
      storage: this.storage,
      role: registryRole,
    });

    if (props.scheduler !== false) {
      const s = props.scheduler ?? {};
      this.scheduler = kit.createSchedulerCluster(this, 'scheduler', {
        network: this.network,
        key: this.key,
        name,
        pools: this.capabilities.map((c) => ({ capabilities: c, labels: nodeLabels(c), taints: nodeTaints(c) })),
      });
      this.kueue = new KueueManifestFiles(this, 'kueue', {
        registry: this.registry.document,
        ...(s.carbonAware !== undefined ? { carbonAware: s.carbonAware } : {}),
        ...(s.namespaces ? { namespaces: s.namespaces } : {}),
        ...(s.queueName ? { clusterQueue: s.queueName, localQueue: s.queueName } : {}),
      }).manifests;
    }

    this.guard = platformGuard(stack, props.policyGuard);
  }
}

/** The first candidate SKU of a class the catalog offers in the region. */
function defaultSku(cloud: Cloud, region: string, role: 'gpu' | 'quantum' | 'neuromorphic', where: string): string {
  const candidates = LEVEL3_DEFAULT_SKUS[cloud]?.[role] ?? [];
  const found = candidates.find((id) => findSku(id)?.regions.includes(region));
  if (found) return found;
  const prop = role === 'gpu' ? 'gpu' : role === 'quantum' ? 'quantumSimulator' : 'neuromorphicGrid';
  throw new AiraError(
    ErrorCodes.UNAVAILABLE_IN_REGION,
    where,
    `none of the default ${role} SKUs (${candidates.join(', ')}) is offered in ${region} according to the catalog`,
    `pass ${prop}: { sku: '<a SKU of ${region}>' } (aira catalog lists them)`,
  );
}
