/**
 * The audit manifest: `cdktf.out/stacks/<stack>/aira-audit.json`, written at synth for each stack it is
 * on, in the shape of the reference architecture's audit log (`timestamp`, `workload`, `location`,
 * `energy_consumed_kWh`, `carbon_offset`), one entry per accelerator pool of the stack, plus the
 * platform level and the policy packs the stack's guard applies.
 *
 * Every figure is an estimate from the catalog, never a measurement: energy is the pool's nominal power
 * at its maximum size for one hour; `carbon_offset` is the emissions of that energy at the region's
 * average grid intensity, the amount to offset. Each entry states its basis.
 *
 * Determinism: no wall-clock time is written (two synths of the same app are byte-identical). The
 * `timestamp` is midnight UTC of the build date: `synthesizedOn` when given, else the app context
 * `aira:today` (the date pools read SKU retirement against), else the catalog's review date; the
 * manifest's `timestampBasis` says which.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { gridIntensity } from '../core/catalog/grid-carbon';
import { CATALOG_AS_OF } from '../core/catalog/lookup';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { TODAY_CONTEXT_KEY } from '../core/pool-plan';
import { Level } from '../core/tags';
import type { Pack, Severity } from '../policy/types';
import { contentsOf } from './discover';
import { everyStack, onStackSynthesis, writeStackFile } from './synth-files';

/** File name of the audit manifest in each stack's output folder. */
export const AUDIT_FILE = 'aira-audit.json';
/** Shape version of the audit manifest. */
export const AUDIT_VERSION = 1;
/** Id of the hidden construct that writes the manifest. */
export const AUDIT_HOOK_ID = 'aira-audit';

/** The policy guard the manifest reports, as the platform configured it. */
export interface AuditPolicy {
  /** Packs the guard applies (ids or pack objects). @default none: every rule at its own severity */
  readonly packs?: ReadonlyArray<string | Pack>;
  /** Severity at or above which a finding fails synth. @default 'high' */
  readonly failOn?: Severity;
}

/** Props of `AuditManifest.of`. */
export interface AuditManifestProps {
  /** Reference-architecture level of the platform the stack belongs to. @default null (unknown) */
  readonly level?: Level;
  /**
   * The policy guard on the stack, or false when there is none. The manifest cannot read a guard's
   * settings itself, so whoever adds the guard states them here (Level4Platform does).
   * @default unknown: `policyPacks` is empty and `policyNote` says why
   */
  readonly policy?: AuditPolicy | false;
  /** ISO date of the entries' `timestamp`. @default the `aira:today` context, else the catalog review date */
  readonly synthesizedOn?: string;
  /** Workload name of a pool's entry. @default the pool's name */
  readonly workloadOf?: (pool: IAcceleratorPool) => string | undefined;
}

/** One entry: one pool for one hour at its maximum size. */
export interface AuditEntry {
  /** Midnight UTC of the build date (see `timestampBasis`). */
  readonly timestamp: string;
  /** What runs on the pool. */
  readonly workload: string;
  /** Region (AWS, Google) or location (Azure). */
  readonly location: string;
  /** Estimated energy of one hour at maximum size, kWh (see `energy_basis`). */
  readonly energy_consumed_kWh: number;
  /** Estimated emissions of that energy, gCO2e, the amount to offset; null when the region's grid intensity is unknown. */
  readonly carbon_offset: number | null;
  readonly carbon_offset_unit: 'gCO2e';
  readonly energy_basis: string;
  readonly carbon_offset_basis: string;
  readonly pool: string;
  readonly workload_kind: string;
  readonly cloud: string;
  readonly zones: readonly string[];
  readonly plane: string;
  readonly sku: string;
  /** Accelerators per node and model (`8 x H100`), or `none` for CPU SKUs. */
  readonly accelerators: string;
  readonly nodes_max: number;
  readonly capacity_mode: string;
  readonly fabric: string;
  readonly power_kW_at_max: number;
  readonly grid_gCO2e_per_kWh: number | null;
  readonly construct_path: string;
}

/** The manifest of one stack. */
export interface AuditManifestJson {
  readonly version: number;
  readonly tool: 'aira';
  readonly stack: string;
  /** Reference-architecture level, null when not stated. */
  readonly level: Level | null;
  readonly timestampBasis: string;
  /** Ids of the packs the stack's guard applies (empty: every rule, no guard, or not known; see `policyNote`). */
  readonly policyPacks: readonly string[];
  /** The guard's threshold, null when there is no guard or it is not known. */
  readonly policyFailOn: Severity | null;
  readonly policyNote: string;
  readonly entries: readonly AuditEntry[];
  readonly totals: {
    readonly energy_consumed_kWh: number;
    /** Sum over entries with a known grid intensity. */
    readonly carbon_offset: number;
    /** Entries left out of `carbon_offset` for want of a grid intensity. */
    readonly entries_without_carbon: number;
  };
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r1 = (x: number): number => Math.round(x * 10) / 10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function buildDate(stack: IConstruct, props: AuditManifestProps, where: string): { date: string; basis: string } {
  if (props.synthesizedOn !== undefined) {
    if (typeof props.synthesizedOn !== 'string' || !ISO_DATE.test(props.synthesizedOn)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `synthesizedOn ${JSON.stringify(props.synthesizedOn)} is not an ISO date`, 'pass a date such as 2026-11-22, or leave it out');
    }
    return { date: props.synthesizedOn, basis: 'synthesizedOn given to the audit manifest (midnight UTC); never the wall clock, so synth is reproducible' };
  }
  const ctx: unknown = stack.node.tryGetContext(TODAY_CONTEXT_KEY);
  if (ctx !== undefined) {
    if (typeof ctx !== 'string' || !ISO_DATE.test(ctx)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `context ${TODAY_CONTEXT_KEY} ${JSON.stringify(ctx)} is not an ISO date`, 'set it to a date such as 2026-11-22, or leave it out');
    }
    return { date: ctx, basis: `the app context ${TODAY_CONTEXT_KEY} (midnight UTC); never the wall clock, so synth is reproducible` };
  }
  return {
    date: CATALOG_AS_OF,
    basis: `the catalog review date (midnight UTC): no ${TODAY_CONTEXT_KEY} context was set; set it (cdktf.json context or -c) to date the manifest by the build. Never the wall clock, so synth is reproducible`,
  };
}

function policyFields(policy: AuditPolicy | false | undefined): Pick<AuditManifestJson, 'policyPacks' | 'policyFailOn' | 'policyNote'> {
  if (policy === undefined) {
    return { policyPacks: [], policyFailOn: null, policyNote: 'not known to the audit manifest: pass policy to AuditManifest.of with the guard settings of this stack' };
  }
  if (policy === false) return { policyPacks: [], policyFailOn: null, policyNote: 'no policy guard on this stack' };
  const failOn = policy.failOn ?? 'high';
  const packs = (policy.packs ?? []).map((p) => (typeof p === 'string' ? p : p.id));
  const selection = packs.length > 0 ? `packs ${packs.join(', ')}` : 'every rule at its own severity (no pack named)';
  return {
    policyPacks: packs,
    policyFailOn: failOn,
    policyNote: `the PolicyGuard applies ${selection} at synth and fails synth on any finding of severity ${failOn} or above, so a manifest from a synth that completed records that the stack passed them`,
  };
}

function entryOf(pool: IConstruct & IAcceleratorPool, timestamp: string, props: AuditManifestProps): AuditEntry {
  const c = pool.capabilities;
  const kwh = r3(c.powerKwAtMax);
  const perNode = c.nodes.max > 0 ? r3(c.powerKwAtMax / c.nodes.max) : 0;
  const grid = gridIntensity(c.cloud, c.region);
  const g = grid?.gco2PerKwh ?? c.gridGco2PerKwh ?? null;
  const carbon = g === null ? null : r1(kwh * g);
  const acc = c.accelerator ? `${c.accelerator.count} x ${c.accelerator.model}` : 'none';
  return {
    timestamp,
    workload: props.workloadOf?.(pool) ?? c.name,
    location: c.region,
    energy_consumed_kWh: kwh,
    carbon_offset: carbon,
    carbon_offset_unit: 'gCO2e',
    energy_basis: `estimated, not metered: nominal power of ${c.sku} (${perNode} kW per node, catalog) x ${c.nodes.max} nodes (the pool's maximum size) x 1 h`,
    carbon_offset_basis:
      g === null
        ? `unknown: the catalog has no grid carbon intensity for ${c.cloud} ${c.region}`
        : `estimated emissions to offset: energy_consumed_kWh x ${g} gCO2e/kWh, the average grid intensity of ${c.cloud} ${c.region}${grid ? ` (${grid.asOf}, ${grid.source})` : ''}`,
    pool: c.name,
    workload_kind: c.workload,
    cloud: c.cloud,
    zones: [...c.zones],
    plane: c.plane,
    sku: c.sku,
    accelerators: acc,
    nodes_max: c.nodes.max,
    capacity_mode: c.capacityMode,
    fabric: c.fabric,
    power_kW_at_max: kwh,
    grid_gCO2e_per_kWh: g,
    construct_path: pool.node.path,
  };
}

/**
 * The audit manifest of a stack, from what the stack holds now (pure over the construct tree; the
 * construct below writes it at synth). Entries are in pool name order, then construct path.
 */
export function buildAuditManifest(stack: TerraformStack, props: AuditManifestProps = {}): AuditManifestJson {
  const where = stack.node.path;
  const { date, basis } = buildDate(stack, props, where);
  const timestamp = `${date}T00:00:00Z`;
  const pools = [...contentsOf(stack).pools].sort((a, b) => cmp(a.capabilities.name, b.capabilities.name) || cmp(a.node.path, b.node.path));
  const entries = pools.map((p) => entryOf(p, timestamp, props));
  const known = entries.filter((e) => e.carbon_offset !== null);
  return {
    version: AUDIT_VERSION,
    tool: 'aira',
    stack: stack.node.id,
    level: props.level ?? null,
    timestampBasis: basis,
    ...policyFields(props.policy),
    entries,
    totals: {
      energy_consumed_kWh: r3(entries.reduce((s, e) => s + e.energy_consumed_kWh, 0)),
      carbon_offset: r1(known.reduce((s, e) => s + (e.carbon_offset ?? 0), 0)),
      entries_without_carbon: entries.length - known.length,
    },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes `aira-audit.json` into the output folder of a stack, or of every stack of an app (also stacks
 * created after this call), at synth.
 *
 * @example
 * AuditManifest.of(stack, { level: 4, policy: { failOn: 'high' } });
 * // cdktf.out/stacks/<stack>/aira-audit.json after `cdktf synth`
 */
export class AuditManifest {
  /**
   * Turns the manifest on for a stack, or for every stack of an app. Once per stack: a second call on
   * the same stack is ignored (the first call's props stay). Throws AIRA_E_INVALID_PROP for a bad
   * `synthesizedOn` and AIRA_E_WRONG_SCOPE for a scope with no stack at, under or above it (other than the App).
   */
  public static of(scope: IConstruct, props: AuditManifestProps = {}): void {
    if (props.synthesizedOn !== undefined) buildDate(scope, props, scope.node.path || '<app>');
    everyStack(
      scope,
      (stack) => onStackSynthesis(stack, AUDIT_HOOK_ID, (session) => writeStackFile(stack, session, AUDIT_FILE, buildAuditManifest(stack, props))),
      'AuditManifest',
    );
  }
}
