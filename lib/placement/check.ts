import { listSkus } from '../core/catalog/lookup';
import { AcceleratorFamily, CLOUDS, FAMILIES } from '../core/catalog/types';
import { AiraError, ErrorCodes } from '../core/errors';
import { CAPACITY_PREFERENCES, CountUnit, WorkloadDemand } from './types';

/** Most zones a demand may spread over: every region in the catalog has at least three. */
export const MAX_PLACEMENT_ZONES = 3;

/** What a demand's `accelerator` resolved to. */
export interface AcceleratorMatch {
  readonly family: AcceleratorFamily;
  /** Normalized model when a model was named, else undefined (any model of the family). */
  readonly model?: string;
  /** The model as the catalog spells it. */
  readonly modelName?: string;
}

/** Lower case without spaces, dashes or underscores: `TPU v5p`, `tpu-v5p` and `tpuv5p` compare equal. */
export function normalizeModel(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

// Model -> family and catalog spelling, from the catalog itself (so a new SKU's model is known at once).
const MODELS = new Map<string, { family: AcceleratorFamily; name: string }>();
for (const s of listSkus()) {
  if (s.accelerator) MODELS.set(normalizeModel(s.accelerator.model), { family: s.family, name: s.accelerator.model });
}

/** Resolves a family or model name; throws AIRA_E_INVALID_PROP for a name the catalog does not know. */
export function matchAccelerator(accelerator: string, where: string): AcceleratorMatch {
  const n = normalizeModel(accelerator);
  const family = FAMILIES.find((f) => f === n);
  if (family) return { family };
  const model = MODELS.get(n);
  if (model) return { family: model.family, model: n, modelName: model.name };
  const models = [...new Set([...MODELS.values()].map((m) => m.name))].sort();
  throw new AiraError(ErrorCodes.INVALID_PROP, where, `accelerator "${accelerator}" is neither a family nor a catalog model`, `use a family (${FAMILIES.join(', ')}) or a model (${models.join(', ')})`);
}

/** The demand's count unit with its default filled in. */
export function unitOf(d: WorkloadDemand, family: AcceleratorFamily): CountUnit {
  return d.unit ?? (family === 'cpu' ? 'nodes' : 'accelerators');
}

function bad(where: string, problem: string, fix: string): never {
  throw new AiraError(ErrorCodes.INVALID_PROP, where, problem, fix);
}

function nonNegative(v: number | undefined, name: string, where: string): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) bad(where, `${name} ${JSON.stringify(v)} is not a number of 0 or more`, `set ${name} to a non-negative number, or leave it out`);
}

/**
 * Checks one demand's values against their documented domains (AIRA_E_INVALID_PROP) and resolves its
 * accelerator. Types are the caller's business (TypeScript, or `parseDemands` for files).
 */
export function checkDemand(d: WorkloadDemand, where: string): AcceleratorMatch {
  if (typeof d.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(d.id)) bad(where, `demand id ${JSON.stringify(d.id)} is not a simple name`, 'use letters, digits, ".", "_" and "-", starting with a letter or digit');
  const match = matchAccelerator(String(d.accelerator), where);
  if (!Number.isInteger(d.count) || d.count < 1) bad(where, `count ${JSON.stringify(d.count)} is not a positive integer`, 'set count to the accelerators (or nodes, with unit: nodes) the workload needs');
  if (d.unit !== undefined && d.unit !== 'accelerators' && d.unit !== 'nodes') bad(where, `unit "${String(d.unit)}" is unknown`, 'use "accelerators" or "nodes"');
  if (match.family === 'cpu' && d.unit === 'accelerators') bad(where, 'CPU SKUs carry no accelerators to count', 'use unit: nodes for a cpu demand');
  nonNegative(d.minInterconnectGbps, 'minInterconnectGbps', where);
  nonNegative(d.minAcceleratorMemoryGb, 'minAcceleratorMemoryGb', where);
  nonNegative(d.maxUsdPerHour, 'maxUsdPerHour', where);
  nonNegative(d.maxGco2PerKwh, 'maxGco2PerKwh', where);
  if (d.residency !== undefined && (!Array.isArray(d.residency) || d.residency.length === 0 || d.residency.some((r) => typeof r !== 'string' || !/^[a-z0-9-]+\*?$/i.test(r)))) {
    bad(where, `residency ${JSON.stringify(d.residency)} is not a list of regions or prefixes`, 'list region names (eu-north-1) or prefixes ending in * (eu-*), or leave residency out');
  }
  if (d.clouds !== undefined && (!Array.isArray(d.clouds) || d.clouds.length === 0 || d.clouds.some((c) => !CLOUDS.includes(c)))) {
    bad(where, `clouds ${JSON.stringify(d.clouds)} is not a list of clouds`, `list some of ${CLOUDS.join(', ')}, or leave clouds out`);
  }
  if (d.capacity !== undefined && !CAPACITY_PREFERENCES.includes(d.capacity)) bad(where, `capacity "${String(d.capacity)}" is unknown`, `use one of ${CAPACITY_PREFERENCES.join(', ')}`);
  if (d.zones !== undefined && (!Number.isInteger(d.zones) || d.zones < 1 || d.zones > MAX_PLACEMENT_ZONES)) bad(where, `zones ${JSON.stringify(d.zones)} is not 1 to ${MAX_PLACEMENT_ZONES}`, `set zones to 1, 2 or ${MAX_PLACEMENT_ZONES}`);
  return match;
}

/** Whether a region meets a residency list (exact names, or prefixes ending in `*`). */
export function residencyAllows(residency: readonly string[] | undefined, region: string): boolean {
  if (!residency) return true;
  return residency.some((r) => (r.endsWith('*') ? region.startsWith(r.slice(0, -1).toLowerCase()) : region === r.toLowerCase()));
}
