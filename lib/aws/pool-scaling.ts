import { AutoscalingGroup, AutoscalingGroupConfig } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingSchedule } from '@cdktf/provider-aws/lib/autoscaling-schedule';
import { PlacementGroup } from '@cdktf/provider-aws/lib/placement-group';
import { IResolvable, ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CapacitySpec } from '../core/compute';
import { DemandSchedule } from '../core/demand';

/** Props of `PoolScalingGroup`. */
export interface PoolScalingGroupProps {
  readonly name: string;
  readonly launchTemplateId: string;
  readonly launchTemplateVersion: number;
  readonly instanceType: string;
  readonly subnetIds: string[];
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly capacity: CapacitySpec;
  /** Create a cluster placement group. */
  readonly clusterPlacement: boolean;
  /** On-demand nodes under a Spot pool (its fallback). */
  readonly spotOnDemandBase: number;
  readonly serviceLinkedRoleArn: string;
  readonly demand?: DemandSchedule;
  /** Tags every instance gets, resolved at synth (after the tagging aspects). */
  readonly tags: () => Record<string, string>;
  /** Resources that must exist before the first launch (the key grant). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The Auto Scaling group of a pool, its placement and its scheduled actions.
 *
 * - Placement: a cluster placement group packs multi-node training close together; reserved capacity
 *   (reservation, Capacity Block) uses the group it was created in, or none, never a new one
 *   (`planPool` enforces this: terraform-aws-eks issue 3661 shows what a forced group does to a block).
 * - Spot: a mixed instances policy with `price-capacity-optimized` allocation, capacity rebalancing
 *   (a replacement is launched when EC2 signals a Spot node is at elevated risk, see
 *   docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html) and,
 *   with `onDemandFallback`, an on-demand base that keeps that many nodes running whatever Spot does.
 *   EC2 Auto Scaling does not turn an unfilled Spot request into on-demand by itself; the base is the
 *   fallback it offers.
 * - `wait_for_capacity_timeout = 0`: `terraform apply` does not block on accelerator capacity, which
 *   may not exist yet (a Capacity Block that starts later, a sold-out zone).
 * - Predictive provisioning: one scheduled action per start and end of each demand window
 *   (`aws_autoscaling_schedule`), in the profile's time zone. Terraform then ignores the desired size,
 *   which the schedules own.
 */
export class PoolScalingGroup extends Construct {
  public readonly group: AutoscalingGroup;
  public readonly placementGroup?: PlacementGroup;
  public readonly schedules: AutoscalingSchedule[] = [];

  constructor(scope: Construct, id: string, props: PoolScalingGroupProps) {
    super(scope, id);
    if (props.clusterPlacement) {
      this.placementGroup = new PlacementGroup(this, 'placement', { name: props.name, strategy: 'cluster', tags: { Name: props.name } });
    }
    const reservedGroup = props.capacity.kind === 'reservation' ? props.capacity.placementGroup : undefined;
    const version = Token.asString(props.launchTemplateVersion);
    const spot = props.capacity.kind === 'spot';
    const launch: Pick<AutoscalingGroupConfig, 'launchTemplate' | 'mixedInstancesPolicy' | 'capacityRebalance'> = spot
      ? {
          capacityRebalance: true,
          mixedInstancesPolicy: {
            instancesDistribution: {
              onDemandBaseCapacity: props.spotOnDemandBase,
              onDemandPercentageAboveBaseCapacity: 0,
              spotAllocationStrategy: 'price-capacity-optimized',
            },
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateId: props.launchTemplateId, version },
              override: [{ instanceType: props.instanceType }],
            },
          },
        }
      : { launchTemplate: { id: props.launchTemplateId, version } };
    this.group = new AutoscalingGroup(this, 'group', {
      name: props.name,
      minSize: props.nodes.min,
      maxSize: props.nodes.max,
      desiredCapacity: props.nodes.desired,
      vpcZoneIdentifier: props.subnetIds,
      healthCheckType: 'EC2',
      healthCheckGracePeriod: 600,
      waitForCapacityTimeout: '0',
      serviceLinkedRoleArn: props.serviceLinkedRoleArn,
      ...(this.placementGroup ? { placementGroup: this.placementGroup.name } : reservedGroup ? { placementGroup: reservedGroup } : {}),
      ...launch,
      // Instances get their tags from the launch template; the group's own tags are not propagated.
      tag: Lazy.anyValue({
        produce: () => Object.entries(props.tags()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value, propagate_at_launch: false })),
      }) as IResolvable,
      dependsOn: props.dependsOn,
      ...(props.demand ? { lifecycle: { ignoreChanges: ['desired_capacity'] } } : {}),
    });
    for (const a of props.demand?.actions ?? []) {
      this.schedules.push(
        new AutoscalingSchedule(this, `schedule-${a.name}`, {
          scheduledActionName: `${props.name}-${a.name}`,
          autoscalingGroupName: this.group.name,
          recurrence: a.cron,
          timeZone: props.demand!.timeZone,
          desiredCapacity: a.nodes,
          // -1 leaves the group's min and max as they are (the API's "unchanged").
          minSize: -1,
          maxSize: -1,
        }),
      );
    }
  }
}
