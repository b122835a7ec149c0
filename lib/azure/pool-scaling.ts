import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfile, MonitorAutoscaleSettingProfileRule } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { Construct } from 'constructs';
import { DemandSchedule, Weekday } from '../core/demand';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName } from '../core/naming';
import { PlannedAlarm, SAFETY_AZURE_NAMESPACE } from '../core/safety';

/**
 * Windows time zone ids of common IANA zones. Azure autoscale recurrences take Windows ids, not IANA
 * names (the `timezone` list in the provider's azurerm_monitor_autoscale_setting docs, 4.55.0); the
 * mapping follows Unicode CLDR's windowsZones.xml.
 */
export const WINDOWS_TIME_ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
  'America/New_York': 'Eastern Standard Time',
  'America/Chicago': 'Central Standard Time',
  'America/Denver': 'Mountain Standard Time',
  'America/Phoenix': 'US Mountain Standard Time',
  'America/Los_Angeles': 'Pacific Standard Time',
  'America/Toronto': 'Eastern Standard Time',
  'America/Sao_Paulo': 'E. South America Standard Time',
  'Europe/London': 'GMT Standard Time',
  'Europe/Dublin': 'GMT Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/Amsterdam': 'W. Europe Standard Time',
  'Europe/Stockholm': 'W. Europe Standard Time',
  'Europe/Zurich': 'W. Europe Standard Time',
  'Europe/Paris': 'Romance Standard Time',
  'Europe/Madrid': 'Romance Standard Time',
  'Europe/Warsaw': 'Central European Standard Time',
  'Asia/Tokyo': 'Tokyo Standard Time',
  'Asia/Seoul': 'Korea Standard Time',
  'Asia/Singapore': 'Singapore Standard Time',
  'Asia/Shanghai': 'China Standard Time',
  'Asia/Kolkata': 'India Standard Time',
  'Australia/Sydney': 'AUS Eastern Standard Time',
};

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** Props of `PoolAutoscale`. */
export interface PoolAutoscaleProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly scaleSetId: string;
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  readonly demand?: DemandSchedule;
  /** Windows time zone id that overrides the mapping of the profile's IANA zone. */
  readonly windowsTimeZone?: string;
  /** Alarms whose response includes scaling in by one node. */
  readonly scaleInAlarms: readonly PlannedAlarm[];
  readonly notifyEmails: readonly string[];
}

/**
 * The scale set's autoscale setting.
 *
 * Predictive provisioning: each start and end of a demand window becomes a recurrence profile that
 * holds the pool at the window's node count from that hour on, until the next profile starts (Azure
 * runs a recurrence profile until the next one begins: learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-multiprofile).
 *
 * Safety: the default profile (the one in force without a demand profile) scales in by one node when a
 * safety metric with a scale-in response crosses its threshold. Inside a scheduled profile the schedule
 * holds the size and the alert only notifies: a window's capacity is what its jobs were planned on.
 */
export class PoolAutoscale extends Construct {
  public readonly setting: MonitorAutoscaleSetting;

  constructor(scope: Construct, id: string, props: PoolAutoscaleProps) {
    super(scope, id);
    const { nodes, demand } = props;
    const profiles: MonitorAutoscaleSettingProfile[] = [];
    if (demand) {
      const timezone = props.windowsTimeZone ?? windowsZone(demand.timeZone, this.node.path);
      for (const a of demand.actions) {
        profiles.push({
          name: a.name,
          capacity: { minimum: a.nodes, default: a.nodes, maximum: a.nodes },
          recurrence: { timezone, days: a.days.map((d) => DAY_NAMES[d]), hours: [a.hour], minutes: [0] },
        });
      }
    } else {
      profiles.push({
        name: 'default',
        capacity: { minimum: nodes.min, default: nodes.desired, maximum: nodes.max },
        rule: props.scaleInAlarms.map((a) => scaleInRule(a, props.scaleSetId)),
      });
    }
    this.setting = new MonitorAutoscaleSetting(this, 'setting', {
      name: azureName(props.name, 'autoscale'),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      targetResourceId: props.scaleSetId,
      enabled: true,
      profile: profiles,
      ...(props.notifyEmails.length > 0 ? { notification: { email: { customEmails: [...props.notifyEmails] } } } : {}),
    });
  }
}

/** A rule that removes one node when a safety metric crosses its threshold, with a 10-minute cooldown. */
function scaleInRule(a: PlannedAlarm, scaleSetId: string): MonitorAutoscaleSettingProfileRule {
  return {
    metricTrigger: {
      metricName: a.metric.metricName,
      metricNamespace: SAFETY_AZURE_NAMESPACE,
      metricResourceId: scaleSetId,
      operator: 'GreaterThanOrEqual',
      statistic: 'Max',
      threshold: a.threshold,
      timeAggregation: 'Maximum',
      timeGrain: 'PT1M',
      // Autoscale windows run from 5 minutes up (learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-understanding-settings).
      timeWindow: `PT${Math.max(5, a.metric.sustainedMinutes)}M`,
    },
    scaleAction: { direction: 'Decrease', type: 'ChangeCount', value: 1, cooldown: 'PT10M' },
  };
}

/** The Windows time zone id of an IANA zone, or AIRA_E_UNSUPPORTED_OPTION. */
export function windowsZone(iana: string, where: string): string {
  const z = WINDOWS_TIME_ZONES[iana];
  if (z) return z;
  throw new AiraError(
    ErrorCodes.UNSUPPORTED_OPTION,
    where,
    `Azure autoscale takes Windows time zone ids, and the library does not know the one for "${iana}"`,
    `set windowsTimeZone (for example 'W. Europe Standard Time'), or use one of ${Object.keys(WINDOWS_TIME_ZONES).join(', ')}`,
  );
}
