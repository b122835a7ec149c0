import { ComputeSubnetworkLogConfig } from '@cdktf/provider-google/lib/compute-subnetwork';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { gcpName } from '../core/naming';

/** Log bucket retention bounds (cloud.google.com/logging/docs/buckets#custom-retention). */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/**
 * The `log_config` of every subnetwork: 5-second aggregation (the finest), every metadata field (the
 * instance, VPC and tag of both ends, which is what shows which plane talked to which), and the given
 * share of flows. The default samples every flow (1.0) rather than Google's 0.5 default: a zero-trust
 * audit needs the flows that were allowed as much as the ones that were denied, as the AWS network
 * logs all traffic. Lower it to cut Cloud Logging cost on chatty training planes.
 * Field values from cloud.google.com/vpc/docs/flow-logs#log-sampling and the provider's
 * google_compute_subnetwork docs.
 */
export function subnetLogConfig(flowSampling: number, where: string): ComputeSubnetworkLogConfig {
  if (typeof flowSampling !== 'number' || !(flowSampling > 0 && flowSampling <= 1)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `flowLogSampling ${String(flowSampling)} is not a fraction above 0 and at most 1`, 'use 1.0 to log every flow, or for example 0.5 to log half of them');
  }
  return { aggregationInterval: 'INTERVAL_5_SEC', flowSampling, metadata: 'INCLUDE_ALL_METADATA' };
}

/** Props of `NetworkLogs`. */
export interface NetworkLogsProps {
  readonly project: string;
  /** Region of the log bucket (the network's region keeps the logs where the traffic is). */
  readonly region: string;
  readonly namePrefix: string;
  /** Names of the network's subnetworks: the sink takes the logs of these only. */
  readonly subnetNames: readonly string[];
  readonly retentionDays: number;
}

/**
 * Keeps the network's flow logs and firewall rule logs for the retention asked. Subnet flow logs and
 * firewall logs go to Cloud Logging, whose `_Default` bucket keeps 30 days; retention is a property of
 * a log bucket (cloud.google.com/logging/docs/routing/overview), so the network gets its own bucket in
 * its region and a sink that routes its subnetworks' `vpc_flows` and `firewall` logs there. The
 * `_Default` sink is a project-wide setting and is left alone: its 30-day copy stays. Log buckets are
 * encrypted at rest by Google; a CMEK needs the project's Logging service account first and is out of
 * this network's reach.
 */
export class NetworkLogs extends Construct {
  public readonly bucket: LoggingProjectBucketConfig;
  public readonly sink: LoggingProjectSink;

  constructor(scope: Construct, id: string, props: NetworkLogsProps) {
    super(scope, id);
    const days = props.retentionDays;
    if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
      throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `flow log retention of ${String(days)} days is not a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`, 'give flowLogs.retentionDays as whole days, for example 365');
    }
    const bucketId = gcpName(props.namePrefix, 'network-logs');
    this.bucket = new LoggingProjectBucketConfig(this, 'bucket', {
      project: props.project,
      location: props.region,
      bucketId,
      description: `VPC flow logs and firewall logs of network ${props.namePrefix}`,
      retentionDays: days,
    });
    const subnets = props.subnetNames.map((n) => JSON.stringify(n)).join(' OR ');
    this.sink = new LoggingProjectSink(this, 'sink', {
      name: gcpName(props.namePrefix, 'network-logs'),
      description: `Routes the flow and firewall logs of network ${props.namePrefix} to its log bucket`,
      // A sink to a log bucket of the same project needs no IAM grant for its writer identity.
      // The bucket's path is spelled out so the plan shows it; dependsOn orders the creation.
      destination: `logging.googleapis.com/projects/${props.project}/locations/${props.region}/buckets/${bucketId}`,
      dependsOn: [this.bucket],
      filter: [
        'resource.type="gce_subnetwork"',
        '(log_id("compute.googleapis.com/vpc_flows") OR log_id("compute.googleapis.com/firewall"))',
        `resource.labels.subnetwork_name=(${subnets})`,
      ].join(' AND '),
    });
  }
}
