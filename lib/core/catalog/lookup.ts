import { AiraError, ErrorCodes } from '../errors';
import { AWS_SKUS } from './aws-skus';
import { AZURE_SKUS } from './azure-skus';
import { GCP_SKUS } from './gcp-skus';
import { AcceleratorFamily, Cloud, SkuSpec } from './types';

/** Date the catalog as a whole was last reviewed. */
export const CATALOG_AS_OF = '2026-11-01';

/** Every SKU id the catalog knows (offered for autocompletion; any string is accepted too). */
export type KnownSkuId =
  | (typeof AWS_SKUS)[number]['id']
  | (typeof AZURE_SKUS)[number]['id']
  | (typeof GCP_SKUS)[number]['id'];

const ALL: readonly SkuSpec[] = [...AWS_SKUS, ...AZURE_SKUS, ...GCP_SKUS];
const BY_ID = new Map<string, SkuSpec>(ALL.map((s) => [s.id, s]));

/** The catalog entry of a SKU id, or undefined. */
export function findSku(id: string): SkuSpec | undefined {
  return BY_ID.get(id);
}

/** Filter for `listSkus`. */
export interface SkuFilter {
  /** Only SKUs of this cloud. @default every cloud */
  readonly cloud?: Cloud;
  /** Only SKUs of this accelerator family. @default every family */
  readonly family?: AcceleratorFamily;
}

/** Catalog entries, in catalog order, optionally filtered by cloud and family. */
export function listSkus(filter: SkuFilter = {}): readonly SkuSpec[] {
  return ALL.filter((s) => (!filter.cloud || s.cloud === filter.cloud) && (!filter.family || s.family === filter.family));
}

/** The catalog ids closest to a misspelt one, for error messages. */
export function suggestSkus(id: string, max = 3): string[] {
  const target = id.toLowerCase();
  return ALL.map((s) => ({ id: s.id, d: editDistance(target, s.id.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Throws AIRA_E_UNKNOWN_SKU for an id the catalog lacks, with the nearest ids and the escape hatch. */
export function requireSku(id: string, where: string): SkuSpec {
  const spec = findSku(id);
  if (spec) return spec;
  throw new AiraError(
    ErrorCodes.UNKNOWN_SKU,
    where,
    `SKU "${id}" is not in the catalog (nearest: ${suggestSkus(id).join(', ')})`,
    'use a catalog id, or AcceleratorSku.unlisted({...}) stating the SKU\'s facts yourself',
  );
}
