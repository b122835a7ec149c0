/**
 * Helpers for writing rules (built-in and users'): verdict constructors and readers that treat every
 * form a block takes alike (a plan writes nested blocks as lists, cdktf writes a single block as an
 * object) and keep unknown values unknown.
 */
import { ResourceView, UNKNOWN, ValuePath, Verdict } from './types';
import { pathKey } from './view';

/** A `pass` verdict: what was found, and the attribute it is about (a path or dot-joined string), if any. */
export const pass = (message: string, path?: ValuePath | string): Verdict => ({ status: 'pass', message, ...(path !== undefined ? { path: pathKey(path) } : {}) });
/** A `fail` verdict: what was found, and the attribute it is about (a path or dot-joined string), if any. */
export const fail = (message: string, path?: ValuePath | string): Verdict => ({ status: 'fail', message, ...(path !== undefined ? { path: pathKey(path) } : {}) });
/**
 * An `unknown` verdict: the value the rule needs is known only after apply (never turn it into a
 * `pass`); the attribute it is about, if any.
 */
export const unknown = (message: string, path?: ValuePath | string): Verdict => ({ status: 'unknown', message, ...(path !== undefined ? { path: pathKey(path) } : {}) });
/** A `not_applicable` verdict: the rule has nothing to say about this resource, and says why. */
export const notApplicable = (message: string): Verdict => ({ status: 'not_applicable', message });

/** Whether a value read from a view is known only after apply. */
export function isUnknown(v: unknown): v is typeof UNKNOWN {
  return v === UNKNOWN;
}

/**
 * The paths of the blocks at `path`: each element of a list, or the path itself for a single block
 * written as an object. Empty when absent or null; UNKNOWN when the block list is unknown.
 */
export function blocks(r: ResourceView, path: ValuePath): ValuePath[] | typeof UNKNOWN {
  const v = r.get(path);
  if (v === UNKNOWN) return UNKNOWN;
  if (Array.isArray(v)) return v.map((_, i) => [...path, i]);
  if (typeof v === 'object' && v !== null) return [path];
  return [];
}

/**
 * The elements of a list attribute, each read through the view (an element may be unknown). A single
 * string stands for a one-element list; absent or null is empty; UNKNOWN when the list is unknown.
 */
export function listAt(r: ResourceView, path: ValuePath): unknown[] | typeof UNKNOWN {
  const v = r.get(path);
  if (v === UNKNOWN) return UNKNOWN;
  if (Array.isArray(v)) return v.map((_, i) => r.get([...path, i]));
  if (v === undefined || v === null) return [];
  return [v];
}

/** A number from a number or numeric string; UNKNOWN stays UNKNOWN; anything else is undefined. */
export function numberAt(r: ResourceView, path: ValuePath): number | typeof UNKNOWN | undefined {
  const v = r.get(path);
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/** A string (numbers and booleans as their text); UNKNOWN stays UNKNOWN; anything else is undefined. */
export function stringAt(r: ResourceView, path: ValuePath): string | typeof UNKNOWN | undefined {
  const v = r.get(path);
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A boolean from a boolean or "true"/"false"; UNKNOWN stays UNKNOWN; anything else is undefined. */
export function boolAt(r: ResourceView, path: ValuePath): boolean | typeof UNKNOWN | undefined {
  const v = r.get(path);
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

/**
 * Parses a JSON document that Terraform interpolations sit inside (a synthesized IAM or bucket policy:
 * `"Resource": "${aws_s3_bucket.b.arn}/*"`); `undefined` when it is not JSON. An interpolation may hold
 * quotes of its own (`${element(split(":", aws_kms_key.k.arn), 4)}`), which Terraform evaluates before
 * the string is JSON: they are escaped, so each interpolation is read as the text it is, `${...}` and all,
 * and `UNKNOWN`-aware readers still see the marker. Braces and quoted strings inside an interpolation are
 * skipped in pairs.
 */
export function parseInterpolatedJson(text: string): unknown {
  let out = '';
  let i = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', i)) {
    let depth = 0;
    let quoted = false;
    let j = start + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quoted) {
        if (c === '\\') j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out += text.slice(i, start) + text.slice(start, j + 1).replace(/\\?"/g, '\\"');
    i = j + 1;
  }
  try {
    return JSON.parse(out + text.slice(i));
  } catch {
    return undefined;
  }
}
