import { describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/settings';
import { getSettings, updateSettings } from '../../electron/store/app-settings';
import { nextDailyRunMs, SyncScheduler } from '../../electron/sync/schedule';
import { storeWithConnection } from '../helpers/store';

const utc = (iso: string) => Date.parse(iso);

describe('the daily sync time', () => {
  it('is the next time the clock in the chosen zone shows it', () => {
    expect(nextDailyRunMs(utc('2026-11-20T06:00:00Z'), '07:30', 'Europe/London')).toBe(utc('2026-11-20T07:30:00Z'));
    expect(nextDailyRunMs(utc('2026-11-20T08:00:00Z'), '07:30', 'Europe/London')).toBe(utc('2026-11-21T07:30:00Z'));
    expect(nextDailyRunMs(utc('2026-11-20T08:00:00Z'), '07:30', 'America/New_York')).toBe(utc('2026-11-20T12:30:00Z'));
  });

  it('stays at the same local time across daylight-saving changes', () => {
    // Britain goes to BST (UTC+1) on 29 March 2026 and back on 25 October 2026.
    expect(nextDailyRunMs(utc('2026-03-28T12:00:00Z'), '07:30', 'Europe/London')).toBe(utc('2026-03-29T06:30:00Z'));
    expect(nextDailyRunMs(utc('2026-10-24T12:00:00Z'), '07:30', 'Europe/London')).toBe(utc('2026-10-25T07:30:00Z'));
    // 01:30 does not exist on 29 March in London: it runs at the first moment after the jump.
    expect(nextDailyRunMs(utc('2026-03-28T12:00:00Z'), '01:30', 'Europe/London')).toBe(utc('2026-03-29T01:30:00Z'));
  });
});

describe('the scheduler', () => {
  function scheduler(settings: Settings, nowMs: number) {
    const timers: { run: () => void; ms: number }[] = [];
    let syncs = 0;
    let now = nowMs;
    const s = new SyncScheduler({
      syncAll: () => void (syncs += 1),
      settings: () => settings,
      now: () => now,
      setTimer: (run, ms) => (timers.push({ run, ms }), timers.length as unknown as ReturnType<typeof setTimeout>),
      clearTimer: () => undefined,
    });
    return { s, timers, syncs: () => syncs, advance: (ms: number) => (now += ms) };
  }

  it('syncs at start-up when asked, and each day at the chosen time', () => {
    const { s, timers, syncs, advance } = scheduler(
      { timeZone: 'Europe/London', syncOnStartup: true, dailySyncAt: '07:30', reportsFolder: null, reportSchedule: null },
      utc('2026-11-20T06:00:00Z'),
    );
    s.start();
    expect(syncs()).toBe(1);
    expect(timers.at(-1)?.ms).toBe(90 * 60_000);
    advance(90 * 60_000);
    timers.at(-1)!.run();
    expect(syncs()).toBe(2);
    expect(timers.at(-1)?.ms).toBe(24 * 3_600_000);
    expect(s.nextRunMs).toBe(utc('2026-11-21T07:30:00Z'));
  });

  it('does neither when both are off', () => {
    const { s, timers, syncs } = scheduler(
      { timeZone: 'Europe/London', syncOnStartup: false, dailySyncAt: null, reportsFolder: null, reportSchedule: null },
      utc('2026-11-20T06:00:00Z'),
    );
    s.start();
    expect(syncs()).toBe(0);
    expect(timers).toEqual([]);
    expect(s.nextRunMs).toBeNull();
  });
});

describe('settings', () => {
  it('default to this computer, a sync at start-up and no daily sync, and keep what the user sets', () => {
    const { db } = storeWithConnection();
    expect(getSettings(db)).toEqual({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      syncOnStartup: true,
      dailySyncAt: null,
      reportsFolder: null,
      reportSchedule: null,
    });
    updateSettings(db, { timeZone: 'Asia/Tokyo', dailySyncAt: '18:05', reportsFolder: null, reportSchedule: null });
    expect(getSettings(db)).toEqual({ timeZone: 'Asia/Tokyo', syncOnStartup: true, dailySyncAt: '18:05', reportsFolder: null, reportSchedule: null });
    expect(() => updateSettings(db, { timeZone: 'Nowhere/Special' })).toThrow(/not a time zone/);
    // A damaged stored value falls back to its default instead of breaking start-up.
    db.prepare(`UPDATE app_settings SET value_json = '"25:99"' WHERE key = 'settings.dailySyncAt'`).run();
    expect(getSettings(db).dailySyncAt).toBeNull();
    db.close();
  });
});
