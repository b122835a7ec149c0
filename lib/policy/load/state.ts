/**
 * Terraform state JSON (`terraform show -json` of a state, no plan) to resource views. A state holds
 * applied values only: nothing is unknown and nothing changes; references come from `depends_on`.
 */
import { parseReference } from '../references';
import { Mode, ResourceView } from '../types';
import { isObject, makeView, markedPaths } from '../view';
import { checkFormatVersion, str } from './common';
import { LoadedInput } from './input';
import { moduleOf, moduleResources } from './plan';

/**
 * Loads a state already parsed from JSON (`terraform show -json` of a state). Throws PolicyError for
 * a missing or unsupported major format version.
 */
export function loadState(json: Record<string, unknown>, file: string): LoadedInput {
  const formatVersion = checkFormatVersion(json, file, 'state');
  const resources: ResourceView[] = [];
  const root = isObject(json.values) ? json.values.root_module : undefined;
  for (const r of moduleResources(root)) {
    const address = str(r.address);
    const type = str(r.type);
    if (!address || !type) continue;
    const references = new Map<string, string[]>();
    if (Array.isArray(r.depends_on)) {
      for (const d of r.depends_on) {
        const p = parseReference(d as string);
        if (p) references.set(p.address, ['']);
      }
    }
    resources.push(
      makeView({
        address,
        type,
        name: str(r.name) ?? '',
        mode: (r.mode === 'data' ? 'data' : 'managed') as Mode,
        module: moduleOf(address),
        provider: str(r.provider_name) ?? type.split('_')[0],
        values: isObject(r.values) ? r.values : {},
        sensitive: markedPaths(r.sensitive_values),
        references,
        actions: [],
        source: 'state',
        file,
      }),
    );
  }
  return { file, source: 'state', resources, formatVersion, terraformVersion: str(json.terraform_version), notes: [], suppressions: [] };
}
