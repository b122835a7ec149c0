import { findSku } from '../../lib/core/catalog/lookup';
import { boolAt, fail, listAt, notApplicable, numberAt, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { planeOf, referencedVia } from '../golden/planes';
import { capacityTarget, launchTemplatesOf, nestedValue, placementGroupOf } from './aws-capacity';
import { isVerdict, poolPlane, poolSku } from './pool-sku';
import { poolMaxNodes } from './pool-size';

/** Accelerator families whose multi-node jobs exchange gradients (FPGA and CPU pools do not). */
const TRAINING_FAMILIES: ReadonlySet<string> = new Set(['gpu', 'trainium', 'inferentia']);

/** AWS: the Auto Scaling group of a multi-node training pool launches into a cluster placement group, or into reserved capacity that brings its own placement. */
function aws(asg: ResourceView, ctx: RuleContext): Verdict {
  const lts = launchTemplatesOf(asg, ctx);
  const plane = planeOf(asg) ?? lts.map(planeOf).find((p) => p);
  if (plane !== 'training') return notApplicable('not a training pool');
  const type = lts.map((lt) => stringAt(lt, ['instance_type'])).find((t) => t !== undefined) ?? nestedValue(asg, ['mixed_instances_policy', 'launch_template', 'override', 'instance_type']).value;
  if (type === UNKNOWN) return unknown('the instance type is known only after apply', 'launch_template');
  if (typeof type !== 'string') return notApplicable('no instance type in this input');
  const spec = findSku(type);
  if (!spec) return unknown(`the catalog does not know ${type}: whether it trains across nodes cannot be judged`, 'launch_template');
  if (!TRAINING_FAMILIES.has(spec.family)) return notApplicable(`${type} (family ${spec.family}) exchanges no gradients between nodes`);
  const max = numberAt(asg, ['max_size']);
  if (max === UNKNOWN) return unknown('max_size is known only after apply', 'max_size');
  if (typeof max === 'number' && max <= 1) return notApplicable('single-node pool (max_size <= 1)');
  const pg = placementGroupOf(asg, lts, ctx);
  if (pg === UNKNOWN) return unknown('the placement group is known only after apply', 'placement_group');
  if (pg?.group) {
    const strategy = pg.group.get('strategy');
    if (strategy === UNKNOWN) return unknown('the placement group strategy is known only after apply', pg.path);
    return strategy === 'cluster' ? pass(`launches into the cluster placement group ${pg.name ?? pg.group.address}`, pg.path) : fail(`launches into a ${String(strategy)} placement group: multi-node training wants cluster placement`, pg.path);
  }
  for (const lt of lts) {
    const target = capacityTarget(lt, ctx);
    if (target === UNKNOWN) return unknown('the capacity reservation target is known only after apply', 'launch_template');
    if (target.kind === 'capacity-block') return pass('launches into a Capacity Block, which EC2 places close together (UltraCluster)');
    if (target.kind === 'reservation' && target.reservation) {
      const arn = target.reservation.get('placement_group_arn');
      if (arn === UNKNOWN || (arn && typeof arn === 'string')) return pass(`launches into ${target.reservation.address}, a reservation made in a placement group`);
      if (!pg) return fail(`launches into ${target.reservation.address}, a reservation made in no placement group: the nodes land wherever the reservation's capacity is`, target.path);
    }
    if (target.kind === 'reservation' && !target.reservation) return pass(`targets capacity reservation ${target.id ?? '(an id)'}: its placement is the reservation's (whether it was made in a cluster placement group is not visible in a plan)`);
    if (target.kind === 'reservation-group') return pass('targets a capacity reservation group: its placement is the reservations\' (not visible in a plan)');
  }
  if (pg?.name) return unknown(`the placement group ${pg.name} is not in this input: its strategy is unknown`, pg.path);
  return fail(`a multi-node training pool (max ${String(max)}) of ${type} without a cluster placement group: nodes may land far apart and collectives slow down`, 'placement_group');
}

/** Azure: a proximity placement group, or one placement group. */
function azure(r: ResourceView): Verdict {
  const ppg = r.get('proximity_placement_group_id');
  if (ppg === UNKNOWN || (typeof ppg === 'string' && ppg)) return pass('in a proximity placement group', 'proximity_placement_group_id');
  const single = boolAt(r, ['single_placement_group']);
  if (single === UNKNOWN) return unknown('single_placement_group is known only after apply', 'single_placement_group');
  if (single === false) return fail('a multi-node training scale set with neither a proximity placement group nor a single placement group: nodes may land far apart', 'single_placement_group');
  return pass('one placement group (single_placement_group true or the provider default); a proximity placement group would also pin the datacenter', 'single_placement_group');
}

/** Google: a compact (COLLOCATED) resource policy, or a specific reservation that brings its own placement. */
function gcp(r: ResourceView, ctx: RuleContext): Verdict {
  const policies = listAt(r, ['resource_policies']);
  if (policies === UNKNOWN) return unknown('resource_policies are known only after apply', 'resource_policies');
  const refs = referencedVia(r, ctx, 'google_compute_resource_policy', 'resource_policies');
  for (const p of refs) {
    const c = nestedValue(p, ['group_placement_policy', 'collocation']).value;
    if (c === UNKNOWN) return unknown('the placement policy\'s collocation is known only after apply', 'resource_policies');
    if (c === 'COLLOCATED') return pass(`compact placement (${p.address}, collocation COLLOCATED)`, 'resource_policies');
  }
  const affinity = nestedValue(r, ['reservation_affinity', 'type']).value;
  if (affinity === 'SPECIFIC_RESERVATION') return pass('targets a specific reservation: its placement is the reservation\'s (a compact policy on the reservation is not visible in a plan)', 'reservation_affinity');
  if (!refs.length && policies.some((p) => typeof p === 'string' && p)) return unknown('the resource policies are not in this input: whether one is a compact placement policy is unknown', 'resource_policies');
  return fail('a multi-node training pool without a compact placement policy (group_placement_policy collocation COLLOCATED): nodes may land far apart', 'resource_policies');
}

/** Multi-node training pools are placed close together: cluster placement group, proximity / single placement group, compact policy. */
export const compactPlacement: Rule = {
  id: 'AIRA-AI-007',
  title: 'Multi-node training pools use cluster or compact placement',
  severity: 'medium',
  rationale:
    'Collective operations of multi-node training are bound by the latency and bisection bandwidth between nodes, which depend on how close the nodes are. ' +
    'AWS: an Auto Scaling group of a training pool launches into a cluster placement group, or into reserved capacity that carries its own placement (a Capacity Block, placed in an UltraCluster; ' +
    'an On-Demand Capacity Reservation made in a placement group, visible when the reservation is in the plan). A reservation by id from outside the plan passes with its placement unseen, ' +
    'since adding a group the reservation was not made in would break it (AIRA-AI-008). Azure: a proximity placement group or a single placement group. ' +
    'Google: a COLLOCATED group placement policy on the instance template, or a specific reservation. Only GPU, Trainium and Inferentia pools on the training plane are judged; ' +
    'a pool is multi-node unless its groups hold at most one node. A warning: placement is a performance matter, not a security one.',
  remediation:
    'AWS: give the Auto Scaling group a placement group with strategy cluster, or launch into a Capacity Block or a reservation created in a cluster placement group. ' +
    'Azure: add a proximity placement group (the aira pool does for multi-node training). Google: add a google_compute_resource_policy with group_placement_policy.collocation = "COLLOCATED" to the template\'s resource_policies.',
  resourceTypes: ['aws_autoscaling_group', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'google_compute_instance_template', 'google_compute_region_instance_template'],
  frameworks: {
    // Capacity management: the nodes deliver the capacity the training workload is planned for (evidence, not certification).
    'iso-27001-2022': ['A.8.6'],
  },
  references: [],
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html#placement-groups-cluster',
    'https://learn.microsoft.com/azure/virtual-machines/co-location',
    'https://cloud.google.com/compute/docs/instances/use-compact-placement-policies',
  ],
  check(r: ResourceView, ctx: RuleContext): Verdict {
    if (r.type === 'aws_autoscaling_group') return aws(r, ctx);
    const training = poolPlane(r, 'training');
    if (training === UNKNOWN) return unknown('the network tags that carry the plane are known only after apply', 'tags');
    if (!training) return notApplicable('not a training pool');
    const sku = poolSku(r);
    if (sku === undefined) return notApplicable('no SKU set on this node definition');
    if (isVerdict(sku)) return sku;
    if (!TRAINING_FAMILIES.has(sku.spec.family)) return notApplicable(`${sku.id} (family ${sku.spec.family}) exchanges no gradients between nodes`);
    const max = poolMaxNodes(r, ctx);
    if (max === UNKNOWN) return unknown('the pool size is known only after apply');
    if (typeof max === 'number' && max <= 1) return notApplicable('single-node pool (at most 1 node)');
    return r.type.startsWith('azurerm_') ? azure(r) : gcp(r, ctx);
  },
};
