import { ResourceView, Source, Suppression } from '../types';

/** One loaded input: a plan, a state or one synthesized stack, normalized to resource views. */
export interface LoadedInput {
  /** The file, as the user named it (relative paths stay relative). */
  readonly file: string;
  readonly source: Source;
  readonly resources: readonly ResourceView[];
  /**
   * The cdktf stack name, for synthesized stacks (from the manifest or the stack's folder).
   * @default none: a plan or state, or a synthesized file read without a stack name
   */
  readonly stack?: string;
  /** `format_version` of a plan or state (checked: 0.x or 1.x). @default none: a synthesized stack has none */
  readonly formatVersion?: string;
  /** `terraform_version` of a plan or state, as Terraform wrote it. @default none: a synthesized stack, or a file without the field */
  readonly terraformVersion?: string;
  /** What the engine could not look into (module calls of a synthesized stack, skipped entries). */
  readonly notes: readonly string[];
  /** Suppressions that belong to this input (the stack's `aira-suppressions.json`). */
  readonly suppressions: readonly Suppression[];
  /** 1-based line of a resource in the input file, where it can be found (for SARIF locations). */
  lineOf?(address: string): number | undefined;
}

/** The raw text of an input, to find the line of each resource lazily. */
export function lineFinder(text: string, pattern: (address: string) => string): (address: string) => number | undefined {
  let starts: number[] | undefined;
  return (address) => {
    const at = text.indexOf(pattern(address));
    if (at < 0) return undefined;
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
