import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';
import { azureName } from '../core/naming';
import { PlannedAlarm, SAFETY_AZURE_NAMESPACE, SafetyMetric } from '../core/safety';

/** Window sizes a metric alert takes, in minutes (the `window_size` values of azurerm_monitor_metric_alert, 4.55.0). */
export const ALERT_WINDOWS: ReadonlyArray<readonly [number, string]> = [
  [1, 'PT1M'], [5, 'PT5M'], [15, 'PT15M'], [30, 'PT30M'], [60, 'PT1H'], [360, 'PT6H'], [720, 'PT12H'], [1440, 'P1D'],
];

const AGGREGATION: Record<SafetyMetric['aggregation'], string> = { max: 'Maximum', sum: 'Total', mean: 'Average' };

/** Props of `PoolSafetyAlerts`. */
export interface PoolSafetyAlertsProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly scaleSetId: string;
  readonly alarms: readonly PlannedAlarm[];
  readonly notifyEmails: readonly string[];
}

/**
 * The safety alerts (Level 4 safety mechanisms): one Azure Monitor metric alert per safety metric on the
 * scale set, reading the custom metrics the node agents publish in namespace `aira/accelerators` (see
 * `SAFETY_METRICS`), each notifying the pool's action group. The metrics may not exist until the first
 * node reports, so metric validation is skipped at creation. Scale-in responses are autoscale rules
 * (`PoolAutoscale`).
 *
 * A metric's sustained minutes are rounded up to the next window an alert takes (3 minutes become 5).
 */
export class PoolSafetyAlerts extends Construct {
  public readonly actionGroup: MonitorActionGroup;
  public readonly alerts: MonitorMetricAlert[] = [];

  constructor(scope: Construct, id: string, props: PoolSafetyAlertsProps) {
    super(scope, id);
    this.actionGroup = new MonitorActionGroup(this, 'actions', {
      name: azureName(props.name, 'safety'),
      resourceGroupName: props.resourceGroupName,
      // At most 12 characters (shown in SMS and e-mail subjects).
      shortName: props.name.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'aira',
      location: 'global',
      emailReceiver: props.notifyEmails.map((e, i) => ({ name: `email-${i}`, emailAddress: e, useCommonAlertSchema: true })),
    });
    for (const a of props.alarms) {
      const window = (ALERT_WINDOWS.find(([m]) => m >= a.metric.sustainedMinutes) ?? ALERT_WINDOWS[ALERT_WINDOWS.length - 1])[1];
      this.alerts.push(
        new MonitorMetricAlert(this, a.key, {
          name: azureName(props.name, a.metric.id),
          resourceGroupName: props.resourceGroupName,
          scopes: [props.scaleSetId],
          description: `${a.metric.metricName} >= ${a.threshold} ${a.metric.unit}. Response: ${a.metric.response}`,
          severity: a.metric.scaleIn ? 1 : 2,
          frequency: 'PT1M',
          windowSize: window,
          autoMitigate: true,
          criteria: [
            {
              metricNamespace: SAFETY_AZURE_NAMESPACE,
              metricName: a.metric.metricName,
              aggregation: AGGREGATION[a.metric.aggregation],
              operator: 'GreaterThanOrEqual',
              threshold: a.threshold,
              skipMetricValidation: true,
            },
          ],
          action: [{ actionGroupId: this.actionGroup.id }],
        }),
      );
    }
  }
}
