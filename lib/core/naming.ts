import { createHash } from 'crypto';
import { AiraError, ErrorCodes } from './errors';

/** A short, stable hash of a text: the same input gives the same suffix on every machine. */
export function shortHash(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Joins name parts with `-`, dropping empty ones. */
function join(parts: readonly string[]): string {
  return parts.filter((p) => p.length > 0).join('-');
}

/**
 * Shortens a name to `max` characters. A shortened name keeps its start and ends in a hash of the full
 * name, so two long names that share a prefix stay distinct.
 */
function fit(name: string, max: number, sep = '-'): string {
  if (name.length <= max) return name;
  const hash = shortHash(name);
  return `${name.slice(0, max - hash.length - sep.length).replace(/[-_.]+$/, '')}${sep}${hash}`;
}

/**
 * A Google Cloud resource name: lowercase letters, digits and `-`, starting with a letter, not ending
 * with `-`, at most 63 characters (RFC 1035, cloud.google.com/compute/docs/naming-resources).
 */
export function gcpName(...parts: string[]): string {
  let name = join(parts).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  if (!/^[a-z]/.test(name)) name = `a-${name}`;
  return fit(name, 63).replace(/-+$/, '');
}

/**
 * An Azure resource name for most resource types: letters, digits, `-`, `_` and `.`, at most 80
 * characters, not ending with `.` or `-` (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 */
export function azureName(...parts: string[]): string {
  const name = join(parts).replace(/[^A-Za-z0-9_.-]+/g, '-');
  return fit(name, 80).replace(/[.-]+$/, '');
}

/**
 * A globally unique Azure name with letters and digits only (storage accounts: 3 to 24 lowercase
 * letters and digits). The hash of `uniqueBy` (a construct path) keeps it stable and unlikely to clash.
 */
export function azureCompactName(prefix: string, uniqueBy: string, max = 24): string {
  const hash = shortHash(uniqueBy, 8);
  const head = prefix.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, max - hash.length);
  return `${head}${hash}`;
}

/** An AWS `Name` tag value (up to 255 characters). */
export function awsName(...parts: string[]): string {
  return fit(join(parts), 255);
}

/**
 * A prefix for the names of one construct's resources: the user's name if given, otherwise the
 * construct id. Checked against the strictest rule the name will meet (Google's).
 */
export function namePrefix(given: string | undefined, id: string, where: string): string {
  const name = given ?? id;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,29}$/.test(name)) {
    throw new AiraError(ErrorCodes.INVALID_NAME, where, `name "${name}" must start with a letter and hold at most 30 letters, digits and -`, 'pass a name such as "ml-core"');
  }
  return name.toLowerCase();
}
