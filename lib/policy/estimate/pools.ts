/**
 * Finding the node pools of one input and what an estimate needs of each: the SKU, the region and the
 * largest number of nodes the configuration lets the pool reach. Pure reads over the resource view
 * (synthesized stack, plan or state alike); a value the input cannot give is a reason, never a guess.
 *
 * The pool is the resource that owns the node count (an Auto Scaling group, a scale set, a managed
 * instance group, a Kubernetes node pool); its SKU may live on another resource (a launch template, an
 * instance template) and its maximum on a third (an autoscale setting, an autoscaler).
 */
import { findSku } from '../../core/catalog/lookup';
import { Cloud, SkuSpec } from '../../core/catalog/types';
import { blocks, boolAt, listAt, numberAt, stringAt } from '../rule-kit';
import { ResourceView, RuleContext, UNKNOWN, ValuePath } from '../types';

/** Resource types that own a node pool's size, per cloud. */
export const POOL_TYPES = [
  'aws_autoscaling_group',
  'aws_eks_node_group',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_orchestrated_virtual_machine_scale_set',
  'azurerm_kubernetes_cluster_node_pool',
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
  'google_container_node_pool',
] as const;

/** A value read from the input, with where it came from; or the reason it cannot be known. */
export type Found<T> = { readonly ok: true; readonly value: T; readonly from: string } | { readonly ok: false; readonly reason: string };

/** What an estimate needs of one pool. */
export interface PoolFacts {
  readonly address: string;
  readonly resourceType: string;
  readonly cloud: Cloud;
  /** The SKU id (instance type, VM size, machine type). */
  readonly sku: Found<string>;
  /** The catalog entry of the SKU. @default none: the SKU is unknown or not in the catalog */
  readonly spec?: SkuSpec;
  /** The cloud region the nodes run in. */
  readonly region: Found<string>;
  /** The largest node count the configuration allows. */
  readonly maxNodes: Found<number>;
}

/** A resource of a pool type that is not estimated, and why. */
export interface SkippedPool {
  readonly address: string;
  readonly reason: string;
}

const ok = <T>(value: T, from: string): Found<T> => ({ ok: true, value, from });
const no = <T>(reason: string): Found<T> => ({ ok: false, reason });

/**
 * SKU names with accelerators, for SKUs the catalog lacks: such a pool is estimated (as unknown) rather
 * than skipped. AWS accelerated computing families (docs.aws.amazon.com/ec2/latest/instancetypes/ac.html):
 * P, G, Gr, Trn, Inf, F, DL, VT; Azure GPU and FPGA sizes are the N family
 * (learn.microsoft.com/azure/virtual-machines/sizes/overview); Google accelerator-optimized A and G
 * series and TPU hosts (ct*) (cloud.google.com/compute/docs/accelerator-optimized-machines).
 */
const ACCELERATOR_SKU: Record<Cloud, RegExp> = {
  aws: /^(p|g|gr|trn|inf|f|dl|vt)\d/,
  azure: /^standard_n/i,
  gcp: /^(a\d|g\d|ct\d)/,
};

/** The facts of every pool of one input (managed resources not being deleted), and the pools skipped. */
export function findPools(ctx: RuleContext): { pools: PoolFacts[]; skipped: SkippedPool[] } {
  const pools: PoolFacts[] = [];
  const skipped: SkippedPool[] = [];
  for (const type of POOL_TYPES) {
    for (const r of ctx.ofType(type)) {
      if (r.mode !== 'managed') continue;
      if (r.actions.length === 1 && r.actions[0] === 'delete') {
        skipped.push({ address: r.address, reason: 'deleted by this plan' });
        continue;
      }
      const facts = poolFacts(r, ctx);
      if ('skip' in facts) skipped.push({ address: r.address, reason: facts.skip });
      else pools.push(facts);
    }
  }
  const byAddress = (a: { address: string }, b: { address: string }) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return { pools: pools.sort(byAddress), skipped: skipped.sort(byAddress) };
}

/** The facts of one pool resource, or why it is not an accelerator pool. */
export function poolFacts(r: ResourceView, ctx: RuleContext): PoolFacts | { skip: string } {
  const cloud: Cloud = r.type.startsWith('aws_') ? 'aws' : r.type.startsWith('azurerm_') ? 'azure' : 'gcp';
  const read = READERS[r.type];
  if (!read) return { skip: `${r.type} is not a pool type` };
  const { sku, region, maxNodes, accelerated } = read(r, ctx);
  const spec = sku.ok ? findSku(sku.value) : undefined;
  if (sku.ok && !spec && !accelerated && !ACCELERATOR_SKU[cloud].test(sku.value)) {
    return { skip: `${sku.value} is neither in the catalog nor an accelerator SKU` };
  }
  if (!sku.ok && sku.reason.startsWith(NO_SKU)) return { skip: sku.reason };
  return { address: r.address, resourceType: r.type, cloud, sku, ...(spec ? { spec } : {}), region, maxNodes };
}

// A pool without any SKU setting (a GKE node pool on the default machine type): not an accelerator pool.
const NO_SKU = 'no SKU set';

interface Read {
  readonly sku: Found<string>;
  readonly region: Found<string>;
  readonly maxNodes: Found<number>;
  /** The node definition attaches accelerators (Google `guest_accelerator`), whatever its machine type. */
  readonly accelerated?: boolean;
}

const READERS: Record<string, (r: ResourceView, ctx: RuleContext) => Read> = {
  aws_autoscaling_group: (r, ctx) => ({ sku: awsAsgSku(r, ctx), region: awsRegion(r, ctx, 'vpc_zone_identifier'), maxNodes: count(r, ['max_size'], 'max_size') }),
  aws_eks_node_group: (r, ctx) => {
    const scaling = blocks(r, ['scaling_config']);
    const max = scaling === UNKNOWN ? no<number>('scaling_config is known only after apply') : scaling.length ? count(r, [...scaling[0], 'max_size'], 'scaling_config.max_size') : no<number>('no scaling_config');
    return { sku: eksSku(r, ctx), region: awsRegion(r, ctx, 'subnet_ids'), maxNodes: max };
  },
  azurerm_linux_virtual_machine_scale_set: (r, ctx) => ({ sku: text(r, ['sku'], 'sku'), region: azureLocation(r), maxNodes: vmssMax(r, ctx, ['instances']) }),
  azurerm_windows_virtual_machine_scale_set: (r, ctx) => ({ sku: text(r, ['sku'], 'sku'), region: azureLocation(r), maxNodes: vmssMax(r, ctx, ['instances']) }),
  azurerm_orchestrated_virtual_machine_scale_set: (r, ctx) => ({ sku: text(r, ['sku_name'], 'sku_name'), region: azureLocation(r), maxNodes: vmssMax(r, ctx, ['instances']) }),
  azurerm_kubernetes_cluster_node_pool: (r, ctx) => ({ sku: text(r, ['vm_size'], 'vm_size'), region: aksRegion(r, ctx), maxNodes: aksMax(r) }),
  google_compute_instance_group_manager: (r, ctx) => migRead(r, ctx, 'google_compute_autoscaler'),
  google_compute_region_instance_group_manager: (r, ctx) => migRead(r, ctx, 'google_compute_region_autoscaler'),
  google_container_node_pool: (r, ctx) => gkeRead(r, ctx),
};

function text(r: ResourceView, path: ValuePath, name: string): Found<string> {
  const v = stringAt(r, path);
  if (v === UNKNOWN) return no(`${name} is known only after apply`);
  return v ? ok(v, name) : no(`no ${name} on ${r.address}`);
}

function count(r: ResourceView, path: ValuePath, name: string): Found<number> {
  const v = numberAt(r, path);
  if (v === UNKNOWN) return no(`${name} is known only after apply`);
  return v === undefined ? no(`no ${name} on ${r.address}`) : ok(v, name);
}

/** The resources `r` references through `attr` (or a path under it), of one type. */
function via(r: ResourceView, ctx: RuleContext, attr: string, type?: string): ResourceView[] {
  const out: ResourceView[] = [];
  for (const [address, paths] of r.references) {
    if (!paths.some((p) => p === attr || p.startsWith(`${attr}.`))) continue;
    const t = ctx.find(address);
    if (t && (!type || t.type === type) && !out.includes(t)) out.push(t);
  }
  return out;
}

// --- AWS ---

function awsAsgSku(r: ResourceView, ctx: RuleContext): Found<string> {
  // A mixed instances policy names its instance types in overrides; the first is the one it prefers.
  const policies = blocks(r, ['mixed_instances_policy']);
  if (policies === UNKNOWN) return no('mixed_instances_policy is known only after apply');
  for (const p of policies) {
    const lts = blocks(r, [...p, 'launch_template']);
    if (lts === UNKNOWN) return no('mixed_instances_policy.launch_template is known only after apply');
    for (const lt of lts) {
      const overrides = blocks(r, [...lt, 'override']);
      if (overrides === UNKNOWN) return no('the instance type overrides are known only after apply');
      for (const o of overrides) {
        const t = stringAt(r, [...o, 'instance_type']);
        if (t === UNKNOWN) return no('the override instance_type is known only after apply');
        if (t) return ok(t, overrides.length > 1 ? `mixed_instances_policy override (first of ${overrides.length})` : 'mixed_instances_policy override');
      }
    }
  }
  return templateInstanceType(r, ctx);
}

function eksSku(r: ResourceView, ctx: RuleContext): Found<string> {
  const types = listAt(r, ['instance_types']);
  if (types === UNKNOWN) return no('instance_types is known only after apply');
  const first = types[0];
  if (first === UNKNOWN) return no('instance_types is known only after apply');
  if (typeof first === 'string') return ok(first, types.length > 1 ? `instance_types (first of ${types.length})` : 'instance_types');
  // Without instance_types and without a launch template, EKS launches t3.medium (provider docs,
  // aws_eks_node_group.instance_types): not an accelerator pool.
  const lt = blocks(r, ['launch_template']);
  if (lt !== UNKNOWN && !lt.length && !ctx.referencedBy(r, 'aws_launch_template').length) return no(`${NO_SKU}: the node group uses EKS's default instance type`);
  return templateInstanceType(r, ctx);
}

function templateInstanceType(r: ResourceView, ctx: RuleContext): Found<string> {
  const lt = ctx.referencedBy(r, 'aws_launch_template')[0] ?? ctx.referencedBy(r, 'aws_launch_configuration')[0];
  if (!lt) return no('its launch template is not in this input');
  const t = stringAt(lt, ['instance_type']);
  if (t === UNKNOWN) return no(`instance_type of ${lt.address} is known only after apply`);
  return t ? ok(t, `${lt.address} instance_type`) : no(`${lt.address} sets no instance_type`);
}

/** The region of an AWS pool: from its subnets' zones or its `availability_zones` (`us-east-1a` -> `us-east-1`). */
function awsRegion(r: ResourceView, ctx: RuleContext, subnetAttr: string): Found<string> {
  const zones: unknown[] = via(r, ctx, subnetAttr, 'aws_subnet').map((s) => s.get('availability_zone'));
  const listed = listAt(r, ['availability_zones']);
  if (listed !== UNKNOWN) zones.push(...listed);
  const zone = zones.find((z): z is string => typeof z === 'string' && z !== '');
  // An AWS zone name is its region followed by one letter (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html).
  if (zone) return ok(zone.replace(/[a-z]$/, ''), `zone ${zone}`);
  return no(zones.includes(UNKNOWN) ? 'the subnets\' zones are known only after apply' : 'no subnet zone or availability_zones in this input');
}

// --- Azure ---

function azureLocation(r: ResourceView): Found<string> {
  const loc = stringAt(r, ['location']);
  if (loc === UNKNOWN) return no('location is known only after apply');
  // azurerm normalizes locations to lower case without spaces ("East US" -> "eastus").
  return loc ? ok(loc.toLowerCase().replace(/\s+/g, ''), 'location') : no('no location');
}

/** A scale set's maximum: its enabled autoscale settings' largest profile maximum, else `instances`. */
function vmssMax(r: ResourceView, ctx: RuleContext, instances: ValuePath): Found<number> {
  const settings = ctx.referencing(r, { type: 'azurerm_monitor_autoscale_setting', via: 'target_resource_id' }).filter((s) => boolAt(s, ['enabled']) !== false);
  if (!settings.length) return count(r, instances, 'instances');
  let max: Found<number> | undefined;
  for (const s of settings) {
    const profiles = blocks(s, ['profile']);
    if (profiles === UNKNOWN) return no(`the profiles of ${s.address} are known only after apply`);
    for (const p of profiles) {
      const m = numberAt(s, [...p, 'capacity', 'maximum']) ?? numberAt(s, [...p, 'capacity', 0, 'maximum']);
      if (m === UNKNOWN) return no(`a profile maximum of ${s.address} is known only after apply`);
      if (m !== undefined && (!max || (max.ok && m > max.value))) max = ok(m, `${s.address} profile maximum`);
    }
  }
  return max ?? no(`${settings[0].address} has no profile maximum`);
}

function aksRegion(r: ResourceView, ctx: RuleContext): Found<string> {
  const cluster = via(r, ctx, 'kubernetes_cluster_id', 'azurerm_kubernetes_cluster')[0];
  if (!cluster) return no('its cluster is not in this input');
  return azureLocation(cluster);
}

function aksMax(r: ResourceView): Found<number> {
  // azurerm 4 names the switch auto_scaling_enabled; 3.x named it enable_auto_scaling.
  const auto = boolAt(r, ['auto_scaling_enabled']) ?? boolAt(r, ['enable_auto_scaling']);
  if (auto === UNKNOWN) return no('auto_scaling_enabled is known only after apply');
  return auto ? count(r, ['max_count'], 'max_count') : count(r, ['node_count'], 'node_count');
}

// --- Google ---

/** The region of a Google resource with a `region` or a `zone` (`us-central1-a` -> `us-central1`). */
function gcpRegion(r: ResourceView, attrs: readonly string[]): Found<string> {
  for (const attr of attrs) {
    const v = stringAt(r, [attr]);
    if (v === UNKNOWN) return no(`${attr} is known only after apply`);
    if (!v) continue;
    // A Google zone is its region plus `-<letter>` (cloud.google.com/compute/docs/regions-zones).
    return isGcpZone(v) ? ok(v.replace(/-[a-z]$/, ''), `${attr} ${v}`) : ok(v, attr);
  }
  return no(`no ${attrs.join(' or ')}`);
}

const isGcpZone = (s: string) => /-[a-z]$/.test(s);

function migRead(r: ResourceView, ctx: RuleContext, autoscalerType: string): Read {
  const template = [...via(r, ctx, 'version', 'google_compute_instance_template'), ...via(r, ctx, 'version', 'google_compute_region_instance_template'), ...via(r, ctx, 'instance_template')].find((t) =>
    t.type.endsWith('instance_template'),
  );
  let sku: Found<string>;
  let accelerated = false;
  if (!template) sku = no('its instance template is not in this input');
  else {
    sku = text(template, ['machine_type'], `${template.address} machine_type`);
    const ga = blocks(template, ['guest_accelerator']);
    accelerated = ga !== UNKNOWN && ga.length > 0;
  }
  const autoscaler = ctx.referencing(r, { type: autoscalerType, via: 'target' })[0];
  let maxNodes: Found<number>;
  if (autoscaler) {
    const policy = blocks(autoscaler, ['autoscaling_policy']);
    maxNodes = policy === UNKNOWN ? no(`the autoscaling policy of ${autoscaler.address} is known only after apply`) : policy.length ? count(autoscaler, [...policy[0], 'max_replicas'], `${autoscaler.address} max_replicas`) : no(`${autoscaler.address} has no autoscaling_policy`);
  } else {
    const size = numberAt(r, ['target_size']);
    // Without an autoscaler the group holds target_size VMs; the provider's default is 0.
    maxNodes = size === UNKNOWN ? no('target_size is known only after apply') : ok(size ?? 0, size === undefined ? 'target_size (not set: 0)' : 'target_size');
  }
  return { sku, region: gcpRegion(r, ['region', 'zone']), maxNodes, accelerated };
}

function gkeRead(r: ResourceView, ctx: RuleContext): Read {
  const configs = blocks(r, ['node_config']);
  const cluster = via(r, ctx, 'cluster', 'google_container_cluster')[0];
  let sku: Found<string>;
  let accelerated = false;
  if (configs === UNKNOWN) sku = no('node_config is known only after apply');
  else if (!configs.length || stringAt(r, [...configs[0], 'machine_type']) === undefined) sku = no(`${NO_SKU}: the node pool uses GKE's default machine type`);
  else {
    sku = text(r, [...configs[0], 'machine_type'], 'node_config.machine_type');
    const ga = blocks(r, [...configs[0], 'guest_accelerator']);
    accelerated = ga !== UNKNOWN && ga.length > 0;
  }
  const location = gcpRegion(r, ['location']);
  const region = location.ok || !cluster ? location : gcpRegion(cluster, ['location']);
  return { sku, region, maxNodes: gkeMax(r, cluster), accelerated };
}

/**
 * A GKE node pool's largest size. `total_max_node_count` counts the whole pool; `max_node_count` and
 * `node_count` count per zone (cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools#NodePoolAutoscaling),
 * so they are multiplied by the pool's zones: `node_locations`, else one for a zonal location, else the
 * cluster's `node_locations`. A regional pool without zones listed anywhere is unknown (GKE picks them).
 */
function gkeMax(r: ResourceView, cluster: ResourceView | undefined): Found<number> {
  const scaling = blocks(r, ['autoscaling']);
  if (scaling === UNKNOWN) return no('autoscaling is known only after apply');
  if (scaling.length) {
    const total = numberAt(r, [...scaling[0], 'total_max_node_count']);
    if (total === UNKNOWN) return no('autoscaling.total_max_node_count is known only after apply');
    if (total !== undefined && total > 0) return ok(total, 'autoscaling.total_max_node_count');
    return perZone(r, cluster, numberAt(r, [...scaling[0], 'max_node_count']), 'autoscaling.max_node_count');
  }
  const n = numberAt(r, ['node_count']);
  return n === undefined ? perZone(r, cluster, numberAt(r, ['initial_node_count']), 'initial_node_count') : perZone(r, cluster, n, 'node_count');
}

function perZone(r: ResourceView, cluster: ResourceView | undefined, n: number | typeof UNKNOWN | undefined, name: string): Found<number> {
  if (n === UNKNOWN) return no(`${name} is known only after apply`);
  if (n === undefined) return no(`no ${name}`);
  const zones = gkeZones(r, cluster);
  return zones.ok ? ok(n * zones.value, `${name} ${n} per zone x ${zones.value} (${zones.from})`) : zones;
}

function gkeZones(r: ResourceView, cluster: ResourceView | undefined): Found<number> {
  for (const [res, what] of [[r, 'node_locations'], [cluster, 'cluster node_locations']] as const) {
    if (!res) continue;
    const list = listAt(res, ['node_locations']);
    if (list === UNKNOWN) return no(`${what} is known only after apply`);
    if (list.length) return ok(list.length, what);
    const loc = stringAt(res, ['location']);
    if (typeof loc === 'string' && isGcpZone(loc)) return ok(1, `zonal location ${loc}`);
  }
  return no('a regional node pool without node_locations: GKE chooses its zones, which this input does not show');
}
