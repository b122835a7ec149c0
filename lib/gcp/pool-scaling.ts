import { ComputeAutoscaler, ComputeAutoscalerAutoscalingPolicyScalingSchedules } from '@cdktf/provider-google/lib/compute-autoscaler';
import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { ComputeRegionAutoscaler } from '@cdktf/provider-google/lib/compute-region-autoscaler';
import { ComputeRegionInstanceGroupManager } from '@cdktf/provider-google/lib/compute-region-instance-group-manager';
import { ComputeResourcePolicy } from '@cdktf/provider-google/lib/compute-resource-policy';
import { Construct } from 'constructs';
import { DemandSchedule } from '../core/demand';
import { gcpName } from '../core/naming';

/** A compact placement policy: the pool's VMs on hosts close together (low latency, one zone). */
export function compactPlacement(scope: Construct, id: string, project: string, region: string, name: string): ComputeResourcePolicy {
  // `vm_count` is left out: with it the policy only works at exactly that many VMs, which a group that
  // scales cannot promise (provider docs, google_compute_resource_policy.group_placement_policy.vm_count).
  return new ComputeResourcePolicy(scope, id, {
    project,
    region,
    name: gcpName(name, 'compact'),
    description: `Compact placement of pool ${name}`,
    groupPlacementPolicy: { collocation: 'COLLOCATED' },
  });
}

/** The scheduled windows of a demand schedule as autoscaler scaling schedules. */
export function scalingSchedules(demand: DemandSchedule): ComputeAutoscalerAutoscalingPolicyScalingSchedules[] {
  return demand.windows.map((w) => ({
    name: w.name,
    description: `Declared demand: ${w.nodes} nodes`,
    schedule: w.cron,
    timeZone: demand.timeZone,
    durationSec: w.durationSeconds,
    minRequiredReplicas: w.nodes,
  }));
}

/** Props of `PoolGroup`. */
export interface PoolGroupProps {
  readonly project: string;
  readonly region: string;
  readonly zones: readonly string[];
  readonly name: string;
  readonly templateSelfLink: string;
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  /**
   * Declared demand: adds an autoscaler that scales on its schedule only, from the profile's baseline
   * up to `nodes.max`. @default none: no autoscaler, the group keeps `nodes.desired` and the job scheduler resizes it
   */
  readonly demand?: DemandSchedule;
}

/**
 * The managed instance group of a pool, zonal for a one-zone pool (compact placement needs one zone) and
 * regional with an even spread otherwise, and its autoscaler when a demand profile is declared.
 *
 * The autoscaler scales on the declared schedule only (predictive provisioning): its floor is the
 * profile's baseline and each window raises it for the window's length
 * (cloud.google.com/compute/docs/autoscaler/scaling-schedules). Without a profile there is no
 * autoscaler, since the only signal Google would fall back to is CPU use, which says nothing about a
 * GPU job: the group keeps its desired size, and the job scheduler resizes it.
 *
 * Updates are opportunistic: a new template reaches a node only when the node is replaced, never by
 * recreating nodes under a running job.
 */
export class PoolGroup extends Construct {
  /** Self link of the instance group (for load balancers and schedulers). */
  public readonly instanceGroup: string;
  /** Id of the instance group manager. */
  public readonly managerId: string;
  public readonly autoscaled: boolean;

  constructor(scope: Construct, id: string, p: PoolGroupProps) {
    super(scope, id);
    const autoscaled = p.demand !== undefined;
    this.autoscaled = autoscaled;
    const common = {
      project: p.project,
      name: gcpName(p.name),
      baseInstanceName: gcpName(p.name).slice(0, 54).replace(/-+$/, ''),
      description: `Accelerator pool ${p.name}`,
      version: [{ name: 'primary', instanceTemplate: p.templateSelfLink }],
      // The autoscaler owns the size when there is one.
      ...(autoscaled ? {} : { targetSize: p.nodes.desired }),
      waitForInstances: false,
    };
    let target: string;
    if (p.zones.length === 1) {
      const mig = new ComputeInstanceGroupManager(this, 'group', {
        ...common,
        zone: p.zones[0],
        updatePolicy: { type: 'OPPORTUNISTIC', minimalAction: 'REPLACE', maxSurgeFixed: 0, maxUnavailableFixed: 1 },
      });
      target = mig.id;
      this.instanceGroup = mig.instanceGroup;
      this.managerId = mig.id;
    } else {
      const mig = new ComputeRegionInstanceGroupManager(this, 'group', {
        ...common,
        region: p.region,
        distributionPolicyZones: [...p.zones],
        distributionPolicyTargetShape: 'EVEN',
        // Regional groups need a fixed surge of 0 or at least one per zone, and as much unavailability.
        updatePolicy: { type: 'OPPORTUNISTIC', minimalAction: 'REPLACE', maxSurgeFixed: 0, maxUnavailableFixed: p.zones.length, instanceRedistributionType: 'NONE' },
      });
      target = mig.id;
      this.instanceGroup = mig.instanceGroup;
      this.managerId = mig.id;
    }
    if (!p.demand) return;
    const policy = {
      minReplicas: p.demand.baselineNodes,
      maxReplicas: p.nodes.max,
      mode: 'ON',
      // Accelerator nodes take minutes to boot and load drivers before they do useful work.
      cooldownPeriod: 600,
      scalingSchedules: scalingSchedules(p.demand),
    };
    if (p.zones.length === 1) {
      new ComputeAutoscaler(this, 'autoscaler', { project: p.project, zone: p.zones[0], name: gcpName(p.name, 'scaler'), target, autoscalingPolicy: policy });
    } else {
      new ComputeRegionAutoscaler(this, 'autoscaler', { project: p.project, region: p.region, name: gcpName(p.name, 'scaler'), target, autoscalingPolicy: policy });
    }
  }
}
