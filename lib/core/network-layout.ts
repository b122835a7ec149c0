import { Cidr, formatCidr, parseCidr, subBlock } from './cidr';
import { AiraError, ErrorCodes } from './errors';
import { PLANES, Plane } from './planes';

/**
 * Where each plane's subnets sit inside the network's base block. The layout is fixed by slot, not by
 * position in a list: adding a plane or a zone later never renumbers an existing subnet (renumbering
 * would make Terraform replace the subnet and everything in it).
 *
 * The base block splits into 8 slots (3 bits): the six planes in `PLANES` order, then `edge` (public
 * subnets for NAT gateways and public load balancers) and `fabric` (reserved for accelerator fabric
 * networks such as Google's extra GPU NIC networks). Each slot splits into 4 zone blocks (2 bits).
 */
export const SLOT_BITS = 3;
/** Bits of a plane slot that select the zone block. */
export const ZONE_BITS = 2;
/** Zones a network can span: one block each inside every plane slot. */
export const MAX_ZONES = 2 ** ZONE_BITS;
/** Longest subnet prefix any of the three clouds accepts (AWS: /28; Azure and Google go to /29). */
export const MAX_SUBNET_PREFIX = 28;

/** Slot index of each plane, then the two non-plane slots. */
const SLOT: Record<Plane | 'edge' | 'fabric', number> = {
  ...(Object.fromEntries(PLANES.map((p, i) => [p, i])) as Record<Plane, number>),
  edge: 6,
  fabric: 7,
};

/** One subnet in one zone. */
export interface ZoneSubnet {
  /** Zone name as given (for example us-east-1a, 1, us-central1-a). */
  readonly zone: string;
  /** The subnet's block. */
  readonly cidr: string;
}

/** The blocks of one plane. */
export interface PlaneLayout {
  readonly plane: Plane;
  /** The whole plane slot: used as one regional subnet on clouds whose subnets are regional. */
  readonly cidr: string;
  /** One block per zone, for clouds whose subnets are zonal. */
  readonly zones: readonly ZoneSubnet[];
}

/** The computed address plan of a segmented network. */
export interface NetworkLayout {
  readonly cidr: string;
  readonly planes: readonly PlaneLayout[];
  /** Public edge blocks, one per zone (AWS NAT gateways and public load balancers). */
  readonly edge: readonly ZoneSubnet[];
  /** The whole edge slot, for clouds whose subnets are regional (Azure gateway subnet). */
  readonly edgeCidr: string;
  /** Reserved for fabric networks; nothing is placed here by the network itself. */
  readonly fabricCidr: string;
}

/** Input of `computeLayout`. */
export interface LayoutInput {
  readonly cidr: string;
  readonly planes: readonly Plane[];
  readonly zones: readonly string[];
}

/**
 * Computes the subnets of every plane in every zone. Throws AIRA_E_INVALID_CIDR for a bad base block,
 * AIRA_E_CIDR_TOO_SMALL when the subnets would be smaller than every cloud accepts, and
 * AIRA_E_INVALID_PROP for a zone list that is empty, repeated or longer than `MAX_ZONES`.
 */
export function computeLayout(input: LayoutInput, where: string): NetworkLayout {
  const base = parseCidr(input.cidr, where);
  checkZones(input.zones, where);
  const slotPrefix = base.prefix + SLOT_BITS;
  const subnetPrefix = slotPrefix + ZONE_BITS;
  if (subnetPrefix > MAX_SUBNET_PREFIX) {
    const largest = MAX_SUBNET_PREFIX - SLOT_BITS - ZONE_BITS;
    throw new AiraError(
      ErrorCodes.CIDR_TOO_SMALL,
      where,
      `${input.cidr} leaves /${subnetPrefix} subnets for ${input.planes.length} planes x ${input.zones.length} zones, below the /${MAX_SUBNET_PREFIX} minimum`,
      `use a base block of /${largest} or larger (for example 10.0.0.0/16)`,
    );
  }
  const slot = (name: keyof typeof SLOT): Cidr => subBlock(base, slotPrefix, SLOT[name]);
  const zoneBlocks = (s: Cidr): ZoneSubnet[] =>
    input.zones.map((zone, i) => ({ zone, cidr: formatCidr(subBlock(s, subnetPrefix, i)) }));
  const planes = [...new Set(input.planes)]
    .sort((a, b) => SLOT[a] - SLOT[b])
    .map((plane) => ({ plane, cidr: formatCidr(slot(plane)), zones: zoneBlocks(slot(plane)) }));
  return {
    cidr: formatCidr(base),
    planes,
    edge: zoneBlocks(slot('edge')),
    edgeCidr: formatCidr(slot('edge')),
    fabricCidr: formatCidr(slot('fabric')),
  };
}

function checkZones(zones: readonly string[], where: string): void {
  if (!Array.isArray(zones) || zones.length === 0) {
    throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no zones given', 'name at least one zone, for example zones: ["us-east-1a", "us-east-1b"]');
  }
  if (new Set(zones).size !== zones.length) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `zones repeat: ${zones.join(', ')}`, 'name each zone once');
  }
  if (zones.length > MAX_ZONES) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `${zones.length} zones requested; a network spans at most ${MAX_ZONES}`, `name ${MAX_ZONES} zones or fewer`);
  }
}
