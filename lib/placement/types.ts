import type { AcceleratorFamily, Cloud, Fabric } from '../core/catalog/types';

/**
 * How a demand wants its capacity bought.
 * - `on-demand`: pay-as-you-go at the list price.
 * - `spot`: spare capacity, reclaimable at short notice (AWS Spot, Azure Spot VMs, Google Spot VMs).
 * - `reservation`: capacity held for the workload (AWS On-Demand Capacity Reservation, Azure capacity
 *   reservation, Google reservation); all three bill reserved capacity at the on-demand rate.
 */
export type CapacityPreference = 'on-demand' | 'spot' | 'reservation';

/** Capacity preferences, in listing order. */
export const CAPACITY_PREFERENCES: readonly CapacityPreference[] = ['on-demand', 'spot', 'reservation'];

/**
 * What `WorkloadDemand.count` counts.
 * - `accelerators`: accelerator devices (GPUs, Trainium or Inferentia devices, TPU chips, FPGA cards);
 *   the optimizer picks the node count (`ceil(count / accelerators per node)`).
 * - `nodes`: whole machines (instances, VMs, TPU hosts) of whatever SKU is chosen.
 */
export type CountUnit = 'accelerators' | 'nodes';

/**
 * One workload's needs, as a platform team states them. Every limit is a hard constraint (a SKU and
 * region that breaks one is rejected); the objective (`PlacementOptions`) ranks what is left.
 *
 * @example
 * { id: 'llm-train', accelerator: 'H100', count: 64, minInterconnectGbps: 1600, residency: ['eu-*', 'swedencentral'] }
 */
export interface WorkloadDemand {
  /** Unique id of the demand; the plan lists placements in id order. Letters, digits, `.`, `_`, `-`. */
  readonly id: string;
  /**
   * An accelerator family (`gpu`, `trainium`, `inferentia`, `tpu`, `fpga`, `cpu`) or a model as the
   * catalog names it (`H100`, `H200`, `A100`, `L40S`, `Trainium2`, `TPU v5p`, ...; case and spaces
   * are ignored, so `tpu-v5p` and `tpuv5p` match `TPU v5p`).
   */
  readonly accelerator: string;
  /** How many accelerators or nodes (see `unit`); a positive integer. */
  readonly count: number;
  /**
   * What `count` counts.
   * @default 'accelerators', and 'nodes' when `accelerator` is `cpu` (CPU SKUs carry no accelerator)
   */
  readonly unit?: CountUnit;
  /** Least network bandwidth per node, Gbps (the SKU's fabric bandwidth where it has one). @default 0 */
  readonly minInterconnectGbps?: number;
  /** Least memory per accelerator device, GB. @default 0 */
  readonly minAcceleratorMemoryGb?: number;
  /**
   * Regions the workload and its data may live in: exact region names (`eu-north-1`, `swedencentral`,
   * `europe-west4`) or prefixes ending in `*` (`eu-*`, `europe-*`, `us-*`). Azure region names carry no
   * geography prefix, so list them by name.
   * @default any region
   */
  readonly residency?: readonly string[];
  /** Clouds the workload may run on. @default all three */
  readonly clouds?: readonly Cloud[];
  /** Most the whole placement may cost, USD per hour (all nodes). @default no limit */
  readonly maxUsdPerHour?: number;
  /**
   * Highest grid carbon intensity of the region, gCO2e per kWh. A region the catalog has no figure
   * for is rejected when this is set (it cannot be shown to meet the cap).
   * @default no limit
   */
  readonly maxGco2PerKwh?: number;
  /** How the capacity is bought. @default 'on-demand' */
  readonly capacity?: CapacityPreference;
  /** Zones to spread the nodes over (1 to 3); nodes round up to a multiple of it. @default 1 */
  readonly zones?: number;
}

/** Weights of the objective and the assumptions behind the estimates. */
export interface PlacementOptions {
  /** Weight of the estimated USD per hour in the score. @default 1 */
  readonly costWeight?: number;
  /** Weight of the carbon cost (emissions priced at `carbonPriceUsdPerTonne`) in the score. @default 1 */
  readonly carbonWeight?: number;
  /**
   * Price put on one tonne of CO2e, USD, to bring emissions into the same unit as cost.
   * @default 190 (US EPA social cost of carbon, 2020 emissions, 2% discount rate, 2023 report:
   * https://www.epa.gov/environmental-economics/scghg)
   */
  readonly carbonPriceUsdPerTonne?: number;
  /**
   * Spot price as a fraction of the on-demand list price. The catalog holds no spot prices (they move
   * hourly), so by default spot is estimated at the on-demand price, an upper bound.
   * @default 1
   */
  readonly spotPriceFactor?: number;
  /**
   * Grid intensity assumed in the score for a region the catalog has no figure for, gCO2e per kWh.
   * @default the highest figure in the catalog (an unmeasured region is never favoured)
   */
  readonly unknownGridIntensity?: number;
  /**
   * ISO date retirement dates are read against.
   * @default the catalog's review date (`CATALOG_AS_OF`), so the same demands always give the same plan
   */
  readonly today?: string;
  /** How many nearest options an infeasible demand's error lists. @default 3 */
  readonly nearest?: number;
  /** Name of the input in error messages (for example the demands file). @default 'demands' */
  readonly source?: string;
}

/** Why a constraint rules a SKU or a region out. */
export type RejectionKind =
  | 'cloud-not-allowed'
  | 'model-mismatch'
  | 'retired'
  | 'no-price'
  | 'memory'
  | 'interconnect'
  | 'placement-limit'
  | 'budget'
  | 'residency'
  | 'zones'
  | 'carbon-unknown'
  | 'carbon-cap'
  | 'outscored';

/** A SKU the optimizer did not choose for a demand, and why. */
export interface Rejection {
  readonly cloud: Cloud;
  readonly sku: string;
  /**
   * The region the reasons refer to: its best region when it was outscored, its nearest region when a
   * reason is regional (residency, zones or grid carbon). @default none: the reasons hold in every region
   */
  readonly region?: string;
  /** The constraints it breaks, or `outscored` when it was feasible but scored worse. */
  readonly kinds: readonly RejectionKind[];
  /** One line a person reads. */
  readonly detail: string;
}

/** Where one demand goes. */
export interface Placement {
  readonly demandId: string;
  readonly cloud: Cloud;
  readonly region: string;
  /** Zone names by the cloud's naming convention (the catalog lists regions, not zones). */
  readonly zones: readonly string[];
  readonly sku: string;
  readonly family: AcceleratorFamily;
  /** Accelerator model (for example `H100`). @default none: a CPU SKU */
  readonly model?: string;
  /** Nodes in all zones together. */
  readonly nodes: number;
  readonly nodesPerZone: number;
  /** Accelerator devices in all nodes (0 for CPU SKUs). */
  readonly accelerators: number;
  readonly capacityMode: CapacityPreference;
  readonly fabric: Fabric;
  /** Network bandwidth per node, Gbps. */
  readonly networkGbps: number;
  /** Memory per accelerator device, GB (0 for CPU SKUs). */
  readonly acceleratorMemoryGb: number;
  /** Estimated cost of all nodes, USD per hour (the catalog's list price in its reference region). */
  readonly usdPerHour: number;
  /** Nominal power of all nodes at full load, kW. */
  readonly kw: number;
  /** The region's grid carbon intensity, gCO2e per kWh; null when the catalog has no figure. */
  readonly gco2PerKwh: number | null;
  /** Estimated emissions at full load, kgCO2e per hour; null when the intensity is unknown. */
  readonly kgCo2ePerHour: number | null;
  /** The objective's value (lower is better), USD per hour equivalent. */
  readonly score: number;
  /** Why this SKU and region won, in one paragraph. */
  readonly reason: string;
  /** Things to act on before deploying (a retiring SKU, an estimated spot price, guessed zone names). */
  readonly warnings: readonly string[];
  /** Every other SKU of the demand's accelerator family, with why it lost; catalog order by cloud, then SKU id. */
  readonly rejected: readonly Rejection[];
}

/** The optimizer's output: one placement per demand, in demand id order. */
export interface PlacementPlan {
  /** Shape version of this document. */
  readonly version: 1;
  /** Review date of the catalog the plan was computed from. */
  readonly catalogAsOf: string;
  /** Date retirement was read against. */
  readonly today: string;
  /** The objective, with every default filled in. */
  readonly objective: {
    readonly costWeight: number;
    readonly carbonWeight: number;
    readonly carbonPriceUsdPerTonne: number;
    readonly spotPriceFactor: number;
    readonly unknownGridIntensity: number;
  };
  readonly placements: readonly Placement[];
  /** Clouds the plan uses (one stack each), in the library's cloud order. */
  readonly clouds: readonly Cloud[];
  readonly totals: {
    readonly usdPerHour: number;
    readonly kw: number;
    /** Sum over placements whose intensity is known. */
    readonly kgCo2ePerHour: number;
    readonly nodes: number;
  };
}
