import { AiraError, ErrorCodes } from './errors';

/**
 * The network planes of the reference architecture. Compute of one kind lives on one plane, and traffic
 * between planes exists only where a flow is declared (zero trust). `protected` is the air-gapped plane:
 * no route to the internet, no public address.
 */
export const PLANES = ['training', 'inference', 'data', 'management', 'quantum', 'protected'] as const;

/** One of the reference architecture's network planes. */
export type Plane = (typeof PLANES)[number];

/** The planes a network gets when none are named: every plane but the quantum one. */
export const DEFAULT_PLANES: readonly Plane[] = ['training', 'inference', 'data', 'management', 'protected'];

/** The plane that must stay air-gapped. */
export const AIR_GAPPED_PLANE: Plane = 'protected';

/** Whether a string names a plane. */
export function isPlane(x: unknown): x is Plane {
  return typeof x === 'string' && (PLANES as readonly string[]).includes(x);
}

/**
 * Returns the value as a plane, or throws AIRA_E_UNKNOWN_PLANE naming the valid planes.
 * @param where construct path for the error
 * @param available the planes valid here (for example, those a network was built with)
 */
export function assertPlane(x: unknown, where: string, available: readonly Plane[] = PLANES): Plane {
  if (isPlane(x) && available.includes(x)) return x;
  const what = isPlane(x) ? `plane "${x}" is not part of this network` : `"${String(x)}" is not a plane`;
  throw new AiraError(ErrorCodes.UNKNOWN_PLANE, where, what, `use one of: ${available.join(', ')}`);
}
