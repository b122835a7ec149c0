import { IConstruct } from 'constructs';
import { gridIntensity } from './catalog/grid-carbon';
import { toSku } from './catalog/sku';
import { TpuSlice, checkTpuTopology } from './catalog/tpu';
import { SkuSpec } from './catalog/types';
import { SkuWarning, checkSkuUsable } from './catalog/usability';
import { AcceleratorPoolProps, CapacitySpec, PoolCapabilities, WorkloadKind } from './compute';
import { DemandSchedule, planDemand } from './demand';
import { AiraError, ErrorCodes } from './errors';
import { INetwork } from './network';
import { AIR_GAPPED_PLANE, Plane, assertPlane } from './planes';
import { PlannedAlarm, planAlarms } from './safety';

/** Everything cloud-neutral about a pool, checked: each cloud's construct builds from this. */
export interface PoolPlan {
  readonly spec: SkuSpec;
  readonly warnings: readonly SkuWarning[];
  readonly workload: WorkloadKind;
  readonly plane: Plane;
  readonly zones: readonly string[];
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly capacity: CapacitySpec;
  readonly placement: 'cluster' | 'none';
  /** Whether the pool attaches the SKU's interconnect. */
  readonly fabric: boolean;
  /** The checked TPU slice, for TPU SKUs or when `tpuTopology` is given. @default none: not a TPU slice */
  readonly tpu?: TpuSlice;
  /** Scheduled scaling planned from `demandProfile`. @default none: no profile, the pool keeps its desired size */
  readonly demand?: DemandSchedule;
  readonly alarms: readonly PlannedAlarm[];
  readonly exposure: 'private' | 'public';
  readonly capabilities: PoolCapabilities;
}

/** Context key that fixes the date SKU retirement is read against (ISO date), for reproducible builds and tests. */
export const TODAY_CONTEXT_KEY = 'aira:today';

/**
 * The date a construct reads the catalog's retirement dates against: the app context `aira:today` when
 * set (so a build can be reproduced later), otherwise the current UTC date. Only whether a SKU is
 * accepted depends on it; the synthesized output never holds it.
 */
export function catalogToday(scope: IConstruct): string {
  const given: unknown = scope.node.tryGetContext(TODAY_CONTEXT_KEY);
  if (given === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof given !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(given)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, scope.node.path, `context ${TODAY_CONTEXT_KEY} ${JSON.stringify(given)} is not an ISO date`, 'set it to a date such as 2026-11-22, or leave it out');
  }
  return given;
}

const DEFAULT_PLANE: Record<WorkloadKind, Plane> = { training: 'training', inference: 'inference', preprocessing: 'data', simulation: 'quantum' };
const WORKLOADS = Object.keys(DEFAULT_PLANE) as WorkloadKind[];

function err(code: (typeof ErrorCodes)[keyof typeof ErrorCodes], where: string, problem: string, fix: string): never {
  throw new AiraError(code, where, problem, fix);
}

/**
 * Checks a pool's props against its network and the catalog and fills in every default. Throws the
 * library's error for each bad input: SKU unknown, retired, of another cloud or not offered in the
 * region; zones outside the network; bad node counts; Spot on a reservation; a forced cluster
 * placement on reserved capacity; more nodes than a placement group or reservation holds; a fabric the
 * SKU lacks; a TPU topology that does not fit; public exposure off the inference plane.
 *
 * @param name unique pool name within its stack (for capabilities)
 * @param today ISO date retirement is read against
 */
export function planPool(props: AcceleratorPoolProps, network: INetwork, name: string, where: string, today: string): PoolPlan {
  const sku = toSku(props.sku);
  const spec = sku.specAt(where);
  const warnings = checkSkuUsable(spec, sku.listed, { cloud: network.cloud, region: network.region, today }, where);

  const workload = props.workload ?? 'training';
  if (!WORKLOADS.includes(workload)) err(ErrorCodes.INVALID_PROP, where, `workload "${String(workload)}" is not one of ${WORKLOADS.join(', ')}`, `use one of ${WORKLOADS.join(', ')}`);
  const fallbackPlane = workload === 'simulation' && !network.planes.includes('quantum') ? 'training' : DEFAULT_PLANE[workload];
  const plane = assertPlane(props.plane ?? fallbackPlane, where, network.planes);

  const exposure = props.exposure ?? 'private';
  if (exposure === 'public' && (plane !== 'inference' || workload !== 'inference')) {
    const why = plane === AIR_GAPPED_PLANE ? 'the protected plane is air-gapped' : `only inference pools on the inference plane may be public (this is a ${workload} pool on ${plane})`;
    err(ErrorCodes.PUBLIC_EXPOSURE, where, `public exposure refused: ${why}`, "leave exposure at 'private'");
  }

  const zones = [...(props.zones ?? (workload === 'inference' ? network.zones : network.zones.slice(0, 1)))];
  if (zones.length === 0) err(ErrorCodes.MISSING_PROP, where, 'no zones', 'name at least one zone of the network');
  for (const z of zones) {
    if (!network.zones.includes(z)) err(ErrorCodes.UNKNOWN_ZONE, where, `zone "${z}" is not a zone of the network (${network.zones.join(', ')})`, 'use zones of the network');
  }

  let tpu: TpuSlice | undefined;
  if (spec.family === 'tpu' || props.tpuTopology !== undefined) tpu = checkTpuTopology(spec, props.tpuTopology, where);
  const nodes = nodeCounts(props.nodes, where, tpu);

  const capacity = checkCapacity(props.capacity ?? { kind: 'on-demand' }, zones, nodes.max, network.cloud, where);
  const multiNode = nodes.max > 1;
  const reserved = capacity.kind === 'reservation' || capacity.kind === 'capacity-block';
  const placement = props.placement ?? (multiNode && workload === 'training' && !reserved ? 'cluster' : 'none');
  if (placement !== 'cluster' && placement !== 'none') err(ErrorCodes.INVALID_PROP, where, `placement "${String(placement)}" is not cluster or none`, "use 'cluster' or 'none'");
  if (placement === 'cluster' && reserved) {
    const fix = capacity.kind === 'capacity-block'
      ? 'leave placement out: a Capacity Block is already placed close together'
      : 'leave placement out, or name the placement group the reservation was created in (reservation.placementGroup)';
    // Forcing a placement group on reserved capacity makes launches miss the reservation (a known
    // failure of peer modules: terraform-aws-eks issue 3661).
    if (capacity.kind === 'capacity-block' || !capacity.placementGroup) err(ErrorCodes.CAPACITY_CONFLICT, where, `a cluster placement group forced on a ${capacity.kind} would make launches miss the reserved capacity`, fix);
  }
  if (placement === 'cluster' && zones.length > 1) err(ErrorCodes.INVALID_PROP, where, `cluster placement needs one zone; ${zones.length} given`, 'give the pool one zone, or placement none');
  const limit = spec.maxNodesPerPlacementGroup;
  if (placement === 'cluster' && limit !== undefined && nodes.max > limit) {
    err(ErrorCodes.PLACEMENT_LIMIT, where, `${nodes.max} nodes exceed the ${limit} nodes one ${spec.id} placement group holds`, `keep max at ${limit} or below, or split the pool`);
  }

  const hasFabric = spec.fabric !== 'ethernet';
  if (props.fabric === true && !hasFabric) {
    err(ErrorCodes.FABRIC_UNSUPPORTED, where, `${spec.id} has no accelerator interconnect (EFA, InfiniBand or GPUDirect)`, 'pick a SKU with one (aira catalog), or leave fabric out');
  }
  const fabric = props.fabric ?? (hasFabric && (multiNode || spec.family === 'tpu'));

  const demand = props.demandProfile ? planDemand(props.demandProfile, { min: nodes.min, max: nodes.max }, where) : undefined;
  const alarms = planAlarms({ family: spec.family, simulates: props.simulates }, props.alarms, where);
  const carbon = gridIntensity(network.cloud, network.region);
  const capabilities: PoolCapabilities = {
    name,
    cloud: network.cloud,
    region: network.region,
    zones,
    plane,
    workload,
    ...(props.simulates ? { simulates: props.simulates } : {}),
    sku: spec.id,
    listed: sku.listed,
    family: spec.family,
    ...(spec.accelerator ? { accelerator: spec.accelerator } : {}),
    fabric: fabric ? spec.fabric : 'ethernet',
    networkGbps: spec.networkGbps,
    capacityMode: capacity.kind,
    placement,
    nodes,
    ...(tpu ? { tpuTopology: tpu.topology } : {}),
    ...(spec.price ? { usdPerHourAtMax: round(spec.price.usdPerHour * nodes.max) } : {}),
    powerKwAtMax: round(spec.power.kw * nodes.max),
    ...(carbon ? { gridGco2PerKwh: carbon.gco2PerKwh } : {}),
  };
  return { spec, warnings, workload, plane, zones, nodes, capacity, placement, fabric, tpu, demand, alarms, exposure, capabilities };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function nodeCounts(n: AcceleratorPoolProps['nodes'], where: string, tpu: TpuSlice | undefined): PoolPlan['nodes'] {
  const obj = typeof n === 'number' ? { min: n, desired: n, max: n } : n ?? { max: NaN };
  const max = obj.max;
  const min = obj.min ?? 0;
  const desired = obj.desired ?? min;
  const ok = (x: number) => Number.isInteger(x) && x >= 0;
  if (!ok(max) || max < 1 || !ok(min) || !ok(desired) || min > desired || desired > max) {
    err(ErrorCodes.INVALID_PROP, where, `nodes ${JSON.stringify(n)} must be whole numbers with 0 <= min <= desired <= max and max >= 1`, 'for example nodes: 4, or nodes: { min: 0, desired: 2, max: 8 }');
  }
  if (tpu && (max !== tpu.hosts || (min !== 0 && min !== tpu.hosts) || (desired !== 0 && desired !== tpu.hosts))) {
    err(ErrorCodes.TPU_TOPOLOGY, where, `TPU topology ${tpu.topology} has ${tpu.chips} chips on ${tpu.hosts} hosts, but the pool asks for ${JSON.stringify(n)} nodes`, `set nodes to ${tpu.hosts} (a slice is all of its hosts or none)`);
  }
  return { min, desired, max };
}

function checkCapacity(c: CapacitySpec, zones: readonly string[], max: number, cloud: INetwork['cloud'], where: string): CapacitySpec {
  const raw = c as unknown as Record<string, unknown>;
  switch (c.kind) {
    case 'on-demand':
      return c;
    case 'spot':
      // A JS caller (or a spread of another spec) can put reservation fields on a Spot spec: refuse it
      // rather than silently dropping them.
      if (raw.id !== undefined || raw.groupId !== undefined) {
        err(ErrorCodes.CAPACITY_CONFLICT, where, 'Spot capacity cannot target a capacity reservation', 'use either Capacity.spot() or Capacity.reservation({...}), not both');
      }
      return c;
    case 'reservation':
      if (!c.id && !c.groupId) err(ErrorCodes.MISSING_PROP, where, 'a reservation needs an id or a group id', 'pass Capacity.reservation({ id }) or ({ groupId })');
      if (c.id && c.groupId) err(ErrorCodes.CAPACITY_CONFLICT, where, 'a reservation is targeted by id or by group, not both', 'pass one of id and groupId');
      checkReservedZone(c.zone, zones, where);
      if (c.instances !== undefined && max > c.instances) err(ErrorCodes.PLACEMENT_LIMIT, where, `the pool's max ${max} exceeds the reservation's ${c.instances} instances`, `keep max at ${c.instances} or below`);
      return c;
    case 'capacity-block':
      if (cloud !== 'aws') err(ErrorCodes.UNSUPPORTED_OPTION, where, `Capacity Blocks are an AWS offering; ${cloud} has none`, 'use Capacity.reservation({...}) with the cloud\'s reservations');
      if (!c.id || !/^cr-[0-9a-f]+$/.test(c.id)) err(ErrorCodes.INVALID_PROP, where, `Capacity Block id "${String(c.id)}" is not a reservation id (cr-...)`, 'pass the id of the purchased Capacity Block');
      checkReservedZone(c.zone, zones, where);
      if (!Number.isInteger(c.instances) || c.instances < 1) err(ErrorCodes.INVALID_PROP, where, 'a Capacity Block needs its instance count', 'pass instances: the number of instances the block holds');
      if (max > c.instances) err(ErrorCodes.PLACEMENT_LIMIT, where, `the pool's max ${max} exceeds the Capacity Block's ${c.instances} instances`, `keep max at ${c.instances} or below`);
      return c;
    default:
      return err(ErrorCodes.INVALID_PROP, where, `capacity kind "${String(raw.kind)}" is unknown`, 'use Capacity.onDemand(), spot(), reservation() or capacityBlock()');
  }
}

function checkReservedZone(zone: string | undefined, zones: readonly string[], where: string): void {
  if (zone === undefined) return;
  if (zones.length !== 1 || zones[0] !== zone) {
    err(ErrorCodes.CAPACITY_CONFLICT, where, `the reserved capacity is in ${zone}, the pool in ${zones.join(', ')}`, `put the pool in ${zone} only (zones: ['${zone}'])`);
  }
}
