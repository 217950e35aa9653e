import { describe, expect, it } from 'vitest';
import { ReportScheduleSchema, type ReportSchedule } from '../../shared/report-schedule';
import { lastCompletePeriod, periodBefore } from '../../electron/reports/report-periods';
import { localRunInstant, planReport } from '../../electron/reports/report-schedule';

// Expected instants are written out by hand from the published changes (not computed by Luxon):
// London: BST from 29 Mar 2026 01:00 UTC to 25 Oct 2026 01:00 UTC.
// New York: EDT from 8 Mar 2026 07:00 UTC (02:00 EST) to 1 Nov 2026 06:00 UTC (02:00 EDT).
const utc = (iso: string) => Date.parse(iso);
const weekly = (weekday: number, time: string): ReportSchedule => ({ period: 'week', weekday, time, reports: ['activity'], folder: null });
const monthly = (dayOfMonth: number, time: string): ReportSchedule => ({ period: 'month', dayOfMonth, time, reports: ['activity'], folder: null });
const plan = (rule: ReportSchedule, timeZone: string, now: string, lastDone: string | null = null, since: string | null = null) =>
  planReport({ rule, timeZone, nowMs: utc(now), lastDone, sinceMs: since === null ? null : utc(since) });

describe('the local time a scheduled report runs at', () => {
  it('is the chosen local time on both sides of a change (London, March and October)', () => {
    expect(localRunInstant('2026-03-23', '08:00', 'Europe/London')).toBe(utc('2026-03-23T08:00:00Z'));
    expect(localRunInstant('2026-03-30', '08:00', 'Europe/London')).toBe(utc('2026-03-30T07:00:00Z'));
    expect(localRunInstant('2026-10-19', '08:00', 'Europe/London')).toBe(utc('2026-10-19T07:00:00Z'));
    expect(localRunInstant('2026-10-26', '08:00', 'Europe/London')).toBe(utc('2026-10-26T08:00:00Z'));
  });

  it('runs a time the clocks skip at the moment they jump, and a repeated time the first time', () => {
    // 02:30 does not exist in New York on 8 March 2026 (02:00 EST becomes 03:00 EDT): run at the jump, 07:00 UTC.
    expect(localRunInstant('2026-03-08', '02:30', 'America/New_York')).toBe(utc('2026-03-08T07:00:00Z'));
    // 01:30 does not exist in London on 29 March 2026.
    expect(localRunInstant('2026-03-29', '01:30', 'Europe/London')).toBe(utc('2026-03-29T01:00:00Z'));
    // 01:30 happens twice on 1 November in New York (EDT, then EST): the first, 05:30 UTC.
    expect(localRunInstant('2026-11-01', '01:30', 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
    expect(localRunInstant('2026-10-25', '01:30', 'Europe/London')).toBe(utc('2026-10-25T00:30:00Z'));
    // Times next to the gap are themselves.
    expect(localRunInstant('2026-03-08', '01:59', 'America/New_York')).toBe(utc('2026-03-08T06:59:00Z'));
    expect(localRunInstant('2026-03-08', '03:00', 'America/New_York')).toBe(utc('2026-03-08T07:00:00Z'));
  });
});

describe('weeks and months', () => {
  it('keys ISO weeks by their week-year across a year end, and months by the calendar', () => {
    expect(periodBefore('week', '2027-01-04')).toEqual({ period: 'week', key: '2026-W53', range: { fromDay: '2026-12-28', toDay: '2027-01-03' } });
    expect(periodBefore('week', '2027-01-11')).toEqual({ period: 'week', key: '2027-W01', range: { fromDay: '2027-01-04', toDay: '2027-01-10' } });
    expect(periodBefore('week', '2026-01-07')).toEqual({ period: 'week', key: '2026-W01', range: { fromDay: '2025-12-29', toDay: '2026-01-04' } });
    expect(periodBefore('month', '2027-01-05')).toEqual({ period: 'month', key: '2026-12', range: { fromDay: '2026-12-01', toDay: '2026-12-31' } });
    expect(periodBefore('month', '2028-03-01')).toEqual({ period: 'month', key: '2028-02', range: { fromDay: '2028-02-01', toDay: '2028-02-29' } });
    expect(periodBefore('month', '2027-03-28').range).toEqual({ fromDay: '2027-02-01', toDay: '2027-02-28' });
    // Keys sort as text in time order, which is how the store finds the latest period written.
    expect(['2027-W01', '2026-W10', '2026-W53', '2026-W09'].sort()).toEqual(['2026-W09', '2026-W10', '2026-W53', '2027-W01']);
  });

  it('says "last week" in the user’s zone: late Sunday in New York is still that week', () => {
    // Monday 7 Dec 2026 02:00 UTC is Sunday 6 Dec 21:00 in New York.
    expect(lastCompletePeriod('week', 'America/New_York', utc('2026-12-07T02:00:00Z')).key).toBe('2026-W48');
    expect(lastCompletePeriod('week', 'Europe/London', utc('2026-12-07T02:00:00Z')).key).toBe('2026-W49');
  });
});

describe('the planner', () => {
  it('is due at Monday 08:00 for the previous Monday–Sunday, and names the next run', () => {
    const before = plan(weekly(1, '08:00'), 'Europe/London', '2026-11-30T07:59:00Z', '2026-W47');
    expect(before.due).toBeNull();
    expect(before.next).toEqual({
      period: 'week',
      periodKey: '2026-W48',
      range: { fromDay: '2026-11-23', toDay: '2026-11-29' },
      dueAtMs: utc('2026-11-30T08:00:00Z'),
    });
    const at = plan(weekly(1, '08:00'), 'Europe/London', '2026-11-30T08:00:00Z', '2026-W47');
    expect(at.due?.periodKey).toBe('2026-W48');
    expect(at.next.periodKey).toBe('2026-W49');
    expect(at.next.dueAtMs).toBe(utc('2026-12-07T08:00:00Z'));
    // Once written, it is not due again that week.
    expect(plan(weekly(1, '08:00'), 'Europe/London', '2026-12-02T10:00:00Z', '2026-W48').due).toBeNull();
  });

  it('keeps 08:00 local across the March and October changes (London and New York)', () => {
    expect(plan(weekly(1, '08:00'), 'Europe/London', '2026-03-23T09:00:00Z', '2026-W12').next.dueAtMs).toBe(utc('2026-03-30T07:00:00Z'));
    expect(plan(weekly(1, '08:00'), 'Europe/London', '2026-10-20T09:00:00Z', '2026-W42').next.dueAtMs).toBe(utc('2026-10-26T08:00:00Z'));
    expect(plan(weekly(1, '08:00'), 'America/New_York', '2026-03-03T09:00:00Z', '2026-W09').next.dueAtMs).toBe(utc('2026-03-09T12:00:00Z'));
    expect(plan(weekly(1, '08:00'), 'America/New_York', '2026-10-27T09:00:00Z', '2026-W43').next.dueAtMs).toBe(utc('2026-11-02T13:00:00Z'));
  });

  it('runs a 02:30 Sunday rule once on the spring-forward day, and a repeated 01:30 once in the autumn', () => {
    // A Sunday run reports the week that ended the Sunday before: 8 March reports 23 Feb – 1 Mar (W09).
    const spring = plan(weekly(7, '02:30'), 'America/New_York', '2026-03-07T12:00:00Z', '2026-W08');
    expect(spring.next).toMatchObject({ periodKey: '2026-W09', range: { fromDay: '2026-02-23', toDay: '2026-03-01' }, dueAtMs: utc('2026-03-08T07:00:00Z') });
    expect(plan(weekly(7, '02:30'), 'America/New_York', '2026-03-08T06:59:00Z', '2026-W08').due).toBeNull();
    expect(plan(weekly(7, '02:30'), 'America/New_York', '2026-03-08T07:00:00Z', '2026-W08').due?.periodKey).toBe('2026-W09');
    // After the first 01:30 it is due; after the second, written already, it is not due again.
    expect(plan(weekly(7, '01:30'), 'America/New_York', '2026-11-01T05:29:00Z', '2026-W42').due).toBeNull();
    expect(plan(weekly(7, '01:30'), 'America/New_York', '2026-11-01T05:30:00Z', '2026-W42').due?.periodKey).toBe('2026-W43');
    expect(plan(weekly(7, '01:30'), 'America/New_York', '2026-11-01T06:31:00Z', '2026-W43').due).toBeNull();
  });

  it('covers the previous calendar month on the chosen day, across year ends and February', () => {
    const rule = monthly(1, '08:00');
    expect(plan(rule, 'Europe/London', '2026-12-01T07:59:00Z', '2026-10')).toMatchObject({
      due: null,
      next: { periodKey: '2026-11', dueAtMs: utc('2026-12-01T08:00:00Z') },
    });
    expect(plan(rule, 'Europe/London', '2026-12-01T08:00:00Z', '2026-10').due).toMatchObject({
      periodKey: '2026-11',
      range: { fromDay: '2026-11-01', toDay: '2026-11-30' },
    });
    expect(plan(rule, 'Europe/London', '2027-01-01T08:00:00Z', '2026-11').due).toMatchObject({
      periodKey: '2026-12',
      range: { fromDay: '2026-12-01', toDay: '2026-12-31' },
    });
    expect(plan(monthly(28, '18:00'), 'America/New_York', '2028-03-28T23:00:00Z', '2028-01').due).toMatchObject({
      periodKey: '2028-02',
      range: { fromDay: '2028-02-01', toDay: '2028-02-29' },
    });
    // 1 April 08:00 BST, after the change.
    expect(plan(rule, 'Europe/London', '2026-03-15T00:00:00Z', '2026-02').next.dueAtMs).toBe(utc('2026-04-01T07:00:00Z'));
  });

  it('catches up only the latest missed period after weeks away, and nothing from before the schedule was on', () => {
    const away = plan(weekly(1, '08:00'), 'Europe/London', '2026-11-25T12:00:00Z', '2026-W40', '2026-10-01T00:00:00Z');
    expect(away.due).toMatchObject({ periodKey: '2026-W47', range: { fromDay: '2026-11-16', toDay: '2026-11-22' }, dueAtMs: utc('2026-11-23T08:00:00Z') });
    // Turned on on a Wednesday: Monday's run was before it, so the first report is next Monday's.
    const turnedOn = plan(weekly(1, '08:00'), 'Europe/London', '2026-11-25T12:00:00Z', null, '2026-11-25T12:00:00Z');
    expect(turnedOn.due).toBeNull();
    expect(turnedOn.next.dueAtMs).toBe(utc('2026-11-30T08:00:00Z'));
  });

  it('does not write a week again when the weekday moves later in the week', () => {
    // Monday's run wrote W47; moved to Friday, this Friday's run would cover W47 again: the next is the Friday after.
    const moved = plan(weekly(5, '08:00'), 'Europe/London', '2026-11-25T12:00:00Z', '2026-W47');
    expect(moved.due).toBeNull();
    expect(moved.next).toMatchObject({ periodKey: '2026-W48', dueAtMs: utc('2026-12-04T08:00:00Z') });
  });
});

describe('the schedule setting', () => {
  it('explains what is wrong in plain words', () => {
    const message = (value: unknown) => ReportScheduleSchema.safeParse(value).error?.issues[0]?.message;
    expect(message({ period: 'month', dayOfMonth: 31, time: '08:00', reports: ['activity'], folder: null })).toBe(
      'choose a day from 1 to 28 (every month has those)',
    );
    expect(message({ period: 'week', weekday: 1, time: '8:00', reports: ['activity'], folder: null })).toBe('use a 24-hour time like 08:00');
    expect(message({ period: 'week', weekday: 1, time: '08:00', reports: [], folder: null })).toBe('choose at least one workbook to write');
    expect(message({ period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: 'Reports' })).toMatch(/^choose a full folder path/);
    expect(ReportScheduleSchema.safeParse(weekly(1, '08:00')).success).toBe(true);
  });
});
