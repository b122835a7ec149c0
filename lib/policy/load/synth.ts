/**
 * A synthesized cdktf stack (`cdk.tf.json`, or the same object in memory at synth time) to resource
 * views. The logical id of a cdktf element is its Terraform name, so `resource.aws_vpc.net_vpc_1A2B`
 * is the plan's `aws_vpc.net_vpc_1A2B`. A value holding a `${...}` interpolation is unknown until
 * apply, except a plain reference to a literal attribute of another resource of the stack
 * (`${aws_vpc.main.cidr_block}`), which Terraform also knows at plan time and which is resolved here so
 * both sources give the same verdict.
 */
import { tokenReferences, wholeReference } from '../references';
import { Mode, ResourceView } from '../types';
import { MAX_DEPTH, isObject, makeView } from '../view';
import { str } from './common';
import { LoadedInput } from './input';

// Terraform meta-arguments and cdktf's metadata key: not resource attributes.
const META = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic']);

/** A string value holding an interpolation, with its path. */
interface Token {
  readonly parts: string[];
  readonly text: string;
}

interface Raw {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: Mode;
  readonly provider: string;
  readonly values: Record<string, unknown>;
  readonly tokens: Map<string, Token>;
  readonly unknown: Set<string>;
  readonly references: Map<string, string[]>;
  readonly constructPath?: string;
}

/** Whether a parsed JSON object looks like a synthesized Terraform JSON configuration. */
export function looksLikeSynth(json: Record<string, unknown>): boolean {
  return ['resource', 'data', 'terraform', 'provider', 'module'].some((k) => isObject(json[k])) && !('format_version' in json);
}

/** Loads one synthesized stack. */
export function loadSynth(json: Record<string, unknown>, file: string, stack?: string): LoadedInput {
  const providers = providerSources(json);
  const raws: Raw[] = [];
  const notes: string[] = [];
  let multi = 0;
  for (const [block, mode] of [['resource', 'managed'], ['data', 'data']] as const) {
    const byType = json[block];
    if (!isObject(byType)) continue;
    for (const [type, byId] of Object.entries(byType)) {
      if (!isObject(byId)) continue;
      for (const [id, body] of Object.entries(byId)) {
        if (!isObject(body)) continue;
        if ('count' in body || 'for_each' in body) multi++;
        raws.push(rawResource(type, id, body, mode, providers));
      }
    }
  }
  resolveLiteralReferences(raws);
  const modules = isObject(json.module) ? Object.keys(json.module).length : 0;
  if (modules) notes.push(`${modules} module call(s) not evaluated: their resources appear only in a plan`);
  if (multi) notes.push(`${multi} resource(s) with count or for_each: evaluated once here, per instance in a plan`);
  const resources: ResourceView[] = raws.map((r) =>
    makeView({
      address: r.address,
      type: r.type,
      name: r.name,
      mode: r.mode,
      provider: r.provider,
      values: r.values,
      unknown: r.unknown,
      references: r.references,
      constructPath: r.constructPath,
      source: 'synth',
      file,
    }),
  );
  return { file, source: 'synth', resources, stack, notes, suppressions: [] };
}

/** Local provider name -> source address, from `terraform.required_providers`. */
function providerSources(json: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const tf = isObject(json.terraform) ? json.terraform : {};
  const req = isObject(tf.required_providers) ? tf.required_providers : {};
  for (const [local, spec] of Object.entries(req)) {
    const source = isObject(spec) ? str(spec.source) : undefined;
    out.set(local, normalizeSource(source ?? local));
  }
  return out;
}

/** `aws` or `hashicorp/aws` as the full `registry.terraform.io/hashicorp/aws` a plan writes. */
function normalizeSource(source: string): string {
  const parts = source.split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

function rawResource(type: string, id: string, body: Record<string, unknown>, mode: Mode, providers: Map<string, string>): Raw {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!META.has(k)) values[k] = v;
  const unknown = new Set<string>();
  // A dynamic block's content depends on its for_each: unknown here.
  if (isObject(body.dynamic)) for (const name of Object.keys(body.dynamic)) unknown.add(name);
  const tokens = new Map<string, Token>();
  const references = new Map<string, string[]>();
  collectTokens(values, tokens, unknown);
  for (const [path, t] of tokens) {
    for (const ref of tokenReferences(t.text)) {
      const list = references.get(ref.address) ?? [];
      if (!list.includes(path)) list.push(path);
      references.set(ref.address, list);
    }
  }
  const local = (str(body.provider) ?? type.split('_')[0]).replace(/^\$\{|\}$/g, '').split('.')[0];
  const meta = isObject(body['//']) && isObject(body['//'].metadata) ? body['//'].metadata : {};
  return {
    address: mode === 'data' ? `data.${type}.${id}` : `${type}.${id}`,
    type,
    name: id,
    mode,
    provider: providers.get(local) ?? normalizeSource(local),
    values,
    tokens,
    unknown,
    references,
    constructPath: str(meta.path),
  };
}

/** Every string holding an interpolation, by path; each is unknown until resolved. */
function collectTokens(values: Record<string, unknown>, tokens: Map<string, Token>, unknown: Set<string>): void {
  const stack: Array<[unknown, string[], number]> = Object.entries(values).map(([k, v]) => [v, [k], 0]);
  while (stack.length) {
    const [node, parts, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('${')) {
        const path = parts.join('.');
        tokens.set(path, { parts, text: node });
        unknown.add(path);
      }
    } else if (depth > MAX_DEPTH) {
      unknown.add(parts.join('.'));
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push([v, [...parts, String(i)], depth + 1]));
    } else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) stack.push([v, [...parts, k], depth + 1]);
    }
  }
}

/** Replaces `${type.name.attr}` by the literal value the referenced resource sets for `attr`. */
function resolveLiteralReferences(raws: Raw[]): void {
  const byAddress = new Map(raws.map((r) => [r.address, r]));
  for (const r of raws) {
    for (const [path, t] of r.tokens) {
      const ref = wholeReference(t.text);
      if (!ref || !ref.attribute) continue;
      const target = byAddress.get(ref.address);
      if (!target || target === r) continue;
      const value = literalAt(target, ref.attribute);
      if (value === undefined) continue;
      setPath(r.values, t.parts, value);
      r.unknown.delete(path);
    }
  }
}

/** The value at `attr` of a resource when it holds no interpolation, else undefined. */
function literalAt(r: Raw, attr: string): unknown {
  const parts = attr.split('.');
  for (const p of r.unknown) if (attr === p || attr.startsWith(`${p}.`) || p.startsWith(`${attr}.`)) return undefined;
  let cur: unknown = r.values;
  for (const p of parts) {
    if (Array.isArray(cur) && /^\d+$/.test(p)) cur = cur[Number(p)];
    else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, p)) cur = cur[p];
    else return undefined;
  }
  return cur === null || cur === undefined ? undefined : cur;
}

/** Sets a nested value, copying each container on the way so shared input objects stay untouched. */
function setPath(root: Record<string, unknown>, parts: string[], value: unknown): void {
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    const next: unknown = Array.isArray(cur) ? cur[Number(k)] : cur[k];
    const copy: Record<string, unknown> | unknown[] = Array.isArray(next) ? [...next] : { ...(next as Record<string, unknown>) };
    if (Array.isArray(cur)) cur[Number(k)] = copy;
    else cur[k] = copy;
    cur = copy;
  }
  const last = parts[parts.length - 1];
  if (Array.isArray(cur)) cur[Number(last)] = value;
  else cur[last] = value;
}
