/**
 * Errors of the policy engine and the `aira` CLI: bad input files, bad rules, bad options. Kept apart
 * from lib/core/errors.ts so the plan-check path loads nothing else; the shape (stable code, where,
 * problem, fix) and the `airaError` marker are the same, so `AiraError.isAiraError` accepts them.
 */

/** Stable codes. Never renumber or reuse a code. */
export const PolicyErrorCodes = {
  /** The input is not readable (missing file, directory without stacks, permission). */
  UNREADABLE_INPUT: 'AIRA_E_POLICY_UNREADABLE_INPUT',
  /** The input is not valid JSON (or YAML, for suppression files). */
  INVALID_JSON: 'AIRA_E_POLICY_INVALID_JSON',
  /** Valid JSON, but not a Terraform plan, state or cdktf stack. */
  UNKNOWN_INPUT: 'AIRA_E_POLICY_UNKNOWN_INPUT',
  /** A plan or state of a major format version this engine does not read. */
  UNSUPPORTED_FORMAT: 'AIRA_E_POLICY_UNSUPPORTED_FORMAT',
  /** A rule or pack that breaks the rule contract (missing metadata, duplicate id, unknown rule in a pack). */
  INVALID_RULE: 'AIRA_E_POLICY_INVALID_RULE',
  /** A pack name no loaded pack has. */
  UNKNOWN_PACK: 'AIRA_E_POLICY_UNKNOWN_PACK',
  /** A suppression without id, address or a reason of at least 10 characters. */
  INVALID_SUPPRESSION: 'AIRA_E_POLICY_INVALID_SUPPRESSION',
  /** A bad command-line option or option value. */
  USAGE: 'AIRA_E_POLICY_USAGE',
} as const;

/** One of the stable codes of `PolicyErrorCodes` (for example `'AIRA_E_POLICY_USAGE'`), as `PolicyError.code` holds it. */
export type PolicyErrorCode = (typeof PolicyErrorCodes)[keyof typeof PolicyErrorCodes];

/** Error of the policy engine: `CODE: where: problem. Fix: fix`, one line, no stack trace. */
export class PolicyError extends Error {
  /** Same marker as AiraError, so callers catch both alike. */
  public readonly airaError = true;

  constructor(
    public readonly code: PolicyErrorCode,
    public readonly where: string,
    public readonly problem: string,
    public readonly fix: string,
  ) {
    super(`${code}: ${where}: ${problem}. Fix: ${fix}`);
    this.name = 'PolicyError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Whether a value is a PolicyError (also across module copies). */
export function isPolicyError(x: unknown): x is PolicyError {
  return typeof x === 'object' && x !== null && (x as { airaError?: unknown }).airaError === true && typeof (x as { code?: unknown }).code === 'string';
}
