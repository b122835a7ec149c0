import { Action, Mode, ResourceView, Source, UNKNOWN, ValuePath } from './types';

/** Deepest nesting the engine walks; deeper values are treated as unknown, never as passing. */
export const MAX_DEPTH = 64;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `['a', 0, 'b']` or `'a.0.b'` as the dot-joined key the view's path sets use. */
export function pathKey(path: ValuePath | string): string {
  return typeof path === 'string' ? path : path.join('.');
}

function pathParts(path: ValuePath | string): ReadonlyArray<string | number> {
  return typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
}

/** Whether `x` is a plain JSON object (not an array, not null). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The paths of a Terraform marker tree (`after_unknown`, `after_sensitive`) whose value is `true`.
 * Iterative, so hostile nesting cannot overflow the stack; a subtree deeper than MAX_DEPTH is marked
 * whole (unknown is the safe reading).
 */
export function markedPaths(tree: unknown): Set<string> {
  const out = new Set<string>();
  if (tree === true) out.add('');
  else if (typeof tree === 'object' && tree !== null) walkMarks(tree, '', 0, out);
  return out;
}

// Recursion is bounded by MAX_DEPTH, so hostile nesting cannot overflow the stack.
function walkMarks(node: object, prefix: string, depth: number, out: Set<string>): void {
  if (depth >= MAX_DEPTH) {
    out.add(prefix);
    return;
  }
  const visit = (k: string, v: unknown) => {
    if (v === true) out.add(prefix === '' ? k : `${prefix}.${k}`);
    else if (typeof v === 'object' && v !== null) walkMarks(v, prefix === '' ? k : `${prefix}.${k}`, depth + 1, out);
  };
  if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(String(i), node[i]);
  else for (const k of Object.keys(node)) visit(k, (node as Record<string, unknown>)[k]);
}

/** First segments of a path set, so most lookups end without building a key. */
function topsOf(set: ReadonlySet<string>): ReadonlySet<string> {
  const tops = new Set<string>();
  for (const p of set) {
    const dot = p.indexOf('.');
    tops.add(dot < 0 ? p : p.slice(0, dot));
  }
  return tops;
}

function coversPath(set: ReadonlySet<string>, tops: ReadonlySet<string>, parts: ReadonlyArray<string | number>): boolean {
  if (set.size === 0) return false;
  if (set.has('')) return true;
  if (parts.length === 0 || !tops.has(String(parts[0]))) return false;
  let key = '';
  for (let i = 0; i < parts.length; i++) {
    key = i === 0 ? String(parts[0]) : `${key}.${parts[i]}`;
    if (set.has(key)) return true;
  }
  return false;
}

/** Everything a loader knows about one resource. */
export interface ViewInit {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: Mode;
  /** Module address (`module.a.module.b`). @default '' (the root module) */
  readonly module?: string;
  readonly provider: string;
  readonly values: Record<string, unknown>;
  /** Paths (dot-joined) whose value is known only after apply. @default none: every value is known */
  readonly unknown?: ReadonlySet<string>;
  /** Paths (dot-joined) Terraform marks sensitive. @default none: no value is sensitive */
  readonly sensitive?: ReadonlySet<string>;
  /** Config addresses the resource references, each with the local attribute paths that hold the reference. @default none: no references */
  readonly references?: ReadonlyMap<string, readonly string[]>;
  /** Planned actions. @default [] (the source has none, as in a synthesized stack or a state) */
  readonly actions?: readonly Action[];
  /** Attribute paths (dot-joined) that force a replacement. @default [] */
  readonly replacePaths?: readonly string[];
  /** Terraform's `action_reason`. @default none: the view has no `actionReason` */
  readonly actionReason?: string;
  /** cdktf construct path. @default none: the view has no `constructPath` */
  readonly constructPath?: string;
  /**
   * A plan's configuration expressions of the resource (`configuration...resources[].expressions`),
   * kept by reference and read only by `configText`. @default none: `configText` of a plan or state view
   * is undefined (a synthesized view reads its own values)
   */
  readonly expressions?: Readonly<Record<string, unknown>>;
  readonly source: Source;
  readonly file: string;
}

/**
 * The node at `parts` below `root`, own properties only (a key like `__proto__` must never reach the
 * prototype); list indexes as numbers or digit strings. Undefined when any step is missing.
 */
function rawAt(root: unknown, parts: ReadonlyArray<string | number>): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (Array.isArray(cur)) {
      const i = typeof p === 'number' ? p : /^\d+$/.test(p) ? Number(p) : NaN;
      if (!(i >= 0 && i < cur.length)) return undefined;
      cur = cur[i];
    } else if (isObject(cur)) {
      const k = String(p);
      if (!hasOwn(cur, k)) return undefined;
      cur = cur[k];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Whether a node of a plan's `expressions` tree is an expression (rather than a nested block). */
const isExpression = (o: Record<string, unknown>): boolean => hasOwn(o, 'constant_value') || hasOwn(o, 'references');

/**
 * The constant at `parts` of a plan's expressions: blocks are walked as objects (or lists of objects);
 * once an expression is reached, the rest of the path reads into its `constant_value` (an element of a
 * constant list). Bounded by the path's length.
 */
function constantAt(expressions: Readonly<Record<string, unknown>>, parts: ReadonlyArray<string | number>): unknown {
  let cur: unknown = expressions;
  for (let i = 0; i < parts.length; i++) {
    if (isObject(cur) && isExpression(cur)) return rawAt(cur.constant_value, parts.slice(i));
    cur = rawAt(cur, [parts[i]]);
  }
  return isObject(cur) && isExpression(cur) ? cur.constant_value : undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_MAP: ReadonlyMap<string, readonly string[]> = new Map();

/** The engine's implementation of ResourceView. */
class View implements ResourceView {
  public readonly address: string;
  public readonly configAddress: string;
  public readonly type: string;
  public readonly name: string;
  public readonly mode: Mode;
  public readonly module: string;
  public readonly provider: string;
  public readonly values: Readonly<Record<string, unknown>>;
  public readonly unknown: ReadonlySet<string>;
  public readonly sensitive: ReadonlySet<string>;
  public readonly references: ReadonlyMap<string, readonly string[]>;
  public readonly actions: readonly Action[];
  public readonly replacePaths: readonly string[];
  public readonly actionReason?: string;
  public readonly constructPath?: string;
  public readonly source: Source;
  public readonly file: string;
  private readonly expressions?: Readonly<Record<string, unknown>>;
  private unknownTops?: ReadonlySet<string>;
  private sensitiveTops?: ReadonlySet<string>;

  constructor(init: ViewInit) {
    this.address = init.address;
    this.configAddress = stripInstanceKeys(init.address);
    this.type = init.type;
    this.name = init.name;
    this.mode = init.mode;
    this.module = init.module ?? '';
    this.provider = init.provider;
    this.values = init.values;
    this.unknown = init.unknown ?? EMPTY_SET;
    this.sensitive = init.sensitive ?? EMPTY_SET;
    this.references = init.references ?? EMPTY_MAP;
    this.actions = init.actions ?? [];
    this.replacePaths = init.replacePaths ?? [];
    if (init.actionReason !== undefined) this.actionReason = init.actionReason;
    if (init.constructPath !== undefined) this.constructPath = init.constructPath;
    if (init.expressions !== undefined) this.expressions = init.expressions;
    this.source = init.source;
    this.file = init.file;
  }

  public get(path: ValuePath | string): unknown {
    const parts = pathParts(path);
    if (this.isUnknownParts(parts)) return UNKNOWN;
    return rawAt(this.values, parts);
  }

  public configText(path: ValuePath | string): string | undefined {
    const parts = pathParts(path);
    if (parts.length === 0) return undefined;
    // A synthesized stack is the configuration: its values are the text as written.
    const v = this.source === 'synth' ? rawAt(this.values, parts) : this.expressions ? constantAt(this.expressions, parts) : undefined;
    return typeof v === 'string' ? v : undefined;
  }

  public isUnknown(path: ValuePath | string): boolean {
    return this.isUnknownParts(pathParts(path));
  }

  public isSensitive(path: ValuePath | string): boolean {
    if (this.sensitive.size === 0) return false;
    this.sensitiveTops ??= topsOf(this.sensitive);
    return coversPath(this.sensitive, this.sensitiveTops, pathParts(path));
  }

  private isUnknownParts(parts: ReadonlyArray<string | number>): boolean {
    if (this.unknown.size === 0) return false;
    this.unknownTops ??= topsOf(this.unknown);
    return coversPath(this.unknown, this.unknownTops, parts);
  }
}

/** Builds a resource view. */
export function makeView(init: ViewInit): ResourceView {
  return new View(init);
}

/**
 * A Terraform address without instance keys: `module.a["x"].aws_s3_bucket.b[0]` becomes
 * `module.a.aws_s3_bucket.b`, the form configuration references use. Keys may be quoted strings
 * holding brackets.
 */
export function stripInstanceKeys(address: string): string {
  if (!address.includes('[')) return address;
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (depth > 0) {
      if (quoted) {
        if (c === '\\') i++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      continue;
    }
    if (c === '[') depth = 1;
    else out += c;
  }
  return out;
}
