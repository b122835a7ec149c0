import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { PlannedAlarm, SAFETY_GCP_PREFIX, SafetyMetricKey } from '../core/safety';

/** Props of `PoolAlarms`. */
export interface PoolAlarmsProps {
  readonly project: string;
  /** Pool name: the value of the `pool` metric label the node agents write. */
  readonly pool: string;
  /** Monitored resource type the agents write against (`gce_instance` for instance groups). */
  readonly resourceType: string;
  readonly alarms: readonly PlannedAlarm[];
  /** Existing notification channel ids (`projects/<p>/notificationChannels/<id>`). */
  readonly channels: readonly string[];
  /** E-mail addresses to notify through new e-mail channels. */
  readonly emails: readonly string[];
}

/** Comparison per metric: limits trip above the threshold, fault counts at it. */
const COMPARISON: Record<SafetyMetricKey, string> = {
  gpuTemperature: 'COMPARISON_GT',
  xidErrors: 'COMPARISON_GE',
  neuronErrors: 'COMPARISON_GE',
  decoherence: 'COMPARISON_GT',
  spikeRate: 'COMPARISON_GT',
};
/** How long a reading must hold before the alert opens: a temperature must stay high, a fault counts at once. */
const DURATION: Record<SafetyMetricKey, string> = { gpuTemperature: '120s', xidErrors: '0s', neuronErrors: '0s', decoherence: '300s', spikeRate: '120s' };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Cloud Monitoring alert policies for a pool's safety metrics (the Level 4 safety mechanisms). The node
 * agents write the metrics as `custom.googleapis.com/aira/<metric id>` gauges with a `pool` label;
 * each policy takes the worst node of the pool per minute, so one hot or faulty node opens it. Alert
 * policies only notify: the documented response (scale in, cordon, stop queueing) is carried in the
 * policy's documentation for the on-call and for automation reading the incident.
 * Field names from the provider's google_monitoring_alert_policy docs (6.50.0) and
 * cloud.google.com/monitoring/api/v3/filters.
 */
export class PoolAlarms extends Construct {
  public readonly policies: MonitoringAlertPolicy[] = [];
  public readonly channels: string[];

  constructor(scope: Construct, id: string, props: PoolAlarmsProps) {
    super(scope, id);
    const emailChannels = props.emails.map((email, i) => {
      if (typeof email !== 'string' || !EMAIL.test(email)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, this.node.path, `"${String(email)}" is not an e-mail address`, 'give addresses like oncall@example.com');
      }
      return new MonitoringNotificationChannel(this, `email-${i}`, {
        project: props.project,
        type: 'email',
        displayName: `${props.pool} safety alerts to ${email}`,
        labels: { email_address: email },
      }).id;
    });
    this.channels = [...props.channels, ...emailChannels];
    for (const a of props.alarms) {
      const filter = [
        `metric.type = "${SAFETY_GCP_PREFIX}${a.metric.id}"`,
        `resource.type = "${props.resourceType}"`,
        `metric.labels.pool = "${props.pool}"`,
      ].join(' AND ');
      this.policies.push(
        new MonitoringAlertPolicy(this, a.key, {
          project: props.project,
          displayName: `${props.pool}: ${a.metric.metricName} ${COMPARISON[a.key] === 'COMPARISON_GT' ? '>' : '>='} ${a.threshold}`,
          combiner: 'OR',
          severity: 'CRITICAL',
          conditions: [
            {
              displayName: `${a.metric.metricName} of the worst node`,
              conditionThreshold: {
                filter,
                comparison: COMPARISON[a.key],
                thresholdValue: a.threshold,
                duration: DURATION[a.key],
                aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_MAX', crossSeriesReducer: 'REDUCE_MAX', groupByFields: ['metric.labels.pool'] }],
                trigger: { count: 1 },
              },
            },
          ],
          notificationChannels: this.channels,
          alertStrategy: { autoClose: '1800s' },
          documentation: {
            mimeType: 'text/markdown',
            subject: `${props.pool}: ${a.metric.metricName} crossed ${a.threshold} ${a.metric.unit}`,
            content: `Source: ${a.metric.source}.\n\nResponse: ${a.metric.response}.`,
          },
          userLabels: { 'aira-pool': props.pool, 'aira-metric': a.metric.id },
        }),
      );
    }
  }
}
