/**
 * How many nodes a pool's node definition can run, from the resources that scale it: the Auto Scaling
 * groups using a launch template (`max_size`), a scale set's `instances` and the maximum of its
 * autoscale profiles, the managed instance groups using an instance template (`target_size`) and their
 * autoscalers (`max_replicas`).
 */
import { blocks, numberAt } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN } from '../../lib/policy/types';

const MIG_TYPES = ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'];
const AUTOSCALER_TYPES = ['google_compute_autoscaler', 'google_compute_region_autoscaler'];

/**
 * The most nodes the pool of a node definition runs: a number, UNKNOWN when a size is known only after
 * apply, or undefined when nothing in the input scales it (a template no group uses).
 */
export function poolMaxNodes(r: ResourceView, ctx: RuleContext): number | typeof UNKNOWN | undefined {
  const sizes: Array<number | typeof UNKNOWN | undefined> = [];
  if (r.type === 'aws_launch_template') {
    for (const g of ctx.referencing(r, { type: 'aws_autoscaling_group' })) sizes.push(numberAt(g, ['max_size']));
  } else if (r.type === 'aws_autoscaling_group') {
    sizes.push(numberAt(r, ['max_size']));
  } else if (r.type.startsWith('azurerm_')) {
    sizes.push(numberAt(r, ['instances']));
    for (const a of ctx.referencing(r, { type: 'azurerm_monitor_autoscale_setting', via: 'target_resource_id' })) {
      const profiles = blocks(a, ['profile']);
      if (profiles === UNKNOWN) sizes.push(UNKNOWN);
      else for (const p of profiles) sizes.push(numberAt(a, [...p, 'capacity', 'maximum']) ?? numberAt(a, [...p, 'capacity', 0, 'maximum']));
    }
  } else {
    for (const mig of MIG_TYPES.flatMap((type) => ctx.referencing(r, { type }))) {
      sizes.push(numberAt(mig, ['target_size']));
      for (const s of AUTOSCALER_TYPES.flatMap((type) => ctx.referencing(mig, { type, via: 'target' }))) {
        sizes.push(numberAt(s, ['autoscaling_policy', 'max_replicas']) ?? numberAt(s, ['autoscaling_policy', 0, 'max_replicas']));
      }
    }
  }
  const known = sizes.filter((s): s is number => typeof s === 'number');
  if (known.some((n) => n > 1)) return Math.max(...known);
  if (sizes.includes(UNKNOWN)) return UNKNOWN;
  return known.length ? Math.max(...known) : undefined;
}
