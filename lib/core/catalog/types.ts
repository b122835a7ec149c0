/** The three clouds the library targets. */
export type Cloud = 'aws' | 'azure' | 'gcp';

/** All clouds, in the order output lists them. */
export const CLOUDS: readonly Cloud[] = ['aws', 'azure', 'gcp'];

/** Kind of accelerator a SKU carries (`cpu` for the CPU SKUs that preprocessing and simulators use). */
export type AcceleratorFamily = 'gpu' | 'trainium' | 'inferentia' | 'tpu' | 'fpga' | 'cpu';

/** Accelerator families, in listing order. */
export const FAMILIES: readonly AcceleratorFamily[] = ['gpu', 'trainium', 'inferentia', 'tpu', 'fpga', 'cpu'];

/**
 * The interconnect a SKU's multi-node jobs use.
 * - `efa`: AWS Elastic Fabric Adapter (OS-bypass RDMA over the SRD protocol).
 * - `infiniband-ndr` / `infiniband-hdr`: Azure ND-series InfiniBand (400 / 200 Gb/s per port).
 * - `gpudirect-tcpx` / `gpudirect-tcpxo`: Google A3 High / A3 Mega GPU NICs.
 * - `gpudirect-rdma`: Google A3 Ultra and later (RoCE NICs).
 * - `ici`: Google TPU inter-chip interconnect inside a slice.
 * - `ethernet`: plain VPC networking, no accelerator fabric.
 */
export type Fabric =
  | 'efa'
  | 'infiniband-ndr'
  | 'infiniband-hdr'
  | 'gpudirect-tcpx'
  | 'gpudirect-tcpxo'
  | 'gpudirect-rdma'
  | 'ici'
  | 'ethernet';

/** Where a SKU is in its life. */
export type Lifecycle =
  | { readonly status: 'current' }
  | { readonly status: 'retiring'; readonly date: string }
  | { readonly status: 'retired'; readonly date: string };

/** The accelerators of one node. */
export interface AcceleratorSpec {
  /** Maker, for example `nvidia`, `aws`, `google`, `amd`, `xilinx`. */
  readonly vendor: string;
  /** Model, for example `H100`, `Trainium2`, `TPU v5p`. */
  readonly model: string;
  /** Devices per node (TPU: chips per host). */
  readonly count: number;
  /** Memory per device, GB as the vendor states it. */
  readonly memoryGb: number;
}

/** A dated figure with its public source. */
export interface SourcedFigure {
  /** The date the figure refers to (ISO date). */
  readonly asOf: string;
  /** Public page the figure comes from. */
  readonly source: string;
}

/** A list price. */
export interface PriceFact extends SourcedFigure {
  /** On-demand (pay-as-you-go) USD per node-hour. */
  readonly usdPerHour: number;
  /** The region the price is for. */
  readonly region: string;
}

/** A nominal power draw. */
export interface PowerFact extends SourcedFigure {
  /** Nominal draw of one node at full load, kW. */
  readonly kw: number;
  /** How the figure was derived (published system maximum, or an estimate from parts). */
  readonly basis: string;
}

/** TPU slice facts for SKUs of the `tpu` family. */
export interface TpuSpec {
  /** TPU generation. */
  readonly version: 'v4' | 'v5e' | 'v5p' | 'v6e';
  /** Chips on one host VM. */
  readonly chipsPerHost: number;
  /** Topology dimensions: 2 for v5e/v6e (for example 4x4), 3 for v4/v5p (for example 2x2x2). */
  readonly dims: 2 | 3;
  /** Largest slice, chips. */
  readonly maxChips: number;
}

/** One catalog entry: what the library believes about a SKU, with sources and dates. */
export interface SkuSpec {
  /** The cloud's own name for the SKU (instance type, VM size or machine type). */
  readonly id: string;
  readonly cloud: Cloud;
  readonly family: AcceleratorFamily;
  /** One line a person reads in a listing. */
  readonly description: string;
  /** Accelerators per node. @default none: a CPU SKU (pools and plans then report no accelerator) */
  readonly accelerator?: AcceleratorSpec;
  readonly vcpu: number;
  /** Host memory, GiB. */
  readonly memoryGib: number;
  /** Total network bandwidth of one node, Gbps (the fabric's bandwidth where it has one). */
  readonly networkGbps: number;
  readonly fabric: Fabric;
  /**
   * AWS: network cards of the instance, each of which gets one EFA interface.
   * @default 1: an EFA pool gets one EFA interface, on network card 0
   */
  readonly networkCards?: number;
  /**
   * Google: extra GPU NICs (each in its own VPC network) that GPUDirect needs.
   * @default none: the pool's nodes get only their one gVNIC on the plane's subnetwork
   */
  readonly gpuNics?: number;
  /**
   * TPU facts (tpu family only).
   * @default none: not a TPU; a pool of the `tpu` family or with a `tpuTopology` is then refused (AIRA_E_TPU_TOPOLOGY)
   */
  readonly tpu?: TpuSpec;
  /**
   * Azure: whether the size supports Trusted Launch (secure boot and vTPM on the pool's scale set).
   * @default false: the scale set is created without secure boot and vTPM
   */
  readonly trustedLaunch?: boolean;
  /**
   * Most nodes one placement group or single-placement-group scale set takes, where documented.
   * @default none: no limit is checked, except on Azure InfiniBand pools, which assume Azure's 100 VMs
   */
  readonly maxNodesPerPlacementGroup?: number;
  /** Regions where the SKU is offered (a dated, reasonable list, not exhaustive). */
  readonly regions: readonly string[];
  /** Date the region list was read. */
  readonly regionsAsOf: string;
  /**
   * On-demand list price in a reference region.
   * @default none: no public price; pools report no cost and the placement optimizer rejects the SKU
   */
  readonly price?: PriceFact;
  /** Nominal power draw. */
  readonly power: PowerFact;
  readonly lifecycle: Lifecycle;
  /** The public page with the SKU's specification. */
  readonly source: string;
}
