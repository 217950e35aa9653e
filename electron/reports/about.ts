import { DateTime } from 'luxon';
import { VENDOR_NAMES } from '../../shared/vendors';
import type { Db } from '../store/db';
import { listConnections } from '../store/connections';
import { lastGoodSyncMs } from '../store/sync-state';
import type { InfoLine } from './workbook';

/** What a report covers, as its first sheet says it. */
export interface ReportScope {
  title: string;
  timeZone: string;
  /** [from, to) in Unix ms; null for open ends. */
  fromMs: number | null;
  toMs: number | null;
  /** Filters and search in plain words, e.g. ["Direction: inbound", "Search: salary"]. */
  filters: string[];
  /** How many rows of the main kind the report holds (calls, users). */
  counted: { what: string; count: number };
}

export const localTime = (ms: number, timeZone: string) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');

/** The lines of the "About this report" sheet every workbook starts with. */
export function aboutLines(db: Db, scope: ReportScope, nowMs = Date.now()): InfoLine[] {
  const range =
    scope.fromMs === null && scope.toMs === null
      ? 'All dates'
      : `${scope.fromMs === null ? 'the start' : localTime(scope.fromMs, scope.timeZone)} to ${scope.toMs === null ? 'now' : localTime(scope.toMs, scope.timeZone)}`;
  return [
    ['Report', scope.title],
    ['Range', range],
    ['Filters', scope.filters.length ? scope.filters.join('; ') : 'None'],
    [scope.counted.what, scope.counted.count],
    ['Time zone', scope.timeZone],
    ['Generated at', localTime(nowMs, scope.timeZone)],
    ...listConnections(db).map((c): InfoLine => {
      // How fresh the figures are: the last sync that did not fail.
      const synced = lastGoodSyncMs(db, c.id);
      return [`${c.label} (${VENDOR_NAMES[c.vendor]})`, synced === null ? 'Never synced' : `Last synced ${localTime(synced, scope.timeZone)}`];
    }),
  ];
}
