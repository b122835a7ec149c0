/**
 * `estimate`: the cost and carbon estimate of synthesized stacks, plans and states, per pool and per
 * stack. The library function behind `aira estimate`; pure over its inputs, it returns data and never
 * prints. The `aira-cost-carbon` rules judge budgets on the same figures.
 */
import { CATALOG_AS_OF } from '../../core/catalog/lookup';
import { LoadedInput, OnFileLoaded, loadPath } from '../load';
import { toolVersion } from '../report';
import { ResourceIndex } from '../resource-index';
import { Source } from '../types';
import { HOURS_PER_MONTH, PoolEstimate, StackFigures, StackTotals, Total, estimateContext, totals } from './figures';

export * from './figures';
export { POOL_TYPES, findPools, poolFacts } from './pools';
export type { Found, PoolFacts, SkippedPool } from './pools';
export { ESTIMATE_FORMATS, renderEstimate } from './render';
export type { EstimateFormat } from './render';

/** Version of the JSON estimate's shape (semver: a major bump breaks readers). */
export const ESTIMATE_VERSION = '1.0.0';

/** What every rendering of an estimate says about its figures. */
export const ESTIMATE_DISCLAIMER =
  'Estimates, not quotes. Prices are on-demand list prices of one reference region at the date shown, before discounts, ' +
  'Spot, reservations, taxes, storage and network. Power is each node\'s nominal full-load draw (some figures are estimates ' +
  'from parts, as their basis says). Grid intensities are annual location-based averages, not hourly or market-based figures. ' +
  'Totals assume every pool at its maximum size for every hour (730 hours a month).';

/** The estimate of one input. */
export interface StackEstimate extends StackFigures {
  /** The input file, as given. */
  readonly file: string;
  readonly source: Source;
  /** The cdktf stack name. @default none (left out): a plan or state, or a stack read without a name */
  readonly stack?: string;
}

/** The whole estimate (the JSON format is exactly this object). */
export interface EstimateReport {
  readonly version: string;
  readonly tool: { readonly name: 'aira'; readonly version: string };
  /** Hours in a month (730). */
  readonly hoursPerMonth: number;
  /** Date the catalog as a whole was last reviewed (each figure carries its own date too). */
  readonly catalogAsOf: string;
  readonly disclaimer: string;
  readonly stacks: readonly StackEstimate[];
  /** Sums over every stack; an unknown pool is named `<stack or file>: <address>`. */
  readonly totals: StackTotals;
}

/** Options of `estimate`. */
export interface EstimateOptions {
  /** Reads standard input for the path `-`. @default the process's stdin */
  readonly stdin?: () => string;
  /** Called after each input file is loaded (the CLI's progress line on a terminal). @default none */
  readonly onFileLoaded?: OnFileLoaded;
}

/** Estimates paths (cdktf.out/, cdk.tf.json, plan or state JSON, `-`). */
export function estimate(paths: readonly string[], opts: EstimateOptions = {}): EstimateReport {
  return estimateInputs(paths.flatMap((p) => loadPath(p, opts.stdin, opts.onFileLoaded)));
}

/** Estimates inputs already loaded. Deterministic: same inputs, same report. */
export function estimateInputs(inputs: readonly LoadedInput[]): EstimateReport {
  const stacks: StackEstimate[] = inputs.map((i) => ({
    file: i.file,
    source: i.source,
    ...(i.stack ? { stack: i.stack } : {}),
    ...estimateContext(new ResourceIndex(i.resources)),
  }));
  const named: PoolEstimate[] = stacks.flatMap((s) => s.pools.map((p) => ({ ...p, address: `${s.stack ?? s.file}: ${p.address}` })));
  return {
    version: ESTIMATE_VERSION,
    tool: { name: 'aira', version: toolVersion() },
    hoursPerMonth: HOURS_PER_MONTH,
    catalogAsOf: CATALOG_AS_OF,
    disclaimer: ESTIMATE_DISCLAIMER,
    stacks,
    totals: totals(named),
  };
}

/** Whether a total is complete (no pool's figure unknown). */
export const isComplete = (t: Total): boolean => t.unknownPools.length === 0;
