/**
 * A tiny JSON Schema (draft 2020-12) checker for the keywords the project's schemas use: type, enum,
 * const, required, properties, additionalProperties: false, items, minItems, uniqueItems, minimum,
 * minLength, pattern, oneOf and local $ref. Returns the problems found, empty when the value is valid.
 */
type Schema = Record<string, any>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(actual: string, expected: string): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer');
}

export function checkSchema(value: unknown, schema: Schema, root: Schema = schema, at = '$'): string[] {
  if (schema.$ref) {
    const target = String(schema.$ref).replace(/^#\//, '').split('/').reduce((s: any, k: string) => s?.[k], root);
    if (!target) return [`${at}: unresolved $ref ${schema.$ref}`];
    return checkSchema(value, target, root, at);
  }
  const out: string[] = [];
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((x) => typeMatches(t, x))) return [`${at}: type ${t}, expected ${types.join('|')}`];
  }
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const)) out.push(`${at}: not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) out.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((s: Schema) => checkSchema(value, s, root, at).length === 0).length;
    if (passing !== 1) out.push(`${at}: matches ${passing} of oneOf`);
  }
  if (t === 'string') {
    if (schema.minLength !== undefined && (value as string).length < schema.minLength) out.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value as string)) out.push(`${at}: does not match ${schema.pattern}`);
  }
  if ((t === 'number' || t === 'integer') && schema.minimum !== undefined && (value as number) < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
  if (t === 'array') {
    const arr = value as unknown[];
    if (schema.minItems !== undefined && arr.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.uniqueItems && new Set(arr.map((x) => JSON.stringify(x))).size !== arr.length) out.push(`${at}: items not unique`);
    if (schema.items) arr.forEach((x, i) => out.push(...checkSchema(x, schema.items, root, `${at}[${i}]`)));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in obj)) out.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema.properties?.[k]) out.push(...checkSchema(v, schema.properties[k], root, `${at}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unexpected property ${k}`);
    }
  }
  return out;
}
