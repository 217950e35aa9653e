import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertUserActivity } from '../../electron/store/activity';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import type { ReportRequest } from '../../shared/reports';
import { answer, createTestApp } from '../helpers/app';
import { runTalktally } from '../helpers/cli';
import { makeActivity, makeCall } from '../helpers/fixtures';
import { useKeyringForFile } from '../helpers/keyring';
import { readXlsx, sheetValues, type XlsxSheet } from '../helpers/openpyxl';
import { storeWithConnection } from '../helpers/store';
import { tempDir } from '../helpers/temp';

const HOUR = 3_600_000;
const TZ = 'Europe/London';

/** The About sheet's lines, but for the minute it was generated (the two files are written moments apart). */
function aboutOf(file: string): Record<string, unknown> {
  const about = readXlsx(file).find((s: XlsxSheet) => s.name === 'About this report')!;
  const { ['Generated at']: generated, ...rest } = Object.fromEntries(sheetValues(about).map(([k, v]) => [k, v]));
  expect(generated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  return rest;
}

describe('talktally export and the window’s export of the same filters', () => {
  // createCore opens the keychain store; the reports themselves never read a key.
  useKeyringForFile();

  it('write the same About sheet, its filters worded by the same code', async () => {
    const { db, file, connectionId } = storeWithConnection();
    const other = addConnection(db, { vendor: 'talknex', label: 'Nex' }).id;
    const base = Date.UTC(2026, 9, 1);
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 60 }, (_, n) => makeCall(n, { startedAtMs: base + n * 5 * HOUR })),
    );
    upsertCalls(
      db,
      other,
      Array.from({ length: 30 }, (_, n) => makeCall(n, { startedAtMs: base + n * 7 * HOUR })),
    );
    upsertUserActivity(db, connectionId, [makeActivity('u1', '2026-10-03'), makeActivity('u2', '2026-10-06')]);
    const app = createTestApp(db, file, { inProcess: true });
    const folder = tempDir();
    const range = { fromDay: '2026-10-02', toDay: '2026-10-08' };
    const fromMs = Date.UTC(2026, 9, 1, 23); // Midnight of 2 October in London (summer time).
    const toMs = Date.UTC(2026, 9, 8, 23);
    const windowRequests: Record<'calls' | 'transcripts' | 'activity', ReportRequest> = {
      // What the Calls screen sends with these dates and this connection chosen, sorted oldest first as the CLI writes.
      calls: { kind: 'calls', query: { filters: { fromMs, toMs, connectionIds: [connectionId] }, sort: { column: 'startedAt', direction: 'asc' } } },
      transcripts: {
        kind: 'transcripts',
        query: { filters: { fromMs, toMs, connectionIds: [connectionId] }, sort: { column: 'startedAt', direction: 'asc' } },
      },
      activity: { kind: 'activity', range, connectionId, excludeDeleted: false },
    };
    for (const [report, request] of Object.entries(windowRequests)) {
      const out = path.join(folder, `${report}.xlsx`);
      const cli = await runTalktally([
        '--db',
        file,
        'export',
        report,
        '--out',
        out,
        '--tz',
        TZ,
        '--connection',
        'talentlynk main',
        '--from',
        range.fromDay,
        '--to',
        range.toDay,
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      await answer(app.dispatch, 'settings/update', { timeZone: TZ });
      const started = await answer(app.dispatch, 'reports/start', request);
      await expect.poll(async () => (await answer(app.dispatch, 'reports/status')).find((j) => j.id === started.id)?.state, { timeout: 60_000 }).toBe('done');
      const fromApp = aboutOf(started.file);
      expect(fromApp).toMatchObject({ Filters: expect.stringContaining('Connection: talentlynk main') });
      expect(aboutOf(out), report).toEqual(fromApp);
    }
    await app.close();
    db.close();
  });
});
