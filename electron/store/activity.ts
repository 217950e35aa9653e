import { ACTIVITY_METRICS, type ActivityMetric, type UserActivityFields } from '../../shared/activity';
import type { Db } from './db';
import { prepared, upsertSql } from './statements';

/** inboundSMS -> inbound_sms, spentSMSCredits -> spent_sms_credits */
export const metricColumn = (metric: ActivityMetric): string =>
  metric.replace(/SMS/g, 'Sms').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const METRIC_COLUMNS = ACTIVITY_METRICS.map((m) => metricColumn(m.key));

const UPSERT_ACTIVITY = upsertSql({
  table: 'user_activity',
  columns: ['connection_id', 'user_id', 'day', 'user_name', 'user_email', ...METRIC_COLUMNS, 'raw_json'],
  conflictColumns: ['connection_id', 'user_id', 'day'],
  changedAtColumn: 'changed_at_ms',
});

/** Stores per-user, per-day activity rows in one transaction; returns how many changed. */
export function upsertUserActivity(
  db: Db,
  connectionId: number,
  rows: readonly UserActivityFields[],
  nowMs = Date.now(),
): number {
  const statement = prepared(db, UPSERT_ACTIVITY);
  return db.transaction(() => {
    let changed = 0;
    for (const row of rows) {
      const params: Record<string, string | number | null> = {
        connection_id: connectionId,
        user_id: row.userId,
        day: row.day,
        user_name: row.userName,
        user_email: row.userEmail,
        raw_json: JSON.stringify(row.raw ?? null),
        changed_at_ms: nowMs,
      };
      for (const { key } of ACTIVITY_METRICS) params[metricColumn(key)] = row[key];
      changed += statement.run(params).changes;
    }
    return changed;
  })();
}
