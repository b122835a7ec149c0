import type { SkuSpec } from '../core/catalog/types';
import type { CapacityPreference, Rejection, RejectionKind } from './types';

/** One broken constraint of a candidate. */
export interface Violation {
  readonly kind: RejectionKind;
  /**
   * How far off, for ranking the nearest options: the relative shortfall or excess for numeric limits
   * (0.1 = 10 % over), 1 for a yes/no constraint.
   */
  readonly excess: number;
  /** One clause a person reads, e.g. `$440.32/h over the $400/h cap`. */
  readonly text: string;
  /** Relaxing the demand cannot cure it (retired, unpriced): never offered as a nearest option. */
  readonly fatal?: boolean;
}

/** A SKU in one region, as the optimizer sees it for one demand. */
export interface Candidate {
  readonly sku: SkuSpec;
  readonly region: string;
  readonly zones: readonly string[];
  readonly nodes: number;
  readonly nodesPerZone: number;
  readonly usdPerHour: number;
  readonly kw: number;
  /** Grid intensity, null when unknown. */
  readonly gco2PerKwh: number | null;
  /** Carbon cost in the score, USD per hour. */
  readonly carbonUsdPerHour: number;
  readonly score: number;
  readonly violations: readonly Violation[];
}

/** Kinds that depend on the region rather than on the SKU alone. */
const REGIONAL: ReadonlySet<RejectionKind> = new Set(['residency', 'zones', 'carbon-unknown', 'carbon-cap']);

export const usd = (x: number): string => `$${x.toFixed(2)}/h`;
const gco2 = (c: Candidate): string => (c.gco2PerKwh === null ? 'intensity unknown' : `${c.gco2PerKwh} gCO2e/kWh`);
const where = (c: Candidate): string => `${c.sku.id} in ${c.sku.cloud} ${c.region}`;

/** The figures of a candidate in one parenthesis: cost, carbon, score. */
export function figures(c: Candidate): string {
  return `${usd(c.usdPerHour)}, ${gco2(c)}, score ${c.score.toFixed(2)}`;
}

/** How the node count was derived. */
export function sizing(c: Candidate, count: number, unit: 'accelerators' | 'nodes'): string {
  const per = c.sku.accelerator?.count ?? 0;
  const base = unit === 'nodes' ? `${count} nodes asked` : `${count} accelerators / ${per} per node`;
  const zones = c.zones.length;
  return `${base} -> ${c.nodes} nodes${zones > 1 ? ` (${c.nodesPerZone} in each of ${zones} zones)` : ''}`;
}

/**
 * Why the chosen candidate won: what it is, its figures, how it was sized, and the runner-up (the best
 * feasible option on another SKU or, failing that, in another region).
 */
export function reasonFor(chosen: Candidate, feasible: readonly Candidate[], count: number, unit: 'accelerators' | 'nodes', mode: CapacityPreference): string {
  const s = chosen.sku;
  const acc = s.accelerator ? `${s.accelerator.count}x ${s.accelerator.model} ${s.accelerator.memoryGb} GB` : `${s.vcpu} vCPU`;
  const runnerUp = feasible.find((c) => c.sku.id !== s.id) ?? feasible.find((c) => c !== chosen);
  const parts = [
    `${where(chosen)} (${acc}, ${s.fabric} ${s.networkGbps} Gbps, ${mode}) has the lowest score of ${feasible.length} feasible option${feasible.length === 1 ? '' : 's'}: ${figures(chosen)}`,
    sizing(chosen, count, unit),
  ];
  if (runnerUp) parts.push(`runner-up ${where(runnerUp)} (${figures(runnerUp)})`);
  return `${parts.join('; ')}.`;
}

/**
 * One SKU's rejection: `outscored` with its best feasible region when it had one, else the constraints
 * its nearest region breaks. `candidates` are all of the SKU's regions; `best` ranks them.
 */
export function rejectionFor(candidates: readonly Candidate[], chosen: Candidate): Rejection {
  const sku = candidates[0].sku;
  const feasible = candidates.filter((c) => c.violations.length === 0);
  if (feasible.length > 0) {
    const best = feasible[0];
    return { cloud: sku.cloud, sku: sku.id, region: best.region, kinds: ['outscored'], detail: `feasible but scored worse: best ${best.region} (${figures(best)}), chosen score ${chosen.score.toFixed(2)}` };
  }
  const nearest = candidates[0];
  const regional = nearest.violations.some((v) => REGIONAL.has(v.kind));
  return {
    cloud: sku.cloud,
    sku: sku.id,
    ...(regional ? { region: nearest.region } : {}),
    kinds: nearest.violations.map((v) => v.kind),
    detail: `${regional ? `nearest region ${nearest.region}: ` : ''}${nearest.violations.map((v) => v.text).join('; ')}`,
  };
}

/** One nearest option of an infeasible demand, for the error message. */
export function nearestLine(c: Candidate, i: number): string {
  return `(${i + 1}) ${where(c)} at ${usd(c.usdPerHour)}: ${c.violations.map((v) => v.text).join('; ')}`;
}

/** The fix of an infeasible demand: relax what its nearest options break. */
export function relaxHint(nearest: readonly Candidate[]): string {
  const kinds = [...new Set(nearest.flatMap((c) => c.violations.map((v) => v.kind)))];
  const field: Partial<Record<RejectionKind, string>> = {
    'cloud-not-allowed': 'clouds',
    'model-mismatch': 'accelerator (name the family instead of a model)',
    memory: 'minAcceleratorMemoryGb',
    interconnect: 'minInterconnectGbps',
    'placement-limit': 'count or zones',
    budget: 'maxUsdPerHour',
    residency: 'residency',
    zones: 'zones',
    'carbon-unknown': 'maxGco2PerKwh or residency',
    'carbon-cap': 'maxGco2PerKwh',
  };
  return `relax ${kinds.map((k) => field[k] ?? k).join(', ')} so that one of the nearest options fits, or change the accelerator`;
}
