/**
 * The compute capability registry of the reference architecture's Level 3: one JSON document listing
 * every pool's capabilities (SKU, accelerators, fabric, bandwidth, capacity mode, region, zones,
 * plane, price, power, grid carbon, simulated or real), so a scheduler can choose where a job runs.
 *
 * Pure: built from `PoolCapabilities`, no provider, no clock, no randomness. The same pools give the
 * same bytes. The shape is `schemas/aira-registry.schema.json` (JSON Schema draft 2020-12).
 */
import { findSku } from '../core/catalog/lookup';
import { AcceleratorFamily, Cloud, Fabric } from '../core/catalog/types';
import { CapacitySpec, PoolCapabilities, SimulatedHardware, WorkloadKind } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { Plane } from '../core/planes';

/** Version of the registry document's shape. Raised on any change a reader could notice. */
export const REGISTRY_VERSION = 1;
/** The `$schema` id the document names. */
export const REGISTRY_SCHEMA_ID = 'https://github.com/aira-constructs/aira-constructs/schemas/aira-registry.schema.json';
/** File name of the app-wide registry in the synth output folder (`cdktf.out/aira-registry.json`). */
export const REGISTRY_FILE = 'aira-registry.json';
/** Object key of a platform's registry in its registry bucket. */
export const REGISTRY_OBJECT_KEY = 'aira/capability-registry.json';

/**
 * The class a pool offers to jobs: the accelerator family for real hardware, and the simulated
 * hardware for simulator pools (which run on CPUs). Kueue flavors, node labels and taints use it.
 */
export type PoolClass = AcceleratorFamily | 'quantum-simulator' | 'neuromorphic-simulator';

/** The class of a pool's capabilities. */
export function poolClassOf(c: Pick<PoolCapabilities, 'family' | 'simulates'>): PoolClass {
  return c.simulates ? `${c.simulates}-simulator` : c.family;
}

/** One pool in the registry. Absent facts are `null`, never left out, so readers see the gap. */
export interface RegistryPool {
  /** Stack (Terraform root module) the pool is in. */
  readonly stack: string;
  /** Pool name, unique in its stack. */
  readonly name: string;
  readonly class: PoolClass;
  readonly cloud: Cloud;
  readonly region: string;
  readonly zones: readonly string[];
  readonly plane: Plane;
  readonly workload: WorkloadKind;
  /** True when the pool simulates hardware no public cloud offers (CPU nodes). */
  readonly simulated: boolean;
  readonly simulates: SimulatedHardware | null;
  readonly sku: string;
  /** Whether the SKU's facts come from the catalog (false: a user-named SKU with given facts). */
  readonly listed: boolean;
  readonly family: AcceleratorFamily;
  readonly accelerators: { readonly vendor: string; readonly model: string; readonly count: number; readonly memoryGb: number } | null;
  /** vCPUs and memory of one node, from the catalog (null when the SKU is not listed). */
  readonly node: { readonly vcpu: number; readonly memoryGib: number } | null;
  readonly fabric: Fabric;
  readonly networkGbps: number;
  readonly capacityMode: CapacitySpec['kind'];
  readonly placement: 'cluster' | 'none';
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly tpuTopology: string | null;
  /** On-demand list price of the pool at max size, USD per hour. */
  readonly usdPerHourAtMax: number | null;
  /** Nominal power at max size, kW. */
  readonly powerKwAtMax: number;
  /** Location-based grid intensity of the region, gCO2e per kWh. */
  readonly gridGco2PerKwh: number | null;
  /** Estimated emissions at max size and full load, kg CO2e per hour (power x grid intensity). */
  readonly kgCo2PerHourAtMax: number | null;
}

/** Quantum access of a stack, as the registry lists it. */
export interface RegistryQuantumAccess {
  readonly stack: string;
  readonly cloud: Cloud;
  readonly description: string;
}

/** The registry document. */
export interface RegistryDocument {
  readonly $schema: string;
  readonly version: number;
  readonly generator: 'aira-constructs';
  /** How the estimates were made, so no reader takes them for measurements. */
  readonly basis: { readonly power: string; readonly carbon: string; readonly price: string };
  /** Stacks the document covers, sorted. */
  readonly stacks: readonly string[];
  /** Pools, sorted by stack then name. */
  readonly pools: readonly RegistryPool[];
  /** Quantum access per stack, sorted by stack then cloud. */
  readonly quantumAccess: readonly RegistryQuantumAccess[];
}

/** The pools of one stack, as the registry builder takes them. */
export interface RegistryStackInput {
  readonly stack: string;
  readonly pools: readonly PoolCapabilities[];
  /** Quantum access of the stack, listed in the registry's `quantumAccess`. @default none: the stack lists no quantum access */
  readonly quantumAccess?: ReadonlyArray<{ readonly cloud: Cloud; readonly description: string }>;
}

const BASIS = {
  power: 'nominal full-load draw per node from the catalog (published system maxima or estimates from parts), times max nodes',
  carbon: 'location-based average grid intensity of the region (see the catalog source per region), times power at max size',
  price: 'on-demand list price per node-hour in the catalog reference region, times max nodes; discounts and reservations not applied',
};

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function entry(stack: string, c: PoolCapabilities): RegistryPool {
  const spec = c.listed ? findSku(c.sku) : undefined;
  const carbon = c.gridGco2PerKwh === undefined ? null : round((c.powerKwAtMax * c.gridGco2PerKwh) / 1000);
  // Keys in one fixed order: JSON.stringify keeps insertion order, so the bytes are stable.
  return {
    stack,
    name: c.name,
    class: poolClassOf(c),
    cloud: c.cloud,
    region: c.region,
    zones: [...c.zones],
    plane: c.plane,
    workload: c.workload,
    simulated: c.simulates !== undefined,
    simulates: c.simulates ?? null,
    sku: c.sku,
    listed: c.listed,
    family: c.family,
    accelerators: c.accelerator ? { vendor: c.accelerator.vendor, model: c.accelerator.model, count: c.accelerator.count, memoryGb: c.accelerator.memoryGb } : null,
    node: spec ? { vcpu: spec.vcpu, memoryGib: spec.memoryGib } : null,
    fabric: c.fabric,
    networkGbps: c.networkGbps,
    capacityMode: c.capacityMode,
    placement: c.placement,
    nodes: { min: c.nodes.min, desired: c.nodes.desired, max: c.nodes.max },
    tpuTopology: c.tpuTopology ?? null,
    usdPerHourAtMax: c.usdPerHourAtMax ?? null,
    powerKwAtMax: c.powerKwAtMax,
    gridGco2PerKwh: c.gridGco2PerKwh ?? null,
    kgCo2PerHourAtMax: carbon,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the registry document of one or more stacks. Stacks, pools and quantum access come out
 * sorted (by stack, then pool name), whatever order they were given in.
 *
 * Throws AIRA_E_INVALID_NAME for a stack name Terraform cannot use as a folder, and
 * AIRA_E_INVALID_PROP for a stack given twice or two pools of one name in a stack.
 *
 * @param where construct path or input name for errors
 */
export function buildRegistry(stacks: readonly RegistryStackInput[], where = 'registry'): RegistryDocument {
  const seen = new Set<string>();
  const pools: RegistryPool[] = [];
  const quantum: RegistryQuantumAccess[] = [];
  for (const s of stacks) {
    if (typeof s?.stack !== 'string' || !STACK_NAME.test(s.stack)) {
      throw new AiraError(ErrorCodes.INVALID_NAME, where, `stack name ${JSON.stringify(s?.stack)} is not a folder name (letters, digits, - and _)`, 'pass the stack id the pools were built in');
    }
    if (seen.has(s.stack)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `stack ${s.stack} is given twice`, 'merge its pools into one entry');
    seen.add(s.stack);
    const names = new Set<string>();
    for (const c of s.pools ?? []) {
      if (names.has(c.name)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `pool name ${c.name} is used twice in stack ${s.stack}`, 'give each pool of a stack its own name');
      names.add(c.name);
      pools.push(entry(s.stack, c));
    }
    for (const q of s.quantumAccess ?? []) quantum.push({ stack: s.stack, cloud: q.cloud, description: q.description });
  }
  pools.sort((a, b) => byText(a.stack, b.stack) || byText(a.name, b.name));
  quantum.sort((a, b) => byText(a.stack, b.stack) || byText(a.cloud, b.cloud) || byText(a.description, b.description));
  return {
    $schema: REGISTRY_SCHEMA_ID,
    version: REGISTRY_VERSION,
    generator: 'aira-constructs',
    basis: BASIS,
    stacks: [...seen].sort(byText),
    pools,
    quantumAccess: quantum,
  };
}

/** The document as the bytes written to files and buckets: two-space JSON and a final newline. */
export function registryJson(doc: RegistryDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Merges the documents of several platforms into one (the app-wide registry). */
export function mergeRegistries(docs: readonly RegistryDocument[], where = 'registry'): RegistryDocument {
  const byStack = new Map<string, { pools: RegistryPool[]; quantum: RegistryQuantumAccess[] }>();
  for (const d of docs) {
    for (const s of d.stacks) if (!byStack.has(s)) byStack.set(s, { pools: [], quantum: [] });
    for (const p of d.pools) byStack.get(p.stack)?.pools.push(p);
    for (const q of d.quantumAccess) byStack.get(q.stack)?.quantum.push(q);
  }
  const pools: RegistryPool[] = [];
  const quantum: RegistryQuantumAccess[] = [];
  for (const [stack, v] of byStack) {
    const names = new Set<string>();
    for (const p of v.pools) {
      // Two registries in one stack may list the same pool (the same construct): keep one.
      if (names.has(p.name)) {
        if (JSON.stringify(pools.find((x) => x.stack === stack && x.name === p.name)) === JSON.stringify(p)) continue;
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `pool name ${p.name} is used twice in stack ${stack} with different capabilities`, 'give each pool of a stack its own name');
      }
      names.add(p.name);
      pools.push(p);
    }
    for (const q of v.quantum) if (!quantum.some((x) => JSON.stringify(x) === JSON.stringify(q))) quantum.push(q);
  }
  pools.sort((a, b) => byText(a.stack, b.stack) || byText(a.name, b.name));
  quantum.sort((a, b) => byText(a.stack, b.stack) || byText(a.cloud, b.cloud) || byText(a.description, b.description));
  return { $schema: REGISTRY_SCHEMA_ID, version: REGISTRY_VERSION, generator: 'aira-constructs', basis: BASIS, stacks: [...byStack.keys()].sort(byText), pools, quantumAccess: quantum };
}
