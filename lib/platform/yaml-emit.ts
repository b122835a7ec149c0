/**
 * A tiny, deterministic YAML emitter for the Kubernetes manifests the platforms generate, without a
 * dependency: block mappings and sequences, two-space indentation, keys in the order given, strings
 * double-quoted whenever a plain scalar could be read as something else (numbers, booleans, null,
 * YAML indicators), empty collections as `{}` and `[]`. The same value always gives the same text.
 */

/** A value the emitter writes. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

// Plain scalars that a YAML 1.1 or 1.2 reader would turn into another type, and indicator characters.
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.:eExXoObB+-]*)$/i;
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`YAML emitter: ${v} is not a finite number`);
    return String(v);
  }
  if (PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ')) return v;
  // JSON strings are valid YAML double-quoted scalars.
  return JSON.stringify(v);
}

function key(k: string): string {
  return PLAIN.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function isMap(v: YamlValue): v is { readonly [key: string]: YamlValue | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lines(v: YamlValue, indent: string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${indent}[]`];
    const out: string[] = [];
    for (const item of v as readonly YamlValue[]) {
      if ((isMap(item) && Object.keys(item).some((k) => item[k] !== undefined)) || (Array.isArray(item) && item.length > 0)) {
        const inner = lines(item, `${indent}  `);
        // The first line of a nested block goes on the dash's line.
        out.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
      } else {
        out.push(`${indent}- ${inline(item)}`);
      }
    }
    return out;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return [`${indent}{}`];
    const out: string[] = [];
    for (const k of keys) {
      const child = v[k] as YamlValue;
      const nested = (isMap(child) && Object.keys(child).some((c) => child[c] !== undefined)) || (Array.isArray(child) && child.length > 0);
      if (nested) out.push(`${indent}${key(k)}:`, ...lines(child, `${indent}  `));
      else out.push(`${indent}${key(k)}: ${inline(child)}`);
    }
    return out;
  }
  return [`${indent}${scalar(v as string | number | boolean | null)}`];
}

function inline(v: YamlValue): string {
  if (Array.isArray(v)) return '[]';
  if (isMap(v)) return '{}';
  return scalar(v as string | number | boolean | null);
}

/** One YAML document of a value, ending in a newline. */
export function toYaml(value: YamlValue): string {
  return `${lines(value, '').join('\n')}\n`;
}

/** A stream of YAML documents separated by `---`, for `kubectl apply -f`. */
export function toYamlStream(values: readonly YamlValue[]): string {
  return values.map((v) => `---\n${toYaml(v)}`).join('');
}
