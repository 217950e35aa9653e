import type { UserActivityFields } from '../../shared/activity';
import { ACTIVITY_METRICS } from '../../shared/activity-metric-list';
import type { Db } from './db';
import { prepared, upsertSql } from './statements';

const METRIC_COLUMNS = ACTIVITY_METRICS.map((m) => m.column);

const UPSERT_ACTIVITY = upsertSql({
  table: 'user_activity',
  columns: ['connection_id', 'user_id', 'day', 'user_name', 'user_email', ...METRIC_COLUMNS, 'raw_json'],
  conflictColumns: ['connection_id', 'user_id', 'day'],
  changedAtColumn: 'changed_at_ms',
});

/** Stores per-user, per-day activity rows in one transaction; returns how many changed. */
export function upsertUserActivity(db: Db, connectionId: number, rows: readonly UserActivityFields[], nowMs = Date.now()): number {
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
      for (const { key, column } of ACTIVITY_METRICS) params[column] = row[key];
      changed += statement.run(params).changes;
    }
    return changed;
  })();
}
