import { AiraError, ErrorCodes } from './errors';
import type { Plane } from './planes';

/** Data classification of what a resource holds, from least to most sensitive. */
export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
/** One data classification (`'public'` to `'restricted'`), kept as the `aira:data-classification` tag (Google: `aira-data-classification` label). */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** Technology level of the reference architecture a resource belongs to. */
export type Level = 2 | 3 | 4;

/**
 * The project's tagging scheme: the same six facts on every taggable resource of every cloud, so cost
 * reports, policy rules and audits can group resources the same way everywhere.
 */
export interface AiraTagValues {
  /** Network plane the resource serves, or `shared` for resources serving every plane. @default none */
  readonly plane?: Plane | 'shared';
  /** Reference-architecture level. @default none */
  readonly level?: Level;
  /** Workload name, for example `llm-pretraining`. @default none */
  readonly workload?: string;
  /** Owning team or person, for example `ml-platform`. @default none */
  readonly owner?: string;
  /** Cost center for chargeback. @default none */
  readonly costCenter?: string;
  /** Sensitivity of the data the resource holds or processes. @default none */
  readonly dataClassification?: DataClassification;
}

/** Logical tag names in the scheme's fixed order (output order never depends on input order). */
const TAG_NAMES: ReadonlyArray<[keyof AiraTagValues, string]> = [
  ['plane', 'plane'],
  ['level', 'level'],
  ['workload', 'workload'],
  ['owner', 'owner'],
  ['costCenter', 'cost-center'],
  ['dataClassification', 'data-classification'],
];

/** Cloud whose tag rules apply. */
export type TagDialect = 'aws' | 'azure' | 'gcp';

// Common denominator accepted before any cloud formatting: AWS allows letters, digits, spaces and
// `_ . : / = + - @` in tag values (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
const NEUTRAL_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u;
// Google labels: lowercase letters, digits, `_` and `-`, at most 63 characters
// (cloud.google.com/resource-manager/docs/labels-overview#requirements).
const GCP_MAX = 63;

/**
 * Checks every value against the rules all three clouds share, so a tag that works on one cloud works
 * on the others. Throws AIRA_E_INVALID_TAG with the offending name.
 */
export function validateTagValues(values: AiraTagValues, where: string): void {
  for (const [key] of TAG_NAMES) {
    const v = values[key];
    if (v === undefined) continue;
    const text = String(v);
    if (!NEUTRAL_VALUE.test(text)) {
      throw new AiraError(ErrorCodes.INVALID_TAG, where, `tag ${key} "${text}" is empty, longer than 256 characters or has characters outside letters, digits, spaces and _ . : / = + - @`, 'use a short value of letters, digits and - _');
    }
    if (gcpValue(text).length > GCP_MAX) {
      throw new AiraError(ErrorCodes.INVALID_TAG, where, `tag ${key} "${text}" is longer than the ${GCP_MAX} characters a Google label holds`, `shorten it to ${GCP_MAX} characters or fewer`);
    }
  }
}

function gcpValue(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
}

/**
 * Formats tag values for one cloud: AWS and Azure keep `aira:<name>` and the value as given; Google
 * labels become `aira-<name>` with the value lowercased and any character outside `[a-z0-9_-]` turned
 * into `_`.
 */
export function formatTags(values: AiraTagValues, dialect: TagDialect): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of TAG_NAMES) {
    const v = values[key];
    if (v === undefined) continue;
    const text = key === 'level' ? `level-${v}` : String(v);
    if (dialect === 'gcp') out[`aira-${name}`] = gcpValue(text);
    else out[`aira:${name}`] = text;
  }
  return out;
}

/** The key a cloud uses for one logical tag name (for rules that read tags back). */
export function tagKey(name: (typeof TAG_NAMES)[number][1], dialect: TagDialect): string {
  return dialect === 'gcp' ? `aira-${name}` : `aira:${name}`;
}

/** Converts free text (for example a flow's reason) to a valid Google label value. */
export function toLabelValue(text: string): string {
  return gcpValue(text).slice(0, GCP_MAX);
}
