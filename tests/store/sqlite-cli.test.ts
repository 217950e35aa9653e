import { describe, expect, it } from 'vitest';
import { upsertUserActivity } from '../../electron/store/activity';
import { findCallId, upsertCalls } from '../../electron/store/calls';
import { LATEST_SCHEMA_VERSION } from '../../electron/store/database';
import { saveTranscript } from '../../electron/store/transcripts';
import { makeActivity, makeCall, makeTranscript } from '../helpers/fixtures';
import { sqliteCli } from '../helpers/sqlite-cli';
import { storeWithConnection } from '../helpers/store';

describe("the file, read by Debian's sqlite3 shell", () => {
  it('passes integrity, foreign-key and FTS checks after writes, updates and deletes', () => {
    const { file, db, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 300 }, (_, n) => makeCall(n, { hasTranscript: n % 2 === 0 })),
    );
    for (let n = 0; n < 300; n += 2) {
      saveTranscript(
        db,
        findCallId(db, connectionId, `call_${n}`)!,
        makeTranscript([
          ['A', `Question ${n} about the role`],
          ['B', 'Answer'],
        ]),
      );
    }
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 100 }, (_, n) => makeCall(n, { summary: `Revised ${n}` })),
    );
    db.exec(`DELETE FROM calls WHERE id % 7 = 0; DELETE FROM transcripts WHERE call_id % 5 = 0;`);
    upsertUserActivity(db, connectionId, [makeActivity('user_1', '2026-10-01')]);
    db.close();

    expect(sqliteCli(file, 'PRAGMA integrity_check;')).toBe('ok');
    expect(sqliteCli(file, 'PRAGMA foreign_key_check;')).toBe('');
    expect(sqliteCli(file, `INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 1);`)).toBe('');
    expect(sqliteCli(file, `INSERT INTO call_numbers_fts (call_numbers_fts, rank) VALUES ('integrity-check', 1);`)).toBe('');
    expect(sqliteCli(file, 'PRAGMA user_version;')).toBe(String(LATEST_SCHEMA_VERSION));
    expect(sqliteCli(file, `SELECT count(*) FROM calls_fts WHERE calls_fts MATCH 'revised';`)).toBe(
      sqliteCli(file, `SELECT count(*) FROM calls WHERE summary LIKE 'Revised %';`),
    );
  });
});
