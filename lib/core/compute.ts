import { SkuInput } from './catalog/sku';
import { AcceleratorFamily, AcceleratorSpec, Cloud, Fabric } from './catalog/types';
import { WeeklyDemandProfile } from './demand';
import { AiraError, ErrorCodes } from './errors';
import { INetwork } from './network';
import { Plane } from './planes';
import { SafetyAlarmOptions } from './safety';
import { AiraTagValues } from './tags';

/** What a pool runs. It sets the default plane, zones and placement. */
export type WorkloadKind = 'training' | 'inference' | 'preprocessing' | 'simulation';

/** Hardware a CPU pool simulates (no public cloud offers neuromorphic hardware; quantum simulators run on CPUs). */
export type SimulatedHardware = 'quantum' | 'neuromorphic';

/**
 * How a pool gets its capacity.
 * - `on-demand`: pay as you go.
 * - `spot`: spare capacity at a discount, reclaimed at short notice; optionally falling back to on-demand.
 * - `reservation`: an existing capacity reservation (AWS ODCR id or resource group ARN, Azure capacity
 *   reservation group id, Google reservation name), which the pool targets.
 * - `capacity-block`: an AWS EC2 Capacity Block for ML (a dated block of GPU capacity in one zone).
 */
export type CapacitySpec =
  | { readonly kind: 'on-demand' }
  | { readonly kind: 'spot'; readonly onDemandFallback?: boolean }
  | {
      readonly kind: 'reservation';
      /** Reservation id (AWS `cr-...`, Google reservation name). */
      readonly id?: string;
      /** Reservation group (AWS resource group ARN, Azure capacity reservation group id). */
      readonly groupId?: string;
      /** Zone the reservation holds capacity in; the pool must be in it. @default not checked */
      readonly zone?: string;
      /** Instances the reservation holds; the pool's max may not exceed it. @default not checked */
      readonly instances?: number;
      /** AWS: the cluster placement group the reservation was created in, to launch into. @default none */
      readonly placementGroup?: string;
    }
  | { readonly kind: 'capacity-block'; readonly id: string; readonly zone: string; readonly instances: number };

/** Constructors for `CapacitySpec` values. */
export const Capacity = {
  onDemand: (): CapacitySpec => ({ kind: 'on-demand' }),
  spot: (o: { onDemandFallback?: boolean } = {}): CapacitySpec => ({ kind: 'spot', ...o }),
  reservation: (o: { id?: string; groupId?: string; zone?: string; instances?: number; placementGroup?: string }): CapacitySpec => ({ kind: 'reservation', ...o }),
  capacityBlock: (o: { id: string; zone: string; instances: number }): CapacitySpec => ({ kind: 'capacity-block', ...o }),
};

/**
 * When a pool's image name becomes one image.
 * - `plan`: Terraform reads the name with a data source once per plan (AWS `aws_ssm_parameter`, Google
 *   `google_compute_image`, Azure `azurerm_platform_image`), and the launch template, instance template or
 *   scale set holds the literal image. Every node launched until the next apply boots that image (golden
 *   rule 4, immutable training clusters); a newly published image shows up as a diff in the next plan,
 *   where it is reviewed (AIRA-GLD-005 asks for a rolling replace of training nodes). Nodes stay on the
 *   old image, security patches included, until that apply.
 * - `launch`: the cloud resolves the name at every VM launch (AWS `resolve:ssm:`, a Google image family,
 *   Azure version `latest`). Scale-outs and node repairs pick up the publisher's newest image without an
 *   apply, but one pool then runs two images (driver, CUDA, NCCL versions) after a release, with no change
 *   in any plan. AIRA-GLD-007 fails this on training pools; use it for pools that tolerate mixed images.
 */
export type ImageResolution = 'plan' | 'launch';

/** Checks a pool's `imageResolution` prop and fills its default (`plan`). Throws AIRA_E_INVALID_PROP for another value. */
export function imageResolutionOf(value: ImageResolution | undefined, where: string): ImageResolution {
  if (value === undefined) return 'plan';
  if (value !== 'plan' && value !== 'launch') {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `imageResolution "${String(value)}" is neither plan nor launch`, "use 'plan' (one image per apply, the default) or 'launch' (the cloud picks the newest image at each VM launch)");
  }
  return value;
}

/** Node counts of a pool. A number means a fixed size. */
export type NodeCounts = number | { readonly min?: number; readonly desired?: number; readonly max: number };

/**
 * Props of `AcceleratorPool`, the same on every cloud. Each cloud's construct narrows `network` to its
 * own network type and may add options of its own.
 */
export interface AcceleratorPoolProps<N extends INetwork = INetwork> {
  /** The network the pool's nodes join. */
  readonly network: N;
  /** The SKU, from the catalog or `AcceleratorSku.unlisted`. */
  readonly sku: SkuInput;
  /** Node counts. A number is a fixed size; an object sets min (default 0), desired (default min) and max. */
  readonly nodes: NodeCounts;
  /** What the pool runs. @default 'training' */
  readonly workload?: WorkloadKind;
  /** Plane the nodes sit on. @default training -> training, inference -> inference, preprocessing -> data, simulation -> quantum (training if the network has no quantum plane) */
  readonly plane?: Plane;
  /** Zones of the pool. @default inference: every zone of the network; otherwise the network's first zone */
  readonly zones?: readonly string[];
  /** Capacity source. @default on-demand */
  readonly capacity?: CapacitySpec;
  /**
   * Placement: `cluster` packs nodes close together (AWS cluster placement group, Azure proximity
   * placement group, Google compact placement). @default 'cluster' for multi-node training pools on
   * on-demand or Spot capacity; 'none' otherwise (reserved capacity brings its own placement)
   */
  readonly placement?: 'cluster' | 'none';
  /** Attach the SKU's interconnect (EFA, InfiniBand, GPUDirect NICs). @default true when the SKU has one and the pool has more than one node */
  readonly fabric?: boolean;
  /** TPU slice topology, for TPU SKUs (for example `2x2x2`). Sets the node count. @default none */
  readonly tpuTopology?: string;
  /** Machine image. @default the cloud's accelerator image for the SKU family */
  readonly image?: string;
  /**
   * When the default image, or a floating `image` (an AWS SSM parameter without a version, a Google image
   * family, an Azure version `latest`), becomes one image: once per plan (`plan`) or at every VM launch
   * (`launch`). See `ImageResolution` for the trade-off. A pinned `image` (an AMI id, an image, a version)
   * is used as given either way.
   * @default 'plan'
   */
  readonly imageResolution?: ImageResolution;
  /** Declared weekly demand, turned into scheduled scaling. @default none: the pool keeps its desired size */
  readonly demandProfile?: WeeklyDemandProfile;
  /** Safety alarms. @default on, with the documented thresholds */
  readonly alarms?: SafetyAlarmOptions;
  /** Reachability of the pool's endpoint: `public` only for inference pools on the inference plane. @default 'private' */
  readonly exposure?: 'private' | 'public';
  /** Hardware the pool simulates (set by `QuantumSimulator` and `NeuromorphicGrid`). @default none */
  readonly simulates?: SimulatedHardware;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
  /** Tags for the pool's resources. @default none */
  readonly tags?: AiraTagValues;
}

/** A pool's capabilities as the capability registry and the placement logic read them. */
export interface PoolCapabilities {
  /** Unique name of the pool in its stack. */
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly zones: readonly string[];
  readonly plane: Plane;
  readonly workload: WorkloadKind;
  /** Hardware the pool simulates, from the pool's `simulates` prop. @default none: the pool runs real accelerators or plain CPU work */
  readonly simulates?: SimulatedHardware;
  readonly sku: string;
  /** Whether the SKU's facts come from the catalog. */
  readonly listed: boolean;
  readonly family: AcceleratorFamily;
  /** Accelerators per node, from the SKU's facts. @default none: a CPU SKU */
  readonly accelerator?: AcceleratorSpec;
  /** The interconnect the pool uses (`ethernet` when the fabric is off). */
  readonly fabric: Fabric;
  readonly networkGbps: number;
  readonly capacityMode: CapacitySpec['kind'];
  readonly placement: 'cluster' | 'none';
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  /** TPU slice topology (for example `2x2x2`), set on TPU pools. @default none: not a TPU slice */
  readonly tpuTopology?: string;
  /** On-demand list price at max size, USD per hour. @default none: the SKU's facts carry no price */
  readonly usdPerHourAtMax?: number;
  /** Nominal power at max size. */
  readonly powerKwAtMax: number;
  /** Grid carbon intensity of the region, gCO2e per kWh (from the grid-carbon catalog). @default none: the catalog has no figure for the region */
  readonly gridGco2PerKwh?: number;
}

/** The identity a pool's nodes act as, for grants. */
export type PoolIdentity =
  | { readonly cloud: 'aws'; readonly roleName: string; readonly roleArn: string }
  | { readonly cloud: 'azure'; readonly principalId: string; readonly identityId: string }
  | { readonly cloud: 'gcp'; readonly email: string };

/** What every cloud's pool exposes. */
export interface IAcceleratorPool {
  readonly capabilities: PoolCapabilities;
  readonly identity: PoolIdentity;
}
