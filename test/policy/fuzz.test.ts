/**
 * Property-based robustness of the loader and the engine: malformed and adversarial plans (wrong types
 * at every level, missing keys, huge strings, deep nesting, prototype-pollution keys) give a clear
 * PolicyError or a report, never an uncaught exception, a rule error or a hang.
 */
import fc from 'fast-check';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { isPolicyError } from '../../lib/policy/errors';
import { LoadedInput, loadText } from '../../lib/policy/load';
import { FORMATS, render } from '../../lib/policy/reporters';
import { parseSuppressionsText } from '../../lib/policy/suppressions-file';
import { planDoc, synthDoc } from './helpers/docs';

const KEYS = ['__proto__', 'constructor', 'prototype', 'resource_changes', 'change', 'after', 'after_unknown', 'actions', 'address', 'type', 'values', 'ingress', 'cidr_blocks', 'rule', 'format_version', 'resource', '//', 'references', 'expressions'];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('0.0.0.0/0', '*', '-1', '22', '20-25', '${aws_vpc.a.id}', '${', 'delete', 'create', 'aws_s3_bucket.x', '1.2', '9.0'),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);
const { value: junk } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
}));

/** Sets a value at a random path of a document (wrong types at every level). */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (!path.length || typeof doc !== 'object' || doc === null) return value;
  const keys = Object.keys(doc);
  if (!keys.length) return value;
  const k = keys[path[0] % keys.length];
  const copy: any = Array.isArray(doc) ? [...doc] : { ...doc };
  copy[k] = mutate(copy[k], path.slice(1), value);
  return copy;
}

const basePlan = planDoc([
  { type: 'aws_s3_bucket', name: 'b', values: { server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }] }, afterUnknown: { id: true } },
  { type: 'aws_security_group', name: 'g', values: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
  { type: 'azurerm_network_security_rule', name: 'r', values: { direction: 'Inbound', access: 'Allow', protocol: '*', destination_port_range: '*', source_address_prefix: '*' } },
  { type: 'google_compute_firewall', name: 'f', values: { allow: [{ protocol: 'tcp', ports: ['22'] }] } },
  { type: 'azurerm_storage_account', name: 's', values: { https_traffic_only_enabled: false } },
  { type: 'aws_ebs_volume', name: 'v', actions: ['delete', 'create'], values: {}, before: {}, replacePaths: [['size']] },
]);
const baseSynth = synthDoc({ aws_s3_bucket: { b: {} }, aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } } });

/** Loads and checks text; returns 'rejected' for a clear PolicyError, else the report, and rethrows anything else. */
function checkText(text: string): 'rejected' | ReturnType<typeof checkInputs> {
  let input: LoadedInput;
  try {
    input = loadText(text, 'fuzz.json');
  } catch (e) {
    if (isPolicyError(e)) return 'rejected';
    throw e;
  }
  const bundle = checkInputs([input], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, includePassed: true });
  for (const f of FORMATS) render(f, bundle);
  return bundle;
}

const NO_POLLUTION = () => expect(({} as Record<string, unknown>).polluted).toBeUndefined();

describe('fuzzing the loader and the engine', () => {
  test('arbitrary JSON values: a clear error or a report', () => {
    fc.assert(
      fc.property(junk, (doc) => {
        checkText(JSON.stringify(doc));
      }),
      { numRuns: 300 },
    );
    NO_POLLUTION();
  });

  test('valid plans and stacks with wrong types at random places: no crash and no rule error', () => {
    fc.assert(
      fc.property(fc.constantFrom(basePlan, baseSynth), fc.array(fc.nat(), { maxLength: 8 }), junk, (base, path, value) => {
        const out = checkText(JSON.stringify(mutate(base, path, value)));
        if (out !== 'rejected') expect(out.report.summary.byStatus.error).toBe(0);
      }),
      { numRuns: 400 },
    );
    NO_POLLUTION();
  });

  test('prototype-pollution keys anywhere stay data', () => {
    const text = JSON.stringify(basePlan).replace(/"after":\{(?=")/g, '"after":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    expect(text).toContain('"__proto__":{"polluted":true}');
    const out = checkText(text);
    expect(out).not.toBe('rejected');
    NO_POLLUTION();
    expect(parseSuppressionsText('[{"__proto__":{"polluted":1},"id":"A-B-1","address":"x.y","reason":"long enough reason"}]', 's.json')).toHaveLength(1);
    NO_POLLUTION();
  });

  test('deep nesting and huge strings finish quickly', () => {
    const depth = 3000;
    const deep = `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
    const doc = JSON.stringify(basePlan).replace('"after_unknown":{"id":true}', `"after_unknown":${deep}`).replace('"after":{"server_side', `"after":{"deep":${deep},"server_side`);
    const t0 = Date.now();
    const out = checkText(doc);
    expect(out === 'rejected' || out.report.summary.byStatus.error === 0).toBe(true);
    const huge = JSON.stringify(planDoc([{ type: 'aws_security_group', name: 'g', values: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['x'.repeat(5_000_000)] }] } }]));
    expect(checkText(huge)).not.toBe('rejected');
    expect(checkText(`{"resource":${deep}}`)).toBeDefined();
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('JSON cut at every position of a small plan: a clear error or a report', () => {
    const text = JSON.stringify(planDoc([{ type: 'aws_s3_bucket', name: 'b', values: {} }]));
    for (let i = 0; i < text.length; i += 7) expect(() => checkText(text.slice(0, i))).not.toThrow();
  });
});
