/**
 * Pure helpers of Level4Platform: how a placement of the topology optimizer becomes the props of one
 * accelerator pool (name, workload, node counts, capacity, placement, TPU slice).
 */
import { findSku } from '../core/catalog/lookup';
import { AcceleratorFamily } from '../core/catalog/types';
import { AcceleratorPoolProps, CapacitySpec, NodeCounts, WorkloadKind } from '../core/compute';
import { WeeklyDemandProfile } from '../core/demand';
import { AiraError, ErrorCodes } from '../core/errors';
import { shortHash } from '../core/naming';
import { Plane } from '../core/planes';
import { SafetyAlarmOptions } from '../core/safety';
import { Placement, WorkloadDemand } from '../placement/types';

/** A workload demand of a Level 4 platform: what the optimizer reads, plus how to run the pool it gets. */
export interface Level4Demand extends WorkloadDemand {
  /** What the pool runs (sets its plane). @default 'inference' for Inferentia, 'preprocessing' for CPU, 'training' otherwise */
  readonly workload?: WorkloadKind;
  /** Plane of the pool. @default the workload's plane */
  readonly plane?: Plane;
  /**
   * Weekly demand: the pool's autoscaling manager scales to each window's node count ahead of it
   * (predictive provisioning) and back to `baselineNodes` after. With a profile the pool's nodes are
   * `{ min: 0, desired: baselineNodes ?? 0, max: <planned nodes> }`, so windows may ask for at most the
   * planned node count. @default none: the pool stays at the planned node count
   */
  readonly demandProfile?: WeeklyDemandProfile;
  /**
   * The reservation a `capacity: 'reservation'` demand targets (AWS ODCR id or resource group ARN, Azure
   * capacity reservation group id, Google reservation name). Required with that capacity: the
   * optimizer chooses where, not which reservation you hold. @default none
   */
  readonly reservation?: { readonly id?: string; readonly groupId?: string; readonly placementGroup?: string };
  /** TPU slice topology, for demands placed on TPUs. @default a balanced power-of-two shape for the planned chips (2x2x1, 2x2x2, 2x2x4, 2x4, 4x4, ...) */
  readonly tpuTopology?: string;
  /** Safety alarm thresholds of the pool (merged over the platform's). @default the documented thresholds */
  readonly alarms?: SafetyAlarmOptions;
}

/** Keys of `Level4Demand` the optimizer does not read. */
const POOL_KEYS = ['workload', 'plane', 'demandProfile', 'reservation', 'tpuTopology', 'alarms'] as const;

/** The demand as the optimizer takes it (pool-only fields dropped). */
export function optimizerDemand(d: Level4Demand): WorkloadDemand {
  const copy: Record<string, unknown> = { ...d };
  for (const k of POOL_KEYS) delete copy[k];
  return copy as unknown as WorkloadDemand;
}

/** The workload a family runs unless the demand says otherwise. */
export function defaultWorkload(family: AcceleratorFamily): WorkloadKind {
  if (family === 'inferentia') return 'inference';
  if (family === 'cpu') return 'preprocessing';
  return 'training';
}

/**
 * Pool names (the strictest rule they meet: a letter first, at most 30 letters, digits and `-`):
 * `<prefix>-<demand id>`, shortened with a hash when too long, and made unique within a stack.
 */
export function poolNames(prefix: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const slug = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
    let name = `${prefix}-${slug}`.replace(/-+$/, '');
    if (name.length > 30) name = `${name.slice(0, 23).replace(/-+$/, '')}-${shortHash(id)}`;
    if (taken.has(name)) name = `${name.slice(0, 23).replace(/-+$/, '')}-${shortHash(`${id}/${out.size}`)}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

/**
 * A balanced power-of-two slice for a chip count, in the shapes GKE lists: 3-D (v4, v5p) `2x2x1`,
 * `2x2x2`, `2x2x4`, `2x4x4`, `4x4x4`, ...; 2-D (v5e, v6e) `2x2`, `2x4`, `4x4`, `4x8`, ...
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-tpus). Undefined when the count is
 * not a power of two.
 */
export function balancedTopology(chips: number, dims: 2 | 3): string | undefined {
  if (!Number.isInteger(chips) || chips < 1 || (chips & (chips - 1)) !== 0) return undefined;
  const e = Math.log2(chips);
  const base = Math.floor(e / dims);
  const rem = e % dims;
  // The extra factors of two go to the last dimensions (2x2x4), except on a slice smaller than one
  // cube, where GKE writes the ones last (2x2x1).
  const exps = Array.from({ length: dims }, (_, i) => base + (base === 0 ? (i < rem ? 1 : 0) : i >= dims - rem ? 1 : 0));
  return exps.map((x) => 2 ** x).join('x');
}

function capacityOf(p: Placement, d: Level4Demand, where: string): CapacitySpec {
  if (p.capacityMode === 'spot') return { kind: 'spot' };
  if (p.capacityMode === 'reservation') {
    const r = d.reservation;
    if (!r || (!r.id && !r.groupId)) {
      throw new AiraError(ErrorCodes.MISSING_PROP, where, `demand "${d.id}" asks for reserved capacity, and the plan puts it on ${p.cloud} ${p.region}, but names no reservation`, 'add reservation: { id } (or { groupId }) of a reservation you hold there, or use capacity on-demand or spot');
    }
    return { kind: 'reservation', ...(r.id ? { id: r.id } : {}), ...(r.groupId ? { groupId: r.groupId } : {}), ...(r.placementGroup ? { placementGroup: r.placementGroup } : {}) };
  }
  return { kind: 'on-demand' };
}

/** Pool props of one placement, without the network, key and name (the platform adds them). */
export function poolPropsOf(p: Placement, d: Level4Demand, zones: readonly string[], alarms: SafetyAlarmOptions | undefined, where: string): Omit<AcceleratorPoolProps, 'network' | 'name'> {
  const spec = findSku(p.sku);
  let tpuTopology = d.tpuTopology;
  if (p.family === 'tpu' && tpuTopology === undefined && spec?.tpu) {
    const chips = p.nodes * spec.tpu.chipsPerHost;
    tpuTopology = balancedTopology(chips, spec.tpu.dims);
    if (!tpuTopology) {
      throw new AiraError(ErrorCodes.TPU_TOPOLOGY, where, `demand "${d.id}" is planned as ${chips} ${spec.tpu.version} chips, which is no balanced power-of-two slice`, 'set tpuTopology on the demand (for example "2x2x4"), or ask for a power-of-two chip count');
    }
  }
  const nodes: NodeCounts = d.demandProfile ? { min: 0, desired: d.demandProfile.baselineNodes ?? 0, max: p.nodes } : p.nodes;
  const merged = alarms || d.alarms ? { ...alarms, ...d.alarms } : undefined;
  return {
    sku: p.sku,
    nodes,
    workload: d.workload ?? defaultWorkload(p.family),
    ...(d.plane ? { plane: d.plane } : {}),
    zones,
    capacity: capacityOf(p, d, where),
    // Cluster placement keeps nodes in one zone; a pool spread over zones for resilience takes none.
    ...(zones.length > 1 ? { placement: 'none' as const } : {}),
    ...(tpuTopology ? { tpuTopology } : {}),
    ...(d.demandProfile ? { demandProfile: d.demandProfile } : {}),
    ...(merged ? { alarms: merged } : {}),
  };
}
