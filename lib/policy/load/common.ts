import { PolicyError, PolicyErrorCodes } from '../errors';

/** A string field, or undefined for any other type. */
export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** Major versions of `terraform show -json` output this engine reads. */
export const SUPPORTED_MAJORS = [0, 1];

/**
 * Checks `format_version` of a plan or state: 0.x and 1.x are read (minor versions only add fields);
 * a later major may change meanings, so it is rejected rather than misread.
 */
export function checkFormatVersion(json: Record<string, unknown>, file: string, kind: 'plan' | 'state'): string {
  const v = json.format_version;
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)/.exec(v) : null;
  if (!m) {
    throw new PolicyError(
      PolicyErrorCodes.UNKNOWN_INPUT,
      file,
      `looks like a Terraform ${kind} but has no valid "format_version" (got ${JSON.stringify(v)?.slice(0, 40) ?? 'nothing'})`,
      `pass the output of \`terraform show -json\` unchanged`,
    );
  }
  const major = Number(m[1]);
  if (!SUPPORTED_MAJORS.includes(major)) {
    throw new PolicyError(
      PolicyErrorCodes.UNSUPPORTED_FORMAT,
      file,
      `${kind} format_version ${v} is not supported (this engine reads ${SUPPORTED_MAJORS.map((x) => `${x}.x`).join(' and ')})`,
      'upgrade aira-constructs, or produce the file with a Terraform release whose JSON output is 1.x',
    );
  }
  return v as string;
}
