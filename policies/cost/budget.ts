/**
 * What the cost and carbon rules share: the estimate of a pool or of the whole stack (one per input,
 * from lib/policy/estimate), its wording with sources and dates, and the stack anchor.
 *
 * A stack-level verdict is given once per stack: the engine judges rules per resource, so the stack
 * rules judge the stack total on one deterministic anchor, the first estimated pool by address, and
 * report `not_applicable` on the stack's other pools. The message says so; a suppression of a stack
 * verdict names the anchor's address.
 */
import { CostFigure, EmissionsFigure, PoolEstimate, StackFigures, Total, estimateContext } from '../../lib/policy/estimate/figures';
import { formatNumber } from '../../lib/policy/estimate/render';
import { ResourceView, RuleContext, Verdict } from '../../lib/policy/types';
import { fail, notApplicable, pass, unknown } from '../../lib/policy/rule-kit';

/** Pool resource types the cost and carbon rules look at. */
export { POOL_TYPES } from '../../lib/policy/estimate/pools';

/** Docs the cost and carbon rules rest on: the catalog's price and power sources, the grid intensity methodology. */
export const COST_DOCS = [
  'https://aws.amazon.com/ec2/pricing/on-demand/',
  'https://prices.azure.com/api/retail/prices',
  'https://cloud.google.com/compute/gpus-pricing',
  'https://www.cloudcarbonfootprint.org/docs/methodology/',
  'https://cloud.google.com/sustainability/region-carbon',
];

/** `USD 1,234.50`. */
export const usd = (n: number): string => `USD ${formatNumber(n)}`;

/** The estimate of the input and the pool `r` is, or the `not_applicable` verdict for a resource that is not an estimated pool. */
export function poolOf(r: ResourceView, ctx: RuleContext): { stack: StackFigures; pool: PoolEstimate } | Verdict {
  const stack = estimateContext(ctx);
  const pool = stack.pools.find((p) => p.address === r.address);
  if (pool) return { stack, pool };
  const skipped = stack.skipped.find((s) => s.address === r.address);
  return notApplicable(skipped ? `not estimated: ${skipped.reason}` : 'not an accelerator pool');
}

/**
 * For a stack rule: the `not_applicable` verdict on every pool but the stack's anchor (the first pool
 * by address), or undefined on the anchor, where the stack total is judged.
 */
export function notAnchor(stack: StackFigures, pool: PoolEstimate): Verdict | undefined {
  const anchor = stack.pools[0];
  return anchor.address === pool.address ? undefined : notApplicable(`the stack total is judged once per stack, on ${anchor.address} (its first pool by address)`);
}

/** One pool's monthly cost, with the price's source and date. */
export function describeCost(p: PoolEstimate, c: CostFigure): string {
  return `${usd(c.usdPerMonth)} per month at ${p.maxNodes} x ${p.sku} (${p.maxNodesFrom}), ${usd(c.unitUsdPerHour)} per node-hour on-demand in ${c.priceRegion} as of ${c.asOf} (${c.source})`;
}

/**
 * One pool's emissions, with the dates of the power and grid figures (their public sources are long:
 * `aira estimate` lists them, and the message must stay within the engine's 500 characters).
 */
export function describeEmissions(p: PoolEstimate, e: EmissionsFigure): string {
  const power = p.energy.known ? `${formatNumber(p.energy.kwhPerHour)} kWh per hour (${p.energy.kwPerNode} kW per node, figure of ${p.energy.asOf})` : 'unknown energy';
  return `${formatNumber(e.kgCo2ePerHour)} kgCO2e per hour, ${power} at ${e.gco2PerKwh} gCO2e/kWh in ${e.region} (grid figure of ${e.asOf})`;
}

/** A stack total for a message: `USD 1,000.00 per month over 3 pools` plus the pools whose figure is unknown. */
export function describeTotal(t: Total, unit: (n: number) => string, pools: number): string {
  const base = `${unit(t.value)} over ${pools} pool${pools === 1 ? '' : 's'} at maximum size`;
  return t.unknownPools.length ? `${base}, not counting ${t.unknownPools.length} pool${t.unknownPools.length === 1 ? '' : 's'} whose figure is unknown (${t.unknownPools.join(', ')})` : base;
}

/**
 * The stack-level verdict of a limit (budget or ceiling) on a total: not_applicable without a limit
 * (the estimate in the message), fail over it, even when some pools are unknown (the known part alone
 * exceeds it), unknown while unknown pools could still exceed it, pass within it.
 */
export function judgeStackTotal(t: Total, max: number | undefined, figure: string, limit: { readonly option: string; readonly noun: string; readonly unit: (n: number) => string }): Verdict {
  const anchor = ' (the stack\'s verdict, given on its first pool by address)';
  if (max === undefined) return notApplicable(`no ${limit.noun} given (--option ${limit.option}); estimate: ${figure}`);
  if (t.value > max) return fail(`${figure}: over the ${limit.noun} of ${limit.unit(max)}${t.unknownPools.length ? ' even without the unknown pools' : ''}${anchor}`);
  if (t.unknownPools.length) return unknown(`${figure}: within the ${limit.noun} of ${limit.unit(max)} so far, but the unknown pools may exceed it${anchor}`);
  return pass(`${figure}: within the ${limit.noun} of ${limit.unit(max)}${anchor}`);
}
