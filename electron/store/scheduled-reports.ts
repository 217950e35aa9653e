import type { ScheduledReportKind, ScheduledReportRun } from '../../shared/report-schedule';
import type { PlannedReport } from '../reports/report-schedule';
import type { Db } from './db';
import { prepared } from './statements';

interface Row {
  id: number;
  period: 'week' | 'month';
  period_key: string;
  report: ScheduledReportKind;
  from_day: string;
  to_day: string;
  due_at_ms: number;
  started_at_ms: number;
  finished_at_ms: number | null;
  status: 'running' | 'done' | 'failed';
  owner_pid: number | null;
  file: string | null;
  error: string | null;
  rows_written: number | null;
  attempts: number;
}

const toRun = (r: Row): ScheduledReportRun => ({
  id: r.id,
  periodKey: r.period_key,
  period: r.period,
  report: r.report,
  fromDay: r.from_day,
  toDay: r.to_day,
  dueAtMs: r.due_at_ms,
  startedAtMs: r.started_at_ms,
  finishedAtMs: r.finished_at_ms,
  status: r.status,
  file: r.file,
  error: r.error,
  rows: r.rows_written,
  attempts: r.attempts,
});

export interface ClaimOptions {
  nowMs: number;
  pid: number;
  /** Whether the process that left a row `running` is gone (a crash, a kill): then its run may be taken over. */
  ownerGone(pid: number): boolean;
}

/**
 * Takes the row of one workbook for one period before it is written, or
 * answers null when it is written already or being written by a live process.
 * BEGIN IMMEDIATE: two processes claiming at once are serialized by SQLite's
 * write lock, and UNIQUE (period_key, report) leaves one row per period.
 */
export function claimScheduledReport(db: Db, planned: PlannedReport, report: ScheduledReportKind, { nowMs, pid, ownerGone }: ClaimOptions): number | null {
  return db
    .transaction((): number | null => {
      const existing = prepared<[string, string], Row>(db, `SELECT * FROM scheduled_reports WHERE period_key = ? AND report = ?`).get(
        planned.periodKey,
        report,
      );
      if (!existing) {
        const inserted = prepared(
          db,
          `INSERT INTO scheduled_reports (period, period_key, report, from_day, to_day, due_at_ms, started_at_ms, status, owner_pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
        ).run(planned.period, planned.periodKey, report, planned.range.fromDay, planned.range.toDay, planned.dueAtMs, nowMs, pid);
        return Number(inserted.lastInsertRowid);
      }
      const retry = existing.status === 'failed' || (existing.status === 'running' && existing.owner_pid !== null && ownerGone(existing.owner_pid));
      if (!retry) return null;
      prepared(
        db,
        `UPDATE scheduled_reports SET status = 'running', started_at_ms = ?, finished_at_ms = NULL, owner_pid = ?, error = NULL, file = NULL, rows_written = NULL, attempts = attempts + 1 WHERE id = ?`,
      ).run(nowMs, pid, existing.id);
      return existing.id;
    })
    .immediate();
}

export type ScheduledReportOutcome = { status: 'done'; file: string; rows: number } | { status: 'failed'; error: string };

export function finishScheduledReport(db: Db, id: number, outcome: ScheduledReportOutcome, nowMs: number): void {
  prepared(db, `UPDATE scheduled_reports SET status = ?, file = ?, rows_written = ?, error = ?, finished_at_ms = ?, owner_pid = NULL WHERE id = ?`).run(
    outcome.status,
    outcome.status === 'done' ? outcome.file : null,
    outcome.status === 'done' ? outcome.rows : null,
    outcome.status === 'failed' ? outcome.error : null,
    nowMs,
    id,
  );
}

/** The latest period of this kind already written for this workbook ("2026-W47"), or null. */
export function lastDonePeriod(db: Db, period: 'week' | 'month', report: ScheduledReportKind): string | null {
  const row = prepared<[string, string], { key: string }>(
    db,
    `SELECT period_key AS key FROM scheduled_reports WHERE period = ? AND report = ? AND status = 'done' ORDER BY period_key DESC LIMIT 1`,
  ).get(period, report);
  return row?.key ?? null;
}

/** Every scheduled workbook, newest attempt first. */
export function listScheduledReports(db: Db, limit = 20): ScheduledReportRun[] {
  return prepared<[number], Row>(db, `SELECT * FROM scheduled_reports ORDER BY started_at_ms DESC, id DESC LIMIT ?`).all(limit).map(toRun);
}

export function getScheduledReport(db: Db, id: number): ScheduledReportRun | null {
  const row = prepared<[number], Row>(db, `SELECT * FROM scheduled_reports WHERE id = ?`).get(id);
  return row ? toRun(row) : null;
}

const SINCE_KEY = 'report_schedule.since_ms';

/** When the schedule was turned on (runs due before it are not caught up), or null while it is off. */
export function getScheduleSince(db: Db): number | null {
  const row = prepared<[string], { value_json: string }>(db, `SELECT value_json FROM app_settings WHERE key = ?`).get(SINCE_KEY);
  return row ? (JSON.parse(row.value_json) as number) : null;
}

export function setScheduleSince(db: Db, sinceMs: number | null): void {
  if (sinceMs === null) prepared(db, `DELETE FROM app_settings WHERE key = ?`).run(SINCE_KEY);
  else prepared(db, `INSERT INTO app_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`).run(SINCE_KEY, JSON.stringify(sinceMs));
}
