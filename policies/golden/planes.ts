/**
 * Reading the reference architecture's planes from a resource view. The constructs tag every
 * plane-scoped resource with `aira:plane` (lib/core/tags): a `tags` map on AWS and Azure resources, and
 * `tag { key, value }` blocks on an AWS Auto Scaling group.
 */
import { blocks, stringAt } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN } from '../../lib/policy/types';

/** The tag key the constructs write a resource's compute plane under. */
export const PLANE_TAG = 'aira:plane';
/** The tag key `SegmentedNetwork.allow` writes a declared flow's key under (lib/aws/network-security.ts). */
export const FLOW_TAG = 'aira:flow';

/** A tag's value from the `tags` map or the ASG `tag` blocks; UNKNOWN when unknown until apply. */
export function tagOf(r: ResourceView, key: string): string | typeof UNKNOWN | undefined {
  const direct = stringAt(r, ['tags', key]);
  if (direct !== undefined) return direct;
  const list = blocks(r, ['tag']);
  if (list === UNKNOWN) return UNKNOWN;
  for (const b of list) if (stringAt(r, [...b, 'key']) === key) return stringAt(r, [...b, 'value']);
  return undefined;
}

/** A resource's plane, when it is tagged with one and known. */
export function planeOf(r: ResourceView): string | undefined {
  const p = tagOf(r, PLANE_TAG);
  return typeof p === 'string' ? p : undefined;
}

/** The resources of `type` that `r` references through the attribute `attr` (or a path under it). */
export function referencedVia(r: ResourceView, ctx: RuleContext, type: string, attr: string): ResourceView[] {
  const out: ResourceView[] = [];
  for (const [address, paths] of r.references) {
    if (!paths.some((p) => p === attr || p.startsWith(`${attr}.`))) continue;
    const t = ctx.find(address);
    if (t && t.type === type && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * The compute planes of the reference architecture (lib/core/planes.ts PLANES). `shared` (endpoints,
 * flow logs) is no compute plane: every plane may use it.
 */
export const COMPUTE_PLANES: readonly string[] = ['training', 'inference', 'data', 'management', 'quantum', 'protected'];

/** The plane air-gapped from the internet (lib/core/planes.ts AIR_GAPPED_PLANE). */
export const PROTECTED_PLANE = 'protected';

/**
 * The plane a name ends with. The constructs name a plane's Google network tag and subnetwork, and an
 * Azure plane's subnet, `<network>-<plane>` (lib/gcp/network.ts, lib/azure/network.ts).
 */
export function planeOfName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const last = name.split('/').pop() ?? name;
  return COMPUTE_PLANES.find((p) => last === p || last.endsWith(`-${p}`));
}

// Indexes a rule builds once per input (a rule runs once per resource; scanning the input on each call
// would make a check quadratic). Keyed by the input's context, so nothing outlives the run.
const memos = new WeakMap<RuleContext, Map<string, unknown>>();

/** A value computed once per input (per rule context) under `key`. */
export function memoized<T>(ctx: RuleContext, key: string, build: () => T): T {
  let m = memos.get(ctx);
  if (!m) {
    m = new Map();
    memos.set(ctx, m);
  }
  if (!m.has(key)) m.set(key, build());
  return m.get(key) as T;
}
