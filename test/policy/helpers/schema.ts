/**
 * A small JSON Schema validator (draft-04/07 keywords the project's schemas use: type, const, enum,
 * required, properties, additionalProperties, items, minItems, uniqueItems, minimum, maximum,
 * minLength, pattern, anyOf, $ref to #/definitions). Returns the errors, empty when valid.
 */
type Schema = Record<string, any>;

export function validate(schema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const root = schema;
  const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const check = (s: Schema, v: unknown, at: string): void => {
    if (s.$ref) {
      const name = String(s.$ref).replace('#/definitions/', '');
      const target = root.definitions?.[name];
      if (!target) throw new Error(`unknown $ref ${s.$ref}`);
      check(target, v, at);
    }
    if (s.type) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) errors.push(`${at}: expected ${types.join('|')}, got ${t}`);
    }
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) errors.push(`${at}: expected ${JSON.stringify(s.const)}`);
    if (s.enum && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if (typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
      if (s.pattern && !new RegExp(s.pattern).test(v)) errors.push(`${at}: does not match ${s.pattern}`);
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) errors.push(`${at}: below ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) errors.push(`${at}: above ${s.maximum}`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
      if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) errors.push(`${at}: items not unique`);
      if (s.items) v.forEach((x, i) => check(s.items, x, `${at}[${i}]`));
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (!(k in o)) errors.push(`${at}: missing ${k}`);
      for (const [k, x] of Object.entries(o)) {
        if (s.properties?.[k]) check(s.properties[k], x, `${at}.${k}`);
        else if (s.additionalProperties === false && s.properties) errors.push(`${at}: unexpected property ${k}`);
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, x, `${at}.${k}`);
      }
    }
    if (s.anyOf) {
      const ok = s.anyOf.some((alt: Schema) => validate({ ...alt, definitions: root.definitions }, v).length === 0);
      if (!ok) errors.push(`${at}: matches none of anyOf`);
    }
  };
  check(schema, value, '$');
  return errors;
}
