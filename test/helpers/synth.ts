import { App, TerraformStack, Testing } from 'cdktf';

/** A synthesized stack as parsed JSON, with lookups by resource type. */
export interface SynthView {
  readonly json: Record<string, any>;
  /** Resources of a type, keyed by logical id. */
  of(type: string): Record<string, Record<string, any>>;
  /** Resource bodies of a type, in logical-id order. */
  list(type: string): Record<string, any>[];
  /** Number of resources of a type. */
  count(type: string): number;
  /** Resource bodies of a type whose logical id contains `part` (ids join the construct path with `_`). */
  withId(type: string, part: string): Record<string, any>[];
}

/** Synthesizes a stack (aspects included) and parses it. */
export function synthView(stack: TerraformStack): SynthView {
  const text = Testing.synth(stack, true);
  const json = JSON.parse(text);
  const of = (type: string) => (json.resource?.[type] ?? {}) as Record<string, Record<string, any>>;
  return {
    json,
    of,
    list: (type) => Object.keys(of(type)).sort().map((k) => of(type)[k]),
    count: (type) => Object.keys(of(type)).length,
    withId: (type, part) =>
      Object.keys(of(type))
        .filter((k) => k.includes(part))
        .sort()
        .map((k) => of(type)[k]),
  };
}

/** A fresh app for a test (cdktf's own Testing app, with its temp dir inside the project). */
export function testApp(): App {
  return Testing.app();
}

/** Runs `fn` and returns the error code it throws, or fails the test. */
export function errorCodeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String((e as { code?: string }).code ?? (e as Error).message);
  }
  throw new Error('expected an error, none was thrown');
}

/**
 * Parses a JSON policy document that holds Terraform interpolations (`${...}`): each interpolation is
 * replaced by `<ref>`, since its inner quotes would otherwise break JSON.parse.
 */
export function parsePolicy(text: string): any {
  return JSON.parse(text.replace(/\$\{[^}]*\}/g, '<ref>'));
}
