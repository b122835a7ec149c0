import { AiraError, ErrorCodes } from './errors';

/** Days of the week, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One day of the week, as demand windows and scale actions name it (`'mon'` to `'sun'`). */
export type Weekday = (typeof WEEKDAYS)[number];

/** A recurring window of higher demand. Windows do not cross midnight: split such a window in two. */
export interface DemandWindow {
  /** Days the window recurs on. */
  readonly days: readonly Weekday[];
  /** Hour the window opens (0 to 23), in the profile's time zone. */
  readonly startHour: number;
  /** Hour the window closes (1 to 24), after `startHour`. */
  readonly endHour: number;
  /** Nodes wanted during the window. */
  readonly nodes: number;
}

/**
 * A pool's expected demand over a week, declared by the user. The autoscaling manager turns it into
 * scheduled scaling on each cloud, so capacity is in place before the demand arrives (predictive
 * provisioning) instead of after a metric crosses a threshold.
 *
 * @example
 * { timeZone: 'Europe/Berlin', baselineNodes: 2, windows: [{ days: ['mon','tue','wed','thu','fri'], startHour: 8, endHour: 20, nodes: 16 }] }
 */
export interface WeeklyDemandProfile {
  /** IANA time zone the hours are in. @default 'UTC' */
  readonly timeZone?: string;
  /** Nodes outside every window. @default the pool's minimum */
  readonly baselineNodes?: number;
  /** The windows; at most one per day and hour. */
  readonly windows: readonly DemandWindow[];
}

/** One scheduled change of capacity. */
export interface ScaleAction {
  /** Unique, stable name: `w<index>-start` or `w<index>-end`. */
  readonly name: string;
  readonly days: readonly Weekday[];
  readonly hour: number;
  /** Nodes from this moment on. */
  readonly nodes: number;
  /** Unix cron expression (minute hour day month weekday, Sunday = 0). */
  readonly cron: string;
}

/** A window with its opening cron and length, for clouds that schedule by duration (Google). */
export interface ScheduledWindow {
  readonly name: string;
  readonly nodes: number;
  readonly cron: string;
  readonly durationSeconds: number;
}

/** A checked profile: every action and window a cloud needs. */
export interface DemandSchedule {
  readonly timeZone: string;
  readonly baselineNodes: number;
  /** Start and end of each window, in window order. */
  readonly actions: readonly ScaleAction[];
  readonly windows: readonly ScheduledWindow[];
}

const CRON_DAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function cronDays(days: readonly Weekday[]): string {
  return [...days].map((d) => CRON_DAY[d]).sort((a, b) => a - b).join(',');
}

let canonicalZones: ReadonlySet<string> | undefined;

/**
 * Whether the name is an IANA time zone. The canonical list is checked first: building a
 * `DateTimeFormat` loads the time zone data (about 9 ms the first time, measured), which aliases such
 * as `US/Eastern` still need.
 */
function isTimeZone(name: string): boolean {
  canonicalZones ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  if (canonicalZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function fail(where: string, problem: string, fix: string): never {
  throw new AiraError(ErrorCodes.INVALID_PROP, where, `demand profile: ${problem}`, fix);
}

/**
 * Checks a weekly demand profile against a pool's node range and turns it into scale actions.
 * Throws AIRA_E_INVALID_PROP for an unknown time zone or day, hours out of range, a window that ends
 * before it starts, node counts outside the pool's range, or two windows that overlap.
 */
export function planDemand(profile: WeeklyDemandProfile, range: { min: number; max: number }, where: string): DemandSchedule {
  const timeZone = profile.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) fail(where, `"${timeZone}" is not an IANA time zone`, 'use a zone such as UTC, America/New_York or Europe/Berlin');
  const baselineNodes = profile.baselineNodes ?? range.min;
  const inRange = (n: number) => Number.isInteger(n) && n >= range.min && n <= range.max;
  if (!inRange(baselineNodes)) fail(where, `baselineNodes ${baselineNodes} is outside the pool's ${range.min}..${range.max}`, 'keep node counts within the pool\'s min and max');
  if (!(profile.windows?.length > 0)) fail(where, 'no windows', 'declare at least one window, or leave the profile out');
  const taken = new Map<string, number>();
  const actions: ScaleAction[] = [];
  const windows: ScheduledWindow[] = [];
  profile.windows.forEach((w, i) => {
    const label = `window ${i}`;
    const given: readonly string[] = Array.isArray(w.days) ? w.days : [];
    if (given.length === 0 || given.some((d) => !(WEEKDAYS as readonly string[]).includes(d))) {
      fail(where, `${label} has days ${JSON.stringify(w.days)}`, `use day names ${WEEKDAYS.join(', ')}`);
    }
    if (!Number.isInteger(w.startHour) || !Number.isInteger(w.endHour) || w.startHour < 0 || w.endHour > 24 || w.endHour <= w.startHour) {
      fail(where, `${label} runs from ${w.startHour} to ${w.endHour}`, 'use whole hours with 0 <= startHour < endHour <= 24; split windows that cross midnight');
    }
    if (!inRange(w.nodes)) fail(where, `${label} wants ${w.nodes} nodes, outside the pool's ${range.min}..${range.max}`, 'raise the pool\'s max or lower the window');
    for (const d of w.days) {
      for (let h = w.startHour; h < w.endHour; h++) {
        const other = taken.get(`${d}/${h}`);
        if (other !== undefined) fail(where, `window ${other} and ${label} overlap on ${d} at ${h}:00`, 'make windows disjoint');
        taken.set(`${d}/${h}`, i);
      }
    }
    const days = cronDays(w.days);
    actions.push({ name: `w${i}-start`, days: w.days, hour: w.startHour, nodes: w.nodes, cron: `0 ${w.startHour} * * ${days}` });
    // A window that ends at 24 ends at midnight, on the next day: cron hour 0 of the following days.
    const endDays = w.endHour === 24 ? w.days.map((d) => WEEKDAYS[(WEEKDAYS.indexOf(d) + 1) % 7]) : w.days;
    actions.push({ name: `w${i}-end`, days: endDays, hour: w.endHour % 24, nodes: baselineNodes, cron: `0 ${w.endHour % 24} * * ${cronDays(endDays)}` });
    windows.push({ name: `w${i}`, nodes: w.nodes, cron: `0 ${w.startHour} * * ${days}`, durationSeconds: (w.endHour - w.startHour) * 3600 });
  });
  return { timeZone, baselineNodes, actions, windows };
}
