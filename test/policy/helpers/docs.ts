import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../../lib/policy/builtin';
import { checkInputs } from '../../../lib/policy/check';
import { LoadedInput, loadDocument } from '../../../lib/policy/load';
import { PolicyResult } from '../../../lib/policy/types';

/** The shared real-data fixtures, beside the project. */
export const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures');
export const HAVE_FIXTURES = fs.existsSync(path.join(FIXTURES, 'SOURCES.tsv'));

/** A scratch folder for one test file, inside the project's ignored .tmp. */
export function scratch(name: string): string {
  const dir = path.resolve(__dirname, '../../../.tmp/policy-tests', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** One resource of a hand-made plan. */
export interface PlanRes {
  readonly type: string;
  readonly name: string;
  readonly values?: Record<string, unknown>;
  readonly actions?: string[];
  readonly afterUnknown?: Record<string, unknown>;
  readonly afterSensitive?: Record<string, unknown>;
  readonly before?: Record<string, unknown> | null;
  readonly module?: string;
  readonly index?: number | string;
  readonly replacePaths?: unknown[][];
  readonly actionReason?: string;
  /** Configuration expressions; default: a constant for each value key. */
  readonly expressions?: Record<string, unknown>;
  readonly mode?: 'managed' | 'data';
}

/** A `terraform show -json` plan of the given resources (format 1.2 unless told). */
export function planDoc(rs: readonly PlanRes[], formatVersion = '1.2'): Record<string, any> {
  const addr = (r: PlanRes) =>
    `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${r.index === undefined ? '' : typeof r.index === 'number' ? `[${r.index}]` : `["${r.index}"]`}`;
  const configFor = (r: PlanRes) => ({
    address: `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`,
    mode: r.mode ?? 'managed',
    type: r.type,
    name: r.name,
    expressions: r.expressions ?? Object.fromEntries(Object.entries(r.values ?? {}).map(([k, v]) => [k, { constant_value: v }])),
  });
  const root = rs.filter((r) => !r.module);
  const byModule = new Map<string, PlanRes[]>();
  for (const r of rs.filter((x) => x.module)) byModule.set(r.module!, [...(byModule.get(r.module!) ?? []), r]);
  return {
    format_version: formatVersion,
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: root.map((r) => ({ address: addr(r), mode: r.mode ?? 'managed', type: r.type, name: r.name, values: r.values ?? {} })) } },
    resource_changes: rs.map((r) => ({
      address: addr(r),
      ...(r.module ? { module_address: r.module } : {}),
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      ...(r.index !== undefined ? { index: r.index } : {}),
      provider_name: `registry.terraform.io/hashicorp/${r.type.split('_')[0] === 'google' ? 'google' : r.type.split('_')[0]}`,
      change: {
        actions: r.actions ?? ['create'],
        before: r.before === undefined ? null : r.before,
        after: (r.actions ?? ['create']).join() === 'delete' ? null : (r.values ?? {}),
        after_unknown: r.afterUnknown ?? {},
        before_sensitive: false,
        after_sensitive: r.afterSensitive ?? {},
        ...(r.replacePaths ? { replace_paths: r.replacePaths } : {}),
      },
      ...(r.actionReason ? { action_reason: r.actionReason } : {}),
    })),
    configuration: {
      provider_config: {},
      root_module: {
        resources: root.map(configFor),
        module_calls: Object.fromEntries([...byModule].map(([m, list]) => [m.replace(/^module\./, ''), { module: { resources: list.map(configFor) } }])),
      },
    },
  };
}

/** A synthesized cdktf stack (cdk.tf.json) of the given resources: `{ type: { id: body } }`. */
export function synthDoc(resources: Record<string, Record<string, Record<string, unknown>>>, data: Record<string, Record<string, Record<string, unknown>>> = {}): Record<string, any> {
  const withMeta = (block: Record<string, Record<string, Record<string, unknown>>>) =>
    Object.fromEntries(
      Object.entries(block).map(([t, byId]) => [t, Object.fromEntries(Object.entries(byId).map(([id, b]) => [id, { '//': { metadata: { path: `stack/${id}`, uniqueId: id } }, ...b }]))]),
    );
  return {
    '//': { metadata: { backend: 'local', stackName: 'stack', version: '0.21.0' } },
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' }, azurerm: { source: 'azurerm', version: '4.55.0' }, google: { source: 'google', version: '6.50.0' } } },
    resource: withMeta(resources),
    ...(Object.keys(data).length ? { data: withMeta(data) } : {}),
  };
}

/** Loads a document and checks it with the built-in rules; returns every result. */
export function checkDoc(doc: unknown, file = 'doc.json'): { input: LoadedInput; results: readonly PolicyResult[] } {
  const input = loadDocument(doc, file);
  const bundle = checkInputs([input], { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, includePassed: true });
  return { input, results: bundle.all };
}

/** The status of one rule on one address. */
export function statusOf(results: readonly PolicyResult[], ruleId: string, address: string): string | undefined {
  return results.find((r) => r.ruleId === ruleId && r.address === address)?.status;
}
