/**
 * Kueue manifests from the capability registry: the workload manager of the Level 3 hybrid scheduler
 * is Kueue (kueue.sigs.k8s.io), an existing engine, not a home-made one. Pure: the same registry and
 * options give the same YAML bytes.
 *
 * - One `ResourceFlavor` per pool, selecting the pool's nodes by the labels and taints its node pool
 *   carries (`scheduling.ts`), so a job reaches a pool class only by tolerating its taint.
 * - One `ClusterQueue` whose single resource group lists every flavor, ordered by estimated carbon per
 *   node-hour when `carbonAware` is on (else by price per node-hour). Kueue tries flavors in that order
 *   and, with `whenCanPreempt: TryNextFlavor`, moves to the next one before preempting anything.
 * - One `LocalQueue` per job namespace, and the namespaces themselves.
 *
 * API: kueue.x-k8s.io/v1beta1 (kueue.sigs.k8s.io/docs/concepts/resource_flavor,
 * .../cluster_queue, .../local_queue).
 */
import { AiraError, ErrorCodes } from '../core/errors';
import { RegistryPool } from './registry';
import { CLASS_TAINT_KEY, flavorNodeLabels, labelValue } from './scheduling';
import { YamlValue, toYamlStream } from './yaml-emit';

/**
 * `apiVersion` of the generated ResourceFlavor, ClusterQueue and LocalQueue manifests: the Kueue API
 * version they are written against (kueue.sigs.k8s.io/docs/concepts/resource_flavor).
 */
export const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta1';

/** Options of the generated Kueue manifests. */
export interface KueueOptions {
  /** Order flavors by estimated gCO2e per node-hour (power x grid intensity), lowest first. @default false: by list price per node-hour */
  readonly carbonAware?: boolean;
  /** Name of the ClusterQueue. @default 'aira' */
  readonly clusterQueue?: string;
  /** Name of the LocalQueue in each namespace (jobs name it in `kueue.x-k8s.io/queue-name`). @default 'aira' */
  readonly localQueue?: string;
  /** Namespaces whose jobs may use the queue; each gets a LocalQueue. @default ['aira-jobs'] */
  readonly namespaces?: readonly string[];
}

/** The generated manifests. */
export interface KueueManifests {
  /** Flavor (pool) names in the order the ClusterQueue tries them. */
  readonly flavorOrder: readonly string[];
  /** What the order was decided by. */
  readonly orderedBy: 'carbon' | 'price';
  readonly namespaces: readonly YamlValue[];
  readonly resourceFlavors: readonly YamlValue[];
  readonly clusterQueue: YamlValue;
  readonly localQueues: readonly YamlValue[];
  /** File name (numbered in apply order) -> YAML text. */
  readonly files: Readonly<Record<string, string>>;
}

/** DNS-1123 label: what Kubernetes accepts as a namespace or object name. */
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The Kubernetes extended resource of a pool's accelerators, from each vendor's device plugin:
 * `nvidia.com/gpu` (github.com/NVIDIA/k8s-device-plugin), `amd.com/gpu` (github.com/ROCm/k8s-device-plugin),
 * `google.com/tpu` (cloud.google.com/kubernetes-engine/docs/how-to/tpus), `aws.amazon.com/neuron`
 * (awsdocs-neuron.readthedocs-hosted.com, Neuron device plugin). FPGA plugins differ per image: none.
 */
export function acceleratorResource(p: Pick<RegistryPool, 'family' | 'accelerators' | 'simulated'>): string | undefined {
  if (p.simulated || !p.accelerators) return undefined;
  if (p.family === 'gpu') return p.accelerators.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu';
  if (p.family === 'tpu') return 'google.com/tpu';
  if (p.family === 'trainium' || p.family === 'inferentia') return 'aws.amazon.com/neuron';
  return undefined;
}

/** Estimated gCO2e per node-hour at full load, or undefined when the region's grid is unknown. */
export function carbonPerNodeHour(p: RegistryPool): number | undefined {
  if (p.gridGco2PerKwh === null) return undefined;
  return Math.round((p.powerKwAtMax / p.nodes.max) * p.gridGco2PerKwh * 1000) / 1000;
}

/** List price per node-hour, or undefined when the catalog has none. */
export function pricePerNodeHour(p: RegistryPool): number | undefined {
  if (p.usdPerHourAtMax === null) return undefined;
  return Math.round((p.usdPerHourAtMax / p.nodes.max) * 10000) / 10000;
}

/** Compares two optional figures: known before unknown, then lower first. */
function lowFirst(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a - b;
}

function checkName(kind: string, name: string, where: string): string {
  if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
    throw new AiraError(ErrorCodes.INVALID_NAME, where, `${kind} ${JSON.stringify(name)} is not a Kubernetes name (at most 63 lowercase letters, digits and -, alphanumeric at both ends)`, `use a name such as "aira-jobs"`);
  }
  return name;
}

/**
 * Generates the Kueue manifests of one cluster's pools (one stack of the registry).
 *
 * Throws AIRA_E_MISSING_PROP for no pools or a pool whose node size the catalog does not know,
 * AIRA_E_INVALID_PROP for pools of several stacks (one cluster per stack), and AIRA_E_INVALID_NAME for
 * names Kubernetes refuses.
 *
 * @param where construct path or input name for errors
 */
export function kueueManifests(pools: readonly RegistryPool[], options: KueueOptions = {}, where = 'kueue'): KueueManifests {
  if (!Array.isArray(pools) || pools.length === 0) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no pools to make Kueue flavors of', 'build the manifests from a registry with at least one pool');
  const stacks = [...new Set(pools.map((p) => p.stack))].sort();
  if (stacks.length > 1) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the pools belong to ${stacks.length} stacks (${stacks.join(', ')}), and a ClusterQueue serves one cluster`, 'generate the manifests per stack: registry.pools.filter((p) => p.stack === "<stack>")');
  }
  const carbonAware = options.carbonAware ?? false;
  if (typeof carbonAware !== 'boolean') throw new AiraError(ErrorCodes.INVALID_PROP, where, `carbonAware ${JSON.stringify(carbonAware)} is not true or false`, 'pass carbonAware: true to order flavors by carbon intensity');
  const cq = checkName('ClusterQueue name', options.clusterQueue ?? 'aira', where);
  const lq = checkName('LocalQueue name', options.localQueue ?? 'aira', where);
  const namespaces = [...new Set(options.namespaces ?? ['aira-jobs'])].map((n) => checkName('namespace', n, where)).sort();
  if (namespaces.length === 0) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no namespaces', 'name at least one namespace for the jobs');

  for (const p of pools) {
    checkName('pool name', p.name, where);
    if (!p.node) {
      throw new AiraError(ErrorCodes.MISSING_PROP, where, `pool ${p.name} has SKU ${p.sku}, whose vCPUs and memory the catalog does not list, so its quota is unknown`, 'use a catalog SKU for scheduler pools (aira catalog lists them)');
    }
  }

  const byName = (a: RegistryPool, b: RegistryPool) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const ordered = [...pools].sort((a, b) =>
    carbonAware
      ? lowFirst(carbonPerNodeHour(a), carbonPerNodeHour(b)) || lowFirst(pricePerNodeHour(a), pricePerNodeHour(b)) || byName(a, b)
      : lowFirst(pricePerNodeHour(a), pricePerNodeHour(b)) || lowFirst(carbonPerNodeHour(a), carbonPerNodeHour(b)) || byName(a, b),
  );

  // Every flavor of a resource group lists every covered resource (Kueue's rule), so the group covers
  // cpu, memory and each accelerator resource any pool has; pools without one get a zero quota.
  const accel = [...new Set(ordered.map(acceleratorResource).filter((r): r is string => r !== undefined))].sort();
  const covered = ['cpu', 'memory', ...accel];

  const resourceFlavors: YamlValue[] = ordered.map((p) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: {
      name: p.name,
      labels: {
        'app.kubernetes.io/managed-by': 'aira-constructs',
        'aira.io/accelerator': p.class,
        ...(p.simulated ? { 'aira.io/simulated': 'true' } : {}),
      },
      annotations: {
        'aira.io/sku': p.sku,
        'aira.io/gco2-per-node-hour': String(carbonPerNodeHour(p) ?? 'unknown'),
        'aira.io/usd-per-node-hour': String(pricePerNodeHour(p) ?? 'unknown'),
      },
    },
    spec: {
      nodeLabels: flavorNodeLabels({ name: p.name, family: p.family, simulates: p.simulates ?? undefined }),
      nodeTaints: [{ key: CLASS_TAINT_KEY, value: p.class, effect: 'NoSchedule' }],
    },
  }));

  const quota = (p: RegistryPool, resource: string): string | number => {
    const n = p.nodes.max;
    if (resource === 'cpu') return p.node!.vcpu * n;
    if (resource === 'memory') return `${p.node!.memoryGib * n}Gi`;
    return acceleratorResource(p) === resource ? p.accelerators!.count * n : 0;
  };
  const clusterQueue: YamlValue = {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ClusterQueue',
    metadata: {
      name: cq,
      labels: { 'app.kubernetes.io/managed-by': 'aira-constructs' },
      annotations: { 'aira.io/flavor-order': carbonAware ? 'carbon' : 'price', 'aira.io/stack': labelValue(stacks[0]) },
    },
    spec: {
      // Only the job namespaces may submit: a namespace outside the list gets no quota.
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: namespaces }] },
      queueingStrategy: 'BestEffortFIFO',
      flavorFungibility: { whenCanBorrow: 'Borrow', whenCanPreempt: 'TryNextFlavor' },
      preemption: { reclaimWithinCohort: 'Never', withinClusterQueue: 'LowerPriority' },
      resourceGroups: [
        {
          coveredResources: covered,
          flavors: ordered.map((p) => ({ name: p.name, resources: covered.map((r) => ({ name: r, nominalQuota: quota(p, r) })) })),
        },
      ],
    },
  };
  const localQueues: YamlValue[] = namespaces.map((ns) => ({
    apiVersion: KUEUE_API_VERSION,
    kind: 'LocalQueue',
    metadata: { name: lq, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'aira-constructs' } },
    spec: { clusterQueue: cq },
  }));
  const namespaceDocs: YamlValue[] = namespaces.map((ns) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      // Jobs run as restricted pods (kubernetes.io/docs/concepts/security/pod-security-admission).
      labels: { 'app.kubernetes.io/managed-by': 'aira-constructs', 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  }));

  return {
    flavorOrder: ordered.map((p) => p.name),
    orderedBy: carbonAware ? 'carbon' : 'price',
    namespaces: namespaceDocs,
    resourceFlavors,
    clusterQueue,
    localQueues,
    files: {
      '00-namespaces.yaml': toYamlStream(namespaceDocs),
      '10-resource-flavors.yaml': toYamlStream(resourceFlavors),
      '20-cluster-queue.yaml': toYamlStream([clusterQueue]),
      '30-local-queues.yaml': toYamlStream(localQueues),
    },
  };
}
