/**
 * The topology optimizer: places workload demands on catalog SKUs, regions and zones.
 *
 * Method, per demand (demands are independent: the catalog holds no capacity figures to share):
 * 1. Candidates: every catalog SKU of the demand's accelerator family, in every region the catalog
 *    lists for it (`AcceleratorSku.unlisted` SKUs are not in the catalog and so never considered).
 * 2. Feasibility filters, all hard: cloud allowed, model (when one is named), not retired by
 *    `today`, a list price known, memory per accelerator, network Gbps per node, nodes per zone within
 *    the SKU's placement group limit, USD per hour within the cap, region within the residency list,
 *    enough zones, grid intensity known and within the cap (when a cap is set).
 * 3. Objective over the feasible ones, lower is better, in USD per hour:
 *    `score = costWeight * usdPerHour + carbonWeight * carbonPriceUsdPerTonne * kW * gCO2e/kWh / 1e6`.
 * 4. Stable tie-breaks, in order: score, USD per hour, grid intensity (unknown last), cloud in
 *    `CLOUDS` order (aws, azure, gcp), SKU id, region name (both by code unit, not locale).
 * The plan lists placements in demand id order, so input order never changes the output.
 */
import { CATALOG_AS_OF, listSkus } from '../core/catalog/lookup';
import { GRID_INTENSITY } from '../core/catalog/grid-carbon';
import { AcceleratorFamily, CLOUDS, Cloud, SkuSpec } from '../core/catalog/types';
import { AiraError, ErrorCodes } from '../core/errors';
import { AcceleratorMatch, checkDemand, normalizeModel, residencyAllows, unitOf } from './check';
import { Candidate, Violation, nearestLine, reasonFor, rejectionFor, relaxHint, usd } from './explain';
import { Placement, PlacementOptions, PlacementPlan, Rejection, WorkloadDemand } from './types';

/** EPA social cost of carbon, USD per tonne CO2 (2020 emissions, 2% discount rate, 2023 report). */
export const DEFAULT_CARBON_PRICE_USD_PER_TONNE = 190;

const INTENSITY = new Map(GRID_INTENSITY.map((g) => [`${g.cloud}:${g.region}`, g.gco2PerKwh]));
const MAX_INTENSITY = Math.max(...GRID_INTENSITY.map((g) => g.gco2PerKwh));
const CLOUD_INDEX = new Map(CLOUDS.map((c, i) => [c, i]));

// Google regions whose zones do not start at `-a` (https://cloud.google.com/compute/docs/regions-zones).
// us-central2 holds TPU v4 in one zone only.
const GCP_ZONE_LETTERS: Record<string, string> = { 'us-east1': 'bcd', 'europe-west1': 'bcd', 'us-central2': 'b' };

/**
 * Zone names by each cloud's convention: AWS `<region>a` (letters map to physical zones per account),
 * Azure logical zones `1` to `3`, Google `<region>-a` with the exceptions above. Fewer than `n` known
 * zones gives a shorter list.
 */
export function zoneNames(cloud: Cloud, region: string, n: number): string[] {
  if (cloud === 'azure') return ['1', '2', '3'].slice(0, n);
  if (cloud === 'aws') return [...'abc'].slice(0, n).map((l) => `${region}${l}`);
  return [...(GCP_ZONE_LETTERS[region] ?? 'abc')].slice(0, n).map((l) => `${region}-${l}`);
}

const FAMILY_SKUS = new Map<AcceleratorFamily, SkuSpec[]>();
for (const s of listSkus()) FAMILY_SKUS.set(s.family, [...(FAMILY_SKUS.get(s.family) ?? []), s]);

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ranking of feasible candidates (the documented tie-breaks). */
function rank(a: Candidate, b: Candidate): number {
  return (
    a.score - b.score ||
    a.usdPerHour - b.usdPerHour ||
    (a.gco2PerKwh ?? Infinity) - (b.gco2PerKwh ?? Infinity) ||
    (CLOUD_INDEX.get(a.sku.cloud) ?? 0) - (CLOUD_INDEX.get(b.sku.cloud) ?? 0) ||
    cmpStr(a.sku.id, b.sku.id) ||
    cmpStr(a.region, b.region)
  );
}

const totalExcess = (c: Candidate): number => c.violations.reduce((s, v) => s + v.excess, 0);

/** Nearness to feasible: fewest broken constraints, then least excess, then rank. Feasible ones first. */
function nearness(a: Candidate, b: Candidate): number {
  return a.violations.length - b.violations.length || totalExcess(a) - totalExcess(b) || rank(a, b);
}

interface Objective {
  readonly costWeight: number;
  readonly carbonWeight: number;
  readonly carbonPriceUsdPerTonne: number;
  readonly spotPriceFactor: number;
  readonly unknownGridIntensity: number;
}

/** Every candidate of one demand, in catalog order. */
function candidatesOf(d: WorkloadDemand, match: AcceleratorMatch, today: string, o: Objective): Candidate[] {
  const unit = unitOf(d, match.family);
  const zoneCount = d.zones ?? 1;
  const mode = d.capacity ?? 'on-demand';
  const out: Candidate[] = [];
  for (const sku of FAMILY_SKUS.get(match.family) ?? []) {
    const v: Violation[] = [];
    const lc = sku.lifecycle;
    if (lc.status !== 'current' && lc.date <= today) v.push({ kind: 'retired', excess: 1, text: `retired on ${lc.date}`, fatal: true });
    if (d.clouds && !d.clouds.includes(sku.cloud)) v.push({ kind: 'cloud-not-allowed', excess: 1, text: `cloud ${sku.cloud} not in ${d.clouds.join(', ')}` });
    const acc = sku.accelerator;
    if (match.model && (!acc || normalizeModel(acc.model) !== match.model)) v.push({ kind: 'model-mismatch', excess: 1, text: `model ${acc?.model ?? 'none'}, not ${match.modelName}` });
    const price = sku.price?.usdPerHour;
    if (price === undefined) v.push({ kind: 'no-price', excess: 1, text: 'no list price in the catalog (cost cannot be estimated)', fatal: true });
    const mem = acc?.memoryGb ?? 0;
    const minMem = d.minAcceleratorMemoryGb ?? 0;
    if (mem < minMem) v.push({ kind: 'memory', excess: (minMem - mem) / minMem, text: `${mem} GB per accelerator, below ${minMem} GB` });
    const minGbps = d.minInterconnectGbps ?? 0;
    if (sku.networkGbps < minGbps) v.push({ kind: 'interconnect', excess: (minGbps - sku.networkGbps) / minGbps, text: `${sku.networkGbps} Gbps per node, below ${minGbps} Gbps` });
    const wanted = unit === 'nodes' ? d.count : Math.ceil(d.count / (acc?.count ?? 1));
    const perZone = Math.ceil(wanted / zoneCount);
    const nodes = perZone * zoneCount;
    const limit = sku.maxNodesPerPlacementGroup;
    if (limit !== undefined && perZone > limit) v.push({ kind: 'placement-limit', excess: (perZone - limit) / limit, text: `${perZone} nodes per zone, over the ${limit}-node placement group limit` });
    const cost = nodes * (price ?? 0) * (mode === 'spot' ? o.spotPriceFactor : 1);
    if (d.maxUsdPerHour !== undefined && cost > d.maxUsdPerHour) {
      v.push({ kind: 'budget', excess: d.maxUsdPerHour > 0 ? (cost - d.maxUsdPerHour) / d.maxUsdPerHour : 1, text: `${usd(cost)} over the ${usd(d.maxUsdPerHour)} cap` });
    }
    const kw = nodes * sku.power.kw;
    for (const region of sku.regions) {
      const rv = [...v];
      if (!residencyAllows(d.residency, region)) rv.push({ kind: 'residency', excess: 1, text: `${region} outside residency ${d.residency?.join(', ')}` });
      const zones = zoneNames(sku.cloud, region, zoneCount);
      if (zones.length < zoneCount) rv.push({ kind: 'zones', excess: 1, text: `${region} has ${zones.length} zone(s) for it, ${zoneCount} asked` });
      const g = INTENSITY.get(`${sku.cloud}:${region}`) ?? null;
      if (d.maxGco2PerKwh !== undefined) {
        if (g === null) rv.push({ kind: 'carbon-unknown', excess: 1, text: `no grid intensity figure for ${region}` });
        else if (g > d.maxGco2PerKwh) rv.push({ kind: 'carbon-cap', excess: d.maxGco2PerKwh > 0 ? (g - d.maxGco2PerKwh) / d.maxGco2PerKwh : 1, text: `${g} gCO2e/kWh over the ${d.maxGco2PerKwh} cap` });
      }
      const carbonUsd = (o.carbonPriceUsdPerTonne * kw * (g ?? o.unknownGridIntensity)) / 1e6;
      const score = o.costWeight * cost + o.carbonWeight * carbonUsd;
      out.push({ sku, region, zones, nodes, nodesPerZone: perZone, usdPerHour: r4(cost), kw: r4(kw), gco2PerKwh: g, carbonUsdPerHour: r4(carbonUsd), score: r4(score), violations: rv });
    }
  }
  return out;
}

function retiringWarning(sku: SkuSpec): string[] {
  return sku.lifecycle.status === 'retiring' ? [`${sku.id} retires on ${sku.lifecycle.date}: plan the move to a current SKU`] : [];
}

/** Places one demand, or returns its nearest options when nothing is feasible. */
function placeOne(d: WorkloadDemand, match: AcceleratorMatch, today: string, o: Objective, nearestN: number): Placement | Candidate[] {
  const all = candidatesOf(d, match, today, o);
  const feasible = all.filter((c) => c.violations.length === 0).sort(rank);
  const bySku = new Map<string, Candidate[]>();
  for (const c of all) {
    const list = bySku.get(c.sku.id);
    if (list) list.push(c);
    else bySku.set(c.sku.id, [c]);
  }
  if (feasible.length === 0) {
    // The nearest region of each SKU, so the options offered differ in SKU, not only in region.
    const perSku = [...bySku.values()].map((cs) => cs.reduce((a, b) => (nearness(a, b) <= 0 ? a : b)));
    return perSku.filter((c) => !c.violations.some((v) => v.fatal)).sort(nearness).slice(0, nearestN);
  }
  const chosen = feasible[0];
  const rejected: Rejection[] = [...bySku.values()]
    .filter((cs) => cs[0].sku.id !== chosen.sku.id)
    .map((cs) => rejectionFor(cs.sort(nearness), chosen))
    .sort((a, b) => (CLOUD_INDEX.get(a.cloud) ?? 0) - (CLOUD_INDEX.get(b.cloud) ?? 0) || cmpStr(a.sku, b.sku));
  const s = chosen.sku;
  const mode = d.capacity ?? 'on-demand';
  const unit = unitOf(d, match.family);
  const warnings = [
    ...retiringWarning(s),
    ...(mode === 'spot' && o.spotPriceFactor === 1 ? ['spot cost is the on-demand list price (an upper bound): the catalog holds no spot prices'] : []),
    ...(mode === 'spot' ? ['spot capacity can be reclaimed at short notice: checkpoint the workload'] : []),
  ];
  return {
    demandId: d.id,
    cloud: s.cloud,
    region: chosen.region,
    zones: chosen.zones,
    sku: s.id,
    family: s.family,
    ...(s.accelerator ? { model: s.accelerator.model } : {}),
    nodes: chosen.nodes,
    nodesPerZone: chosen.nodesPerZone,
    accelerators: chosen.nodes * (s.accelerator?.count ?? 0),
    capacityMode: mode,
    fabric: s.fabric,
    networkGbps: s.networkGbps,
    acceleratorMemoryGb: s.accelerator?.memoryGb ?? 0,
    usdPerHour: chosen.usdPerHour,
    kw: chosen.kw,
    gco2PerKwh: chosen.gco2PerKwh,
    kgCo2ePerHour: chosen.gco2PerKwh === null ? null : r4((chosen.kw * chosen.gco2PerKwh) / 1000),
    score: chosen.score,
    reason: reasonFor(chosen, feasible, d.count, unit, mode),
    warnings,
    rejected,
  };
}

function checkOptions(o: PlacementOptions, where: string): Objective & { today: string; nearest: number } {
  const num = (v: number | undefined, name: string, dflt: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new AiraError(ErrorCodes.INVALID_PROP, where, `option ${name} ${JSON.stringify(v)} is not a number of 0 or more`, `set ${name} to a non-negative number, or leave it out`);
    return v;
  };
  const today = o.today ?? CATALOG_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new AiraError(ErrorCodes.INVALID_PROP, where, `option today "${today}" is not an ISO date`, 'pass a date such as 2026-11-22, or leave it out');
  const spotPriceFactor = num(o.spotPriceFactor, 'spotPriceFactor', 1);
  if (spotPriceFactor > 1) throw new AiraError(ErrorCodes.INVALID_PROP, where, `option spotPriceFactor ${spotPriceFactor} is above 1`, 'give spot as a fraction of the on-demand price (0 to 1)');
  return {
    costWeight: num(o.costWeight, 'costWeight', 1),
    carbonWeight: num(o.carbonWeight, 'carbonWeight', 1),
    carbonPriceUsdPerTonne: num(o.carbonPriceUsdPerTonne, 'carbonPriceUsdPerTonne', DEFAULT_CARBON_PRICE_USD_PER_TONNE),
    spotPriceFactor,
    unknownGridIntensity: num(o.unknownGridIntensity, 'unknownGridIntensity', MAX_INTENSITY),
    today,
    nearest: Math.max(1, Math.floor(num(o.nearest, 'nearest', 3))),
  };
}

/**
 * Places every demand on the catalog (see the method at the top of this file). Pure and deterministic:
 * the same demands and options give the same plan, whatever their order.
 *
 * Throws AIRA_E_INVALID_PROP for a bad demand or option (a repeated id, an unknown accelerator, a
 * count below 1, ...) and AIRA_E_PLACEMENT_INFEASIBLE for the first infeasible demand in id order,
 * listing its nearest options (fewest constraints broken, then least over) and the other infeasible ids.
 */
export function planTopology(demands: readonly WorkloadDemand[], options: PlacementOptions = {}): PlacementPlan {
  const source = options.source ?? 'demands';
  const o = checkOptions(options, source);
  const sorted = [...demands].sort((a, b) => cmpStr(String(a.id), String(b.id)));
  const matches = sorted.map((d) => checkDemand(d, `${source}: demand "${String(d.id)}"`));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new AiraError(ErrorCodes.INVALID_PROP, source, `demand id "${sorted[i].id}" appears twice`, 'give each demand its own id');
  }
  const placements: Placement[] = [];
  const infeasible: Array<{ d: WorkloadDemand; nearest: Candidate[] }> = [];
  sorted.forEach((d, i) => {
    const r = placeOne(d, matches[i], o.today, o, o.nearest);
    if (Array.isArray(r)) infeasible.push({ d, nearest: r });
    else placements.push(r);
  });
  if (infeasible.length > 0) throw infeasibleError(infeasible, source);
  const clouds = CLOUDS.filter((c) => placements.some((p) => p.cloud === c));
  const sum = (f: (p: Placement) => number): number => r4(placements.reduce((s, p) => s + f(p), 0));
  return {
    version: 1,
    catalogAsOf: CATALOG_AS_OF,
    today: o.today,
    objective: { costWeight: o.costWeight, carbonWeight: o.carbonWeight, carbonPriceUsdPerTonne: o.carbonPriceUsdPerTonne, spotPriceFactor: o.spotPriceFactor, unknownGridIntensity: o.unknownGridIntensity },
    placements,
    clouds,
    totals: { usdPerHour: sum((p) => p.usdPerHour), kw: sum((p) => p.kw), kgCo2ePerHour: sum((p) => p.kgCo2ePerHour ?? 0), nodes: sum((p) => p.nodes) },
  };
}

function infeasibleError(list: Array<{ d: WorkloadDemand; nearest: Candidate[] }>, source: string): AiraError {
  const { d, nearest } = list[0];
  const others = list.slice(1).map((x) => x.d.id);
  const more = others.length > 0 ? ` (also infeasible: ${others.join(', ')})` : '';
  if (nearest.length === 0) {
    return new AiraError(ErrorCodes.PLACEMENT_INFEASIBLE, `${source}: demand "${d.id}"`, `no current, priced catalog SKU offers "${d.accelerator}"${more}`, 'choose another accelerator (aira catalog lists the SKUs)');
  }
  return new AiraError(
    ErrorCodes.PLACEMENT_INFEASIBLE,
    `${source}: demand "${d.id}"`,
    `no catalog SKU and region meets every constraint; nearest options: ${nearest.map(nearestLine).join(' ')}${more}`,
    relaxHint(nearest),
  );
}
