/**
 * The estimate of each pool and each stack: on-demand cost, energy and emissions at the pools' maximum
 * sizes, from the catalog's dated list prices, nominal power figures and grid intensities. Every figure
 * carries its source and date; a figure that cannot be computed is `unknown` with the reason, never 0.
 */
import { GridIntensity, gridIntensity } from '../../core/catalog/grid-carbon';
import { Cloud } from '../../core/catalog/types';
import { RuleContext } from '../types';
import { Found, PoolFacts, SkippedPool, findPools } from './pools';

/** Hours in the month the estimates use: 365 days x 24 hours / 12, the convention of cloud price lists. */
export const HOURS_PER_MONTH = 730;

/** A figure the estimate could not compute. */
export interface UnknownFigure {
  readonly known: false;
  /** Why: a value known only after apply, a SKU or region the catalog lacks, a SKU without a public price. */
  readonly reason: string;
}

/** On-demand cost of a pool at its maximum size. */
export interface CostFigure {
  readonly known: true;
  readonly usdPerHour: number;
  /** `usdPerHour` x 730 hours. */
  readonly usdPerMonth: number;
  /** The list price of one node-hour. */
  readonly unitUsdPerHour: number;
  /** The region the list price is for (the catalog's reference region, not necessarily the pool's). */
  readonly priceRegion: string;
  readonly asOf: string;
  readonly source: string;
}

/** Energy a pool draws at its maximum size, at each node's nominal full-load power. */
export interface EnergyFigure {
  readonly known: true;
  /** kWh drawn per hour (= kW) by all nodes at full load. */
  readonly kwhPerHour: number;
  readonly kwPerNode: number;
  /** How the power figure was derived (a published system maximum, or an estimate from parts). */
  readonly basis: string;
  readonly asOf: string;
  readonly source: string;
}

/** Emissions of a pool at its maximum size: its energy times the region's grid intensity. */
export interface EmissionsFigure {
  readonly known: true;
  readonly kgCo2ePerHour: number;
  readonly gco2PerKwh: number;
  /** The region whose grid intensity is used. */
  readonly region: string;
  readonly asOf: string;
  readonly source: string;
}

/** The estimate of one pool. */
export interface PoolEstimate {
  readonly address: string;
  readonly resourceType: string;
  readonly cloud: Cloud;
  /** The SKU id. @default none (left out): unknown, see `skuReason` */
  readonly sku?: string;
  /** Why the SKU is unknown. @default none (left out): the SKU is known */
  readonly skuReason?: string;
  /** The SKU's accelerator family from the catalog. @default none (left out): the SKU is not in the catalog */
  readonly family?: string;
  /** @default none (left out): unknown, see `regionReason` */
  readonly region?: string;
  /** Why the region is unknown. @default none (left out): the region is known */
  readonly regionReason?: string;
  /** The largest node count. @default none (left out): unknown, see `maxNodesReason` */
  readonly maxNodes?: number;
  /** The attribute the maximum was read from. @default none (left out): the maximum is unknown */
  readonly maxNodesFrom?: string;
  /** Why the maximum is unknown. @default none (left out): the maximum is known */
  readonly maxNodesReason?: string;
  readonly cost: CostFigure | UnknownFigure;
  readonly energy: EnergyFigure | UnknownFigure;
  readonly emissions: EmissionsFigure | UnknownFigure;
}

/** A sum over pools: the known part, and the pools whose figure is unknown (then the sum is a lower bound). */
export interface Total {
  readonly value: number;
  /** Addresses of pools whose figure is unknown, sorted. Empty: the total is complete. */
  readonly unknownPools: readonly string[];
}

/** The totals of a stack, at every pool's maximum size. */
export interface StackTotals {
  readonly usdPerHour: Total;
  readonly usdPerMonth: Total;
  readonly kwhPerHour: Total;
  readonly kgCo2ePerHour: Total;
}

/** The estimate of one input (a synthesized stack, a plan or a state). */
export interface StackFigures {
  /** The pools, sorted by address. */
  readonly pools: readonly PoolEstimate[];
  /** Resources of pool types that are not estimated (not accelerator SKUs, deleted by the plan), and why. */
  readonly skipped: readonly SkippedPool[];
  readonly totals: StackTotals;
}

// Float noise (55.04 * 4 * 730 = 160716.80000000002) must not reach reports or budget comparisons.
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const unknown = (reason: string): UnknownFigure => ({ known: false, reason });

/** The estimate of one pool from its facts. */
export function estimatePool(p: PoolFacts): PoolEstimate {
  const nodes = p.maxNodes;
  const base = {
    address: p.address,
    resourceType: p.resourceType,
    cloud: p.cloud,
    ...(p.sku.ok ? { sku: p.sku.value } : { skuReason: p.sku.reason }),
    ...(p.spec ? { family: p.spec.family } : {}),
    ...(p.region.ok ? { region: p.region.value } : { regionReason: p.region.reason }),
    ...(nodes.ok ? { maxNodes: nodes.value, maxNodesFrom: nodes.from } : { maxNodesReason: nodes.reason }),
  };
  const missing = reasons(p.sku, p.sku.ok && !p.spec ? { ok: false, reason: `the catalog does not know ${p.sku.value}` } : p.sku, nodes);
  let cost: CostFigure | UnknownFigure;
  let energy: EnergyFigure | UnknownFigure;
  if (missing || !p.spec || !nodes.ok) {
    cost = energy = unknown(missing ?? 'no catalog entry');
  } else {
    const price = p.spec.price;
    const n = nodes.value;
    cost = price
      ? { known: true, usdPerHour: round(price.usdPerHour * n), usdPerMonth: round(price.usdPerHour * n * HOURS_PER_MONTH), unitUsdPerHour: price.usdPerHour, priceRegion: price.region, asOf: price.asOf, source: price.source }
      : unknown(`the catalog has no public on-demand price for ${p.spec.id}`);
    const power = p.spec.power;
    energy = { known: true, kwhPerHour: round(power.kw * n), kwPerNode: power.kw, basis: power.basis, asOf: power.asOf, source: power.source };
  }
  return { ...base, cost, energy, emissions: emissions(p, energy) };
}

function emissions(p: PoolFacts, energy: EnergyFigure | UnknownFigure): EmissionsFigure | UnknownFigure {
  if (!energy.known) return unknown(energy.reason);
  if (!p.region.ok) return unknown(p.region.reason);
  const g: GridIntensity | undefined = gridIntensity(p.cloud, p.region.value);
  if (!g) return unknown(`the catalog has no grid intensity for ${p.cloud} ${p.region.value}`);
  return { known: true, kgCo2ePerHour: round((energy.kwhPerHour * g.gco2PerKwh) / 1000), gco2PerKwh: g.gco2PerKwh, region: g.region, asOf: g.asOf, source: g.source };
}

/** Every distinct reason among the values not found, joined; undefined when all were found. */
function reasons(...found: ReadonlyArray<Found<unknown>>): string | undefined {
  const list = [...new Set(found.flatMap((f) => (f.ok ? [] : [f.reason])))];
  return list.length ? list.join('; ') : undefined;
}

/** Sums one figure over pools. */
export function total<F extends { known: boolean }>(pools: readonly PoolEstimate[], pick: (p: PoolEstimate) => F | UnknownFigure, value: (f: F) => number): Total {
  let sum = 0;
  const unknownPools: string[] = [];
  for (const p of pools) {
    const f = pick(p);
    if (f.known) sum += value(f as F);
    else unknownPools.push(p.address);
  }
  return { value: round(sum), unknownPools };
}

/** The totals of a set of pools. */
export function totals(pools: readonly PoolEstimate[]): StackTotals {
  return {
    usdPerHour: total(pools, (p) => p.cost, (f: CostFigure) => f.usdPerHour),
    usdPerMonth: total(pools, (p) => p.cost, (f: CostFigure) => f.usdPerMonth),
    kwhPerHour: total(pools, (p) => p.energy, (f: EnergyFigure) => f.kwhPerHour),
    kgCo2ePerHour: total(pools, (p) => p.emissions, (f: EmissionsFigure) => f.kgCo2ePerHour),
  };
}

// One estimate per input: rules on every pool of a stack share it (the engine gives every rule the
// same context object for one input).
const cache = new WeakMap<RuleContext, StackFigures>();

/** The estimate of the input a rule context indexes (computed once per context). */
export function estimateContext(ctx: RuleContext): StackFigures {
  let found = cache.get(ctx);
  if (!found) {
    const { pools, skipped } = findPools(ctx);
    const estimates = pools.map(estimatePool);
    found = { pools: estimates, skipped, totals: totals(estimates) };
    cache.set(ctx, found);
  }
  return found;
}
