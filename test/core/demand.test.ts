import { planDemand } from '../../lib/core/demand';
import { errorCodeOf } from '../helpers/synth';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('weekly demand profile', () => {
  test('each window becomes a start and an end action with cron schedules', () => {
    const s = planDemand({ timeZone: 'Europe/Berlin', baselineNodes: 2, windows: [{ days: weekdays, startHour: 8, endHour: 20, nodes: 16 }, { days: ['sat'], startHour: 0, endHour: 24, nodes: 4 }] }, { min: 0, max: 16 }, 'p');
    expect(s.timeZone).toBe('Europe/Berlin');
    expect(s.actions).toEqual([
      { name: 'w0-start', days: weekdays, hour: 8, nodes: 16, cron: '0 8 * * 1,2,3,4,5' },
      { name: 'w0-end', days: weekdays, hour: 20, nodes: 2, cron: '0 20 * * 1,2,3,4,5' },
      { name: 'w1-start', days: ['sat'], hour: 0, nodes: 4, cron: '0 0 * * 6' },
      // A window that ends at midnight ends at hour 0 of the next day.
      { name: 'w1-end', days: ['sun'], hour: 0, nodes: 2, cron: '0 0 * * 0' },
    ]);
    expect(s.windows).toEqual([
      { name: 'w0', nodes: 16, cron: '0 8 * * 1,2,3,4,5', durationSeconds: 12 * 3600 },
      { name: 'w1', nodes: 4, cron: '0 0 * * 6', durationSeconds: 24 * 3600 },
    ]);
  });

  test('defaults: UTC and the pool minimum as baseline', () => {
    const s = planDemand({ windows: [{ days: ['mon'], startHour: 9, endHour: 10, nodes: 3 }] }, { min: 1, max: 4 }, 'p');
    expect(s).toMatchObject({ timeZone: 'UTC', baselineNodes: 1 });
  });

  test('time zone aliases outside the canonical list are accepted', () => {
    for (const timeZone of ['US/Eastern', 'Etc/UTC', 'UTC']) {
      expect(planDemand({ timeZone, windows: [{ days: ['mon'], startHour: 9, endHour: 10, nodes: 3 }] }, { min: 1, max: 4 }, 'p').timeZone).toBe(timeZone);
    }
  });

  test.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus', windows: [{ days: ['mon'], startHour: 1, endHour: 2, nodes: 1 }] }, 'IANA'],
    ['no windows', { windows: [] }, 'no windows'],
    ['an unknown day', { windows: [{ days: ['monday'], startHour: 1, endHour: 2, nodes: 1 }] }, 'days'],
    ['a window ending before it starts', { windows: [{ days: ['mon'], startHour: 5, endHour: 5, nodes: 1 }] }, 'runs from 5 to 5'],
    ['an hour past midnight', { windows: [{ days: ['mon'], startHour: 22, endHour: 26, nodes: 1 }] }, 'cross midnight'],
    ['more nodes than the pool max', { windows: [{ days: ['mon'], startHour: 1, endHour: 2, nodes: 9 }] }, 'outside the pool'],
    ['a baseline below the pool min', { baselineNodes: 0, windows: [{ days: ['mon'], startHour: 1, endHour: 2, nodes: 2 }] }, 'baselineNodes'],
    ['overlapping windows', { windows: [{ days: ['mon', 'tue'], startHour: 8, endHour: 12, nodes: 2 }, { days: ['tue'], startHour: 11, endHour: 13, nodes: 3 }] }, 'overlap on tue at 11:00'],
  ])('rejects %s', (_name, profile, text) => {
    expect(errorCodeOf(() => planDemand(profile as never, { min: 1, max: 8 }, 'pool'))).toBe('AIRA_E_INVALID_PROP');
    expect(() => planDemand(profile as never, { min: 1, max: 8 }, 'pool')).toThrow(text);
  });
});
