import { AiraError, ErrorCodes } from '../core/errors';

/**
 * Checks that every zone is a Google Cloud zone of the region (`us-central1-a` for `us-central1`) and
 * returns them. Zone names are `<region>-<letter>` (cloud.google.com/compute/docs/regions-zones).
 * Throws AIRA_E_UNKNOWN_ZONE naming the first zone that is not.
 */
export function checkGcpZones(region: string, zones: readonly string[], where: string): string[] {
  const zoneOfRegion = new RegExp(`^${region.replace(/[^a-z0-9-]/g, '')}-[a-z]$`);
  for (const z of Array.isArray(zones) ? zones : []) {
    if (typeof z !== 'string' || !zoneOfRegion.test(z)) {
      throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone "${String(z)}" is not a zone of ${region}`, `name zones of the stack's region, for example ${region}-a`);
    }
  }
  return Array.isArray(zones) ? [...zones] : [];
}
