/**
 * One error type for every bad input the library rejects. Each carries a stable code (safe to match in
 * scripts and tests), the construct path or file it concerns, and the fix, so a user sees one clear line
 * instead of a stack trace.
 */

/** Stable error codes. Never renumber or reuse a code; add new ones at the end of their group. */
export const ErrorCodes = {
  /** A prop has a value outside its documented domain. */
  INVALID_PROP: 'AIRA_E_INVALID_PROP',
  /** A required prop is missing. */
  MISSING_PROP: 'AIRA_E_MISSING_PROP',
  /** A prop combination or option the target cloud cannot express. */
  UNSUPPORTED_OPTION: 'AIRA_E_UNSUPPORTED_OPTION',
  /** A CIDR string that does not parse. */
  INVALID_CIDR: 'AIRA_E_INVALID_CIDR',
  /** Two address ranges of one address space overlap. */
  CIDR_OVERLAP: 'AIRA_E_CIDR_OVERLAP',
  /** A base range too small for the planes and zones requested. */
  CIDR_TOO_SMALL: 'AIRA_E_CIDR_TOO_SMALL',
  /** A name that is not one of the reference architecture's planes, or a plane the network lacks. */
  UNKNOWN_PLANE: 'AIRA_E_UNKNOWN_PLANE',
  /** A flow declaration that is not allowed (self flow, bad port, short reason, air-gap breach). */
  INVALID_FLOW: 'AIRA_E_INVALID_FLOW',
  /** A zone that is not in the network's zones, or not of its region. */
  UNKNOWN_ZONE: 'AIRA_E_UNKNOWN_ZONE',
  /** A SKU id the catalog does not know, used where a catalog entry is required. */
  UNKNOWN_SKU: 'AIRA_E_UNKNOWN_SKU',
  /** A SKU of another cloud than the construct's. */
  SKU_WRONG_CLOUD: 'AIRA_E_SKU_WRONG_CLOUD',
  /** A SKU not offered in the requested region or zone. */
  UNAVAILABLE_IN_REGION: 'AIRA_E_UNAVAILABLE_IN_REGION',
  /** A SKU past its retirement date. */
  SKU_RETIRED: 'AIRA_E_SKU_RETIRED',
  /** A tag or label that breaks the cloud's key or value rules. */
  INVALID_TAG: 'AIRA_E_INVALID_TAG',
  /** A resource name that breaks the cloud's naming rules. */
  INVALID_NAME: 'AIRA_E_INVALID_NAME',
  /** Public exposure requested where the air gap or zero trust forbids it. */
  PUBLIC_EXPOSURE: 'AIRA_E_PUBLIC_EXPOSURE',
  /** A construct created outside the stack type it needs (for example an AWS construct outside an AwsStack). */
  WRONG_SCOPE: 'AIRA_E_WRONG_SCOPE',
  /** Capacity options that contradict each other (Spot on a reservation, a placement group forced on a Capacity Block). */
  CAPACITY_CONFLICT: 'AIRA_E_CAPACITY_CONFLICT',
  /** An interconnect (EFA, InfiniBand, GPUDirect) requested on a SKU that lacks it. */
  FABRIC_UNSUPPORTED: 'AIRA_E_FABRIC_UNSUPPORTED',
  /** More nodes than a placement group, reservation or Capacity Block holds. */
  PLACEMENT_LIMIT: 'AIRA_E_PLACEMENT_LIMIT',
  /** A TPU slice topology that does not fit the TPU generation or the node count. */
  TPU_TOPOLOGY: 'AIRA_E_TPU_TOPOLOGY',
  /** A storage size, throughput or step the service does not offer. */
  STORAGE_SIZE: 'AIRA_E_STORAGE_SIZE',
  /** A lifecycle policy whose transitions go backwards or break a storage class's minimum duration. */
  LIFECYCLE_ORDER: 'AIRA_E_LIFECYCLE_ORDER',
  /** A workload demand no catalog SKU, region and capacity mode satisfies (the message lists the nearest options). */
  PLACEMENT_INFEASIBLE: 'AIRA_E_PLACEMENT_INFEASIBLE',
} as const;

/** One of the stable codes of `ErrorCodes` (for example `'AIRA_E_INVALID_PROP'`), as `AiraError.code` holds it. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * The library's error. `message` reads `CODE: path: what is wrong. Fix: what to do`.
 *
 * @example
 * throw new AiraError(ErrorCodes.UNKNOWN_PLANE, this.node.path, `"gpu" is not a plane`, 'use one of: training, data');
 */
export class AiraError extends Error {
  /** Whether a value is an AiraError, also across copies of the library loaded twice. */
  public static isAiraError(x: unknown): x is AiraError {
    return typeof x === 'object' && x !== null && (x as { airaError?: unknown }).airaError === true;
  }

  /** Marker for `isAiraError`, which `instanceof` cannot do across module copies. */
  public readonly airaError = true;

  /**
   * @param code stable error code from `ErrorCodes`
   * @param where construct path, file or input name the error concerns
   * @param problem what is wrong, in one sentence without a trailing period
   * @param fix what the user should do instead
   */
  constructor(
    public readonly code: ErrorCode,
    public readonly where: string,
    public readonly problem: string,
    public readonly fix: string,
  ) {
    super(`${code}: ${where}: ${problem}. Fix: ${fix}`);
    this.name = 'AiraError';
    // The message is the whole report: a stack trace would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}
