import { fail, notApplicable, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { referencedVia } from '../golden/planes';
import { PlacementGroupRef, capacityTarget, launchTemplatesOf, placementGroupOf } from './aws-capacity';

/** The name of the placement group an ARN names (`arn:aws:ec2:<region>:<account>:placement-group/<name>`). */
const groupNameOfArn = (arn: string): string | undefined => /placement-group\/([^/]+)$/.exec(arn)?.[1];

/** Whether a reservation of the input was made in the placement group the pool launches into. */
function sameGroup(reservation: ResourceView, pg: PlacementGroupRef, ctx: RuleContext): boolean | typeof UNKNOWN | 'none' {
  const made = referencedVia(reservation, ctx, 'aws_placement_group', 'placement_group_arn')[0];
  if (made) return pg.group ? made === pg.group : pg.name !== undefined && made.get('name') === pg.name;
  const arn = reservation.get('placement_group_arn');
  if (arn === UNKNOWN) return UNKNOWN;
  if (typeof arn !== 'string' || !arn) return 'none';
  const name = groupNameOfArn(arn);
  return name !== undefined && pg.name !== undefined ? name === pg.name : UNKNOWN;
}

function judge(lts: readonly ResourceView[], asg: ResourceView | undefined, ctx: RuleContext): Verdict {
  const pg = placementGroupOf(asg, lts, ctx);
  for (const lt of lts) {
    const target = capacityTarget(lt, ctx);
    if (target === UNKNOWN) return unknown('the capacity reservation target is known only after apply', 'capacity_reservation_specification');
    if (target.kind === 'none') continue;
    if (pg === undefined) return pass(`targets ${target.kind === 'capacity-block' ? 'a Capacity Block' : 'reserved capacity'} with no placement group forced on it`);
    if (pg === UNKNOWN) return unknown('the placement group is known only after apply', 'placement_group');
    const group = pg.name ?? pg.group?.address ?? 'a placement group';
    if (target.kind === 'capacity-block') {
      return fail(`launches a Capacity Block into the placement group ${group}: the block is already placed, and instances forced into another group miss it`, pg.path);
    }
    if (target.kind === 'reservation-group') {
      return unknown(`targets a capacity reservation group and the placement group ${group}: which reservations the group holds, and the placement groups they were made in, are not visible in a plan`, pg.path);
    }
    if (!target.reservation) {
      return unknown(`targets reservation ${target.id ?? '(an id)'} and the placement group ${group}: the placement group a reservation outside this plan was made in is not visible in it`, pg.path);
    }
    const same = sameGroup(target.reservation, pg, ctx);
    if (same === UNKNOWN) return unknown(`whether ${target.reservation.address} was made in the placement group ${group} is known only after apply`, pg.path);
    if (same === 'none') return fail(`launches into ${target.reservation.address}, made in no placement group, but forces the placement group ${group}: launches miss the reservation`, pg.path);
    return same ? pass(`the reservation ${target.reservation.address} was made in the placement group ${group} the pool launches into`, pg.path) : fail(`launches into ${target.reservation.address}, made in another placement group than ${group}: launches miss the reservation`, pg.path);
  }
  return notApplicable('targets no capacity reservation or Capacity Block');
}

/**
 * A capacity reservation or Capacity Block is never combined with a placement group it was not made
 * in. Judged on the Auto Scaling group (its placement group and its launch templates' targets), and on
 * a launch template that no group of the input uses.
 */
export const reservationPlacement: Rule = {
  id: 'AIRA-AI-008',
  title: 'Reserved capacity is not combined with a placement group it was not made in',
  severity: 'high',
  rationale:
    'An instance launched into a cluster placement group uses a capacity reservation only if the reservation was made in that group; a Capacity Block for ML is already placed, and forcing a placement group on it ' +
    'makes launches miss the block (the failure of peer modules that force a placement group on EFA pools: terraform-aws-modules/terraform-aws-eks#3661). ' +
    'The rule reads the launch template\'s capacity_reservation_specification and instance_market_options, and the placement group of the Auto Scaling group or the template. ' +
    'What a plan can show: a Capacity Block with any placement group (fail); a reservation of the same plan and the group its placement_group_arn names (pass or fail). ' +
    'What it cannot: the placement group of a reservation created elsewhere (targeted by id) or the members of a reservation resource group; those combinations are reported unknown, never passed.',
  remediation:
    'Drop the placement group from pools that target a Capacity Block; for an On-Demand Capacity Reservation, launch into the placement group the reservation was created in (reservation.placementGroup in the aira pool) or into none.',
  resourceTypes: ['aws_autoscaling_group', 'aws_launch_template'],
  frameworks: {
    // Capacity management: the pool gets the capacity that was reserved for it (evidence, not certification).
    'iso-27001-2022': ['A.8.6'],
    soc2: ['A1.1'],
  },
  references: [],
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cr-cpg.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-blocks-launch.html',
    'https://github.com/terraform-aws-modules/terraform-aws-eks/issues/3661',
  ],
  check(r: ResourceView, ctx: RuleContext): Verdict {
    if (r.type === 'aws_autoscaling_group') {
      const lts = launchTemplatesOf(r, ctx);
      return lts.length ? judge(lts, r, ctx) : notApplicable('its launch template is not in this input');
    }
    if (ctx.referencing(r, { type: 'aws_autoscaling_group' }).length) return notApplicable('judged on the Auto Scaling group that uses this template');
    return judge([r], undefined, ctx);
  },
};
