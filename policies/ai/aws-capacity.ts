/**
 * Reading an AWS pool's reserved capacity and placement: the launch template's
 * `capacity_reservation_specification` and `instance_market_options`, the Auto Scaling group's
 * `placement_group` and the template's `placement` block.
 */
import { blocks } from '../../lib/policy/rule-kit';
import { ResourceView, RuleContext, UNKNOWN, ValuePath } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { referencedVia } from '../golden/planes';

/**
 * The value at a path of nested blocks, in either form (a plan writes blocks as lists, cdktf a single
 * block as an object): the first block at each level. UNKNOWN stays UNKNOWN.
 */
export function nestedValue(r: ResourceView, path: readonly string[]): { value: unknown; at: ValuePath } {
  let at: ValuePath = [];
  for (const seg of path.slice(0, -1)) {
    const b = blocks(r, [...at, seg]);
    if (b === UNKNOWN) return { value: UNKNOWN, at: [...at, seg] };
    if (!b.length) return { value: undefined, at: [...at, seg] };
    at = b[0];
  }
  const full = [...at, path[path.length - 1]];
  return { value: r.get(full), at: full };
}

/** The launch templates an Auto Scaling group launches (directly or through a mixed instances policy). */
export function launchTemplatesOf(asg: ResourceView, ctx: RuleContext): ResourceView[] {
  return [...referencedVia(asg, ctx, 'aws_launch_template', 'launch_template'), ...referencedVia(asg, ctx, 'aws_launch_template', 'mixed_instances_policy')];
}

/** What a launch template targets. */
export type CapacityTarget =
  | { readonly kind: 'none' }
  | { readonly kind: 'capacity-block'; readonly id?: string; readonly path: string }
  | { readonly kind: 'reservation'; readonly id?: string; readonly reservation?: ResourceView; readonly path: string }
  | { readonly kind: 'reservation-group'; readonly arn?: string; readonly path: string };

const SPEC = 'capacity_reservation_specification';

/** The reserved capacity a launch template targets; UNKNOWN when the target is known only after apply. */
export function capacityTarget(lt: ResourceView, ctx: RuleContext): CapacityTarget | typeof UNKNOWN {
  const market = nestedValue(lt, ['instance_market_options', 'market_type']);
  const id = nestedValue(lt, [SPEC, 'capacity_reservation_target', 'capacity_reservation_id']);
  const group = nestedValue(lt, [SPEC, 'capacity_reservation_target', 'capacity_reservation_resource_group_arn']);
  const block = referencedVia(lt, ctx, 'aws_ec2_capacity_block_reservation', SPEC)[0];
  const reservation = referencedVia(lt, ctx, 'aws_ec2_capacity_reservation', SPEC)[0];
  const idText = typeof id.value === 'string' && !id.value.includes('${') ? id.value : undefined;
  if (market.value === 'capacity-block' || block) return { kind: 'capacity-block', ...(idText ? { id: idText } : {}), path: pathKey(id.at) };
  if (reservation) return { kind: 'reservation', reservation, ...(idText ? { id: idText } : {}), path: pathKey(id.at) };
  if (typeof id.value === 'string') return { kind: 'reservation', id: id.value, path: pathKey(id.at) };
  if (typeof group.value === 'string') return { kind: 'reservation-group', arn: group.value, path: pathKey(group.at) };
  if (market.value === UNKNOWN || id.value === UNKNOWN || group.value === UNKNOWN) return UNKNOWN;
  return { kind: 'none' };
}

/** The placement group a pool launches into. */
export interface PlacementGroupRef {
  /** The `aws_placement_group` of the input, when it is one. @default none: a literal name of a group outside the input */
  readonly group?: ResourceView;
  /** The group's name, when literal. @default none: known only after apply */
  readonly name?: string;
  /** The resource and attribute that name it. */
  readonly on: ResourceView;
  readonly path: string;
}

/**
 * The placement group of an Auto Scaling group (its `placement_group`) or of its launch templates
 * (`placement.group_name` / `group_id`). Undefined when none is set; UNKNOWN when known only after
 * apply and not a reference to a group of the input.
 */
export function placementGroupOf(asg: ResourceView | undefined, lts: readonly ResourceView[], ctx: RuleContext): PlacementGroupRef | typeof UNKNOWN | undefined {
  const candidates: Array<{ on: ResourceView; attr: string; value: unknown; path: string }> = [];
  if (asg) candidates.push({ on: asg, attr: 'placement_group', value: asg.get('placement_group'), path: 'placement_group' });
  for (const lt of lts) {
    for (const key of ['group_name', 'group_id']) {
      const v = nestedValue(lt, ['placement', key]);
      candidates.push({ on: lt, attr: 'placement', value: v.value, path: pathKey(v.at) });
    }
  }
  for (const c of candidates) {
    if (c.value === undefined || c.value === null || c.value === '') continue;
    const group = referencedVia(c.on, ctx, 'aws_placement_group', c.attr)[0];
    if (group) {
      const name = group.get('name');
      return { group, on: c.on, path: c.path, ...(typeof name === 'string' ? { name } : {}) };
    }
    if (c.value === UNKNOWN) return UNKNOWN;
    if (typeof c.value === 'string') return { name: c.value, on: c.on, path: c.path };
  }
  return undefined;
}
