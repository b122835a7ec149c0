/**
 * Terraform plan JSON (`terraform show -json tfplan`) to resource views. Reads `resource_changes`
 * (before / after / after_unknown / after_sensitive / actions / replace_paths / action_reason), falls
 * back to `planned_values` where a plan has no changes list, adds the data sources read at plan time
 * (`prior_state`), and takes references from
 * `configuration` expressions (kept by reference on each view for `configText`, never copied). Format versions 0.x and 1.x; unknown fields are ignored.
 * Format reference: https://developer.hashicorp.com/terraform/internals/json-format
 */
import { parseReference } from '../references';
import { Action, Mode, ResourceView } from '../types';
import { MAX_DEPTH, isObject, makeView, markedPaths, pathKey, stripInstanceKeys } from '../view';
import { LoadedInput } from './input';
import { checkFormatVersion, str } from './common';

const ACTIONS = new Set<Action>(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

/** What the configuration says about one resource. */
interface ConfigEntry {
  /** The resource's `expressions`: its keys are the top-level arguments the configuration sets. */
  readonly expressions: Record<string, unknown>;
  /** Referenced config address -> local attribute paths (undefined when none). */
  readonly references?: ReadonlyMap<string, readonly string[]>;
}

/** Loads a plan already parsed from JSON. Throws PolicyError for an unsupported major format version. */
export function loadPlan(json: Record<string, unknown>, file: string): LoadedInput {
  const formatVersion = checkFormatVersion(json, file, 'plan');
  const config = configIndex(json.configuration);
  const notes: string[] = [];
  const resources: ResourceView[] = [];
  const changes = json.resource_changes;
  if (Array.isArray(changes)) {
    let deposed = 0;
    for (const rc of changes) {
      if (!isObject(rc)) continue;
      if (rc.deposed !== undefined) {
        deposed++;
        continue;
      }
      const v = fromChange(rc, config, file);
      if (v) resources.push(v);
    }
    if (deposed) notes.push(`${deposed} deposed object(s) skipped: Terraform deletes them after a replacement`);
    resources.push(...dataReadAtPlan(json.prior_state, new Set(resources.map((r) => r.address)), config, file));
  } else if (isObject(json.planned_values)) {
    for (const r of moduleResources(json.planned_values.root_module)) {
      const v = fromPlannedValue(r, config, file);
      if (v) resources.push(v);
    }
    resources.push(...dataReadAtPlan(json.prior_state, new Set(resources.map((r) => r.address)), config, file));
  }
  return { file, source: 'plan', resources, formatVersion, terraformVersion: str(json.terraform_version), notes, suppressions: [] };
}

function actionsOf(x: unknown): Action[] {
  return Array.isArray(x) ? x.filter((a): a is Action => typeof a === 'string' && ACTIONS.has(a as Action)) : [];
}

function identity(r: Record<string, unknown>): { address: string; type: string; name: string; mode: Mode; module: string } | undefined {
  const address = str(r.address);
  const type = str(r.type);
  if (!address || !type) return undefined;
  const mode: Mode = r.mode === 'data' ? 'data' : 'managed';
  return { address, type, name: str(r.name) ?? '', mode, module: str(r.module_address) ?? moduleOf(address) };
}

/** `module.a.module.b` of `module.a.module.b.aws_x.y`; empty at the root. */
export function moduleOf(address: string): string {
  const parts = stripInstanceKeys(address).split('.');
  const mods: string[] = [];
  for (let i = 0; i + 1 < parts.length && parts[i] === 'module'; i += 2) mods.push(`module.${parts[i + 1]}`);
  return mods.join('.');
}

function fromChange(rc: Record<string, unknown>, config: Map<string, ConfigEntry>, file: string): ResourceView | undefined {
  const address = str(rc.address);
  const type = str(rc.type);
  if (!address || !type) return undefined;
  const change = isObject(rc.change) ? rc.change : {};
  const actions = actionsOf(change.actions);
  const deleting = actions.includes('delete') && !actions.includes('create');
  const after = isObject(change.after) ? change.after : undefined;
  const before = isObject(change.before) ? change.before : undefined;
  const useBefore = deleting || !after;
  const cfg = config.get(stripInstanceKeys(address));
  return makeView({
    address,
    type,
    name: str(rc.name) ?? '',
    mode: rc.mode === 'data' ? 'data' : 'managed',
    module: str(rc.module_address) ?? moduleOf(address),
    provider: str(rc.provider_name) ?? type.split('_')[0],
    values: (useBefore ? before : after) ?? {},
    unknown: useBefore ? undefined : configuredUnknowns(markedPaths(change.after_unknown), cfg),
    sensitive: markedPaths(useBefore ? change.before_sensitive : change.after_sensitive),
    references: cfg?.references,
    // A deletion's values come from `before`: the configuration no longer describes them.
    expressions: useBefore ? undefined : cfg?.expressions,
    actions,
    replacePaths: Array.isArray(change.replace_paths) ? replacePathsOf(change.replace_paths) : undefined,
    actionReason: str(rc.action_reason),
    source: 'plan',
    file,
  });
}

function replacePathsOf(paths: unknown[]): string[] {
  return paths.filter(Array.isArray).map((p: unknown[]) => pathKey(p.filter((s): s is string | number => typeof s === 'string' || typeof s === 'number')));
}

/**
 * Data sources Terraform read while planning: they are in `prior_state`, not in `resource_changes` (which
 * lists only reads deferred to apply). Rules that follow a reference to a data source (the image
 * parameter of a launch template, a policy document) see it as in the synthesized stack.
 */
function dataReadAtPlan(priorState: unknown, seen: ReadonlySet<string>, config: Map<string, ConfigEntry>, file: string): ResourceView[] {
  if (!isObject(priorState) || !isObject(priorState.values)) return [];
  const out: ResourceView[] = [];
  for (const r of moduleResources(priorState.values.root_module)) {
    if (r.mode !== 'data') continue;
    const v = fromPlannedValue(r, config, file);
    if (v && !seen.has(v.address)) out.push(v);
  }
  return out;
}

function fromPlannedValue(r: Record<string, unknown>, config: Map<string, ConfigEntry>, file: string): ResourceView | undefined {
  const id = identity(r);
  if (!id) return undefined;
  const cfg = config.get(stripInstanceKeys(id.address));
  return makeView({
    ...id,
    provider: str(r.provider_name) ?? id.type.split('_')[0],
    values: isObject(r.values) ? r.values : {},
    sensitive: markedPaths(r.sensitive_values),
    references: cfg?.references,
    expressions: cfg?.expressions,
    source: 'plan',
    file,
  });
}

/**
 * Keeps the unknown paths the configuration sets. A top-level attribute that is unknown only because
 * the provider computes it (the configuration does not set it, like `ingress` of a security group
 * with no inline rules) reads as absent, exactly as in the synthesized stack. Without configuration
 * every unknown stays unknown.
 */
function configuredUnknowns(marked: Set<string>, cfg: ConfigEntry | undefined): Set<string> {
  if (!cfg || marked.has('')) return marked;
  // Deleting the entry being visited is safe in a Set iteration.
  for (const p of marked) {
    const dot = p.indexOf('.');
    if (!Object.prototype.hasOwnProperty.call(cfg.expressions, dot < 0 ? p : p.slice(0, dot))) marked.delete(p);
  }
  return marked;
}

/** Resources of a `planned_values` / state module tree, child modules included. */
export function moduleResources(root: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [m, depth] = stack.pop()!;
    if (!isObject(m) || depth > MAX_DEPTH) continue;
    if (Array.isArray(m.resources)) for (const r of m.resources) if (isObject(r)) out.push(r);
    if (Array.isArray(m.child_modules)) for (const c of m.child_modules) stack.push([c, depth + 1]);
  }
  return out;
}

/** Config address -> what the configuration sets and references, over the whole module tree. */
function configIndex(configuration: unknown): Map<string, ConfigEntry> {
  const out = new Map<string, ConfigEntry>();
  if (!isObject(configuration)) return out;
  const stack: Array<[unknown, string, number]> = [[configuration.root_module, '', 0]];
  while (stack.length) {
    const [mod, prefix, depth] = stack.pop()!;
    if (!isObject(mod) || depth > MAX_DEPTH) continue;
    if (Array.isArray(mod.resources)) {
      for (const r of mod.resources) {
        if (!isObject(r) || typeof r.address !== 'string') continue;
        const expressions = isObject(r.expressions) ? r.expressions : {};
        out.set(prefix + r.address, { expressions, references: expressionReferences(expressions, prefix) });
      }
    }
    if (isObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) {
        if (isObject(call)) stack.push([call.module, `${prefix}module.${name}.`, depth + 1]);
      }
    }
  }
  return out;
}

/**
 * Walks a resource's `expressions`: an expression is an object with `references` and/or
 * `constant_value`; a nested block is an object (or a list of objects) of expressions. Recursion is
 * bounded by MAX_DEPTH.
 */
function expressionReferences(expressions: Record<string, unknown>, prefix: string): Map<string, string[]> | undefined {
  let refs: Map<string, string[]> | undefined;
  const parts: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        parts.push(String(i));
        walk(node[i], depth + 1);
        parts.pop();
      }
      return;
    }
    const o = node as Record<string, unknown>;
    if ('references' in o || 'constant_value' in o) {
      if (!Array.isArray(o.references)) return;
      const path = parts.join('.');
      for (const ref of o.references) {
        const p = parseReference(ref as string, prefix);
        if (!p) continue;
        refs ??= new Map();
        const list = refs.get(p.address) ?? [];
        if (!list.includes(path)) list.push(path);
        refs.set(p.address, list);
      }
      return;
    }
    for (const k of Object.keys(o)) {
      parts.push(k);
      walk(o[k], depth + 1);
      parts.pop();
    }
  };
  walk(expressions, 0);
  return refs;
}
