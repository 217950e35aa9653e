/**
 * Conversation figures (talk share, longest monologue, questions asked, the contact's longest
 * answer) on a database synced from the simulator's four vendors with transcripts: equal to the
 * figures worked out from what each vendor served, in the activity workbook, the same after the
 * upgrade to this schema, and arriving once a held transcript is fetched complete. One call's
 * figures, rewritten or with unknown speakers, are in conversation-rewrites-and-unknown-turns.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonConversation } from '../../shared/conversation';
import type { Dataset, SimCall, SimTurn } from '../../electron/simulator/dataset';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { talknexAgentId, talknexCallId } from '../../electron/simulator/vendors/talknex';
import { agentUuid, callUuid } from '../../electron/simulator/vendors/talkpilot';
import { findCallId } from '../../electron/store/calls';
import { conversationByPerson, getConversation } from '../../electron/store/conversation';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { MIGRATIONS } from '../../electron/store/migrations';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { writeActivityReport } from '../../electron/reports/activity-report';
import { activityQuery } from '../../electron/reports/range';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);

/**
 * How each simulated vendor names a call and the person on our side, and
 * whether its transcripts carry times: read off the simulator, so the figures
 * below are checked against what the vendor served, not against the store.
 */
const VENDORS = {
  talentlynk: { timed: true, callId: (c: SimCall) => `call_${c.id}`, personId: (c: SimCall, d: Dataset) => d.users[c.userIndex]!.email },
  talknex: { timed: true, callId: talknexCallId, personId: (c: SimCall, d: Dataset) => talknexAgentId(d.agents[c.agentIndex]!) },
  talkpilot: { timed: false, callId: callUuid, personId: (c: SimCall, d: Dataset) => agentUuid(d.agents[c.agentIndex]!) },
  highlevel: { timed: false, callId: callLogId, personId: (c: SimCall, d: Dataset) => d.agents[c.agentIndex]!.id },
} as const;
type TranscriptVendor = keyof typeof VENDORS;

// The test's own reading of the definitions (shared/conversation.ts), straight from the simulator's turns.
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;
const maxOrNull = (values: number[]) => (values.length ? Math.max(...values) : null);

function expectedCall(turns: SimTurn[], timed: boolean) {
  const size = (t: SimTurn) => (timed ? t.endMs - t.startMs : words(t.text));
  const runs: SimTurn[][] = [];
  for (const turn of turns) {
    const run = runs.at(-1);
    if (run && run[0]!.role === turn.role) run.push(turn);
    else runs.push([turn]);
  }
  const runLength = (run: SimTurn[]) => (timed ? run.at(-1)!.endMs - run[0]!.startMs : run.reduce((n, t) => n + size(t), 0));
  const ours = turns.filter((t) => t.role === 'agent');
  return {
    our: ours.reduce((n, t) => n + size(t), 0),
    total: turns.reduce((n, t) => n + size(t), 0),
    monologue: maxOrNull(runs.filter((r) => r[0]!.role === 'agent').map(runLength)),
    answer: maxOrNull(runs.filter((r) => r[0]!.role === 'contact').map(runLength)),
    questions: ours.filter((t) => t.text.trim().endsWith('?')).length,
  };
}

interface StoredCall {
  id: number;
  connectionId: number;
  vendor: TranscriptVendor;
  vendorCallId: string;
  deleted: number;
}

/** Calls with a completed transcript, not test calls: plain SQL over the stored rows. */
const storedWithTranscript = (db: Db): StoredCall[] =>
  db
    .prepare(
      `SELECT c.id, c.connection_id AS connectionId, k.vendor, c.vendor_call_id AS vendorCallId,
              (c.deleted_at_ms IS NOT NULL OR c.gone_at_ms IS NOT NULL) AS deleted
       FROM calls c JOIN connections k ON k.id = c.connection_id JOIN transcripts t ON t.call_id = c.id
       WHERE t.status = 'completed' AND c.is_test = 0`,
    )
    .all() as StoredCall[];

type Figures = Pick<PersonConversation, 'connectionId' | 'userId' | 'calls' | 'basis' | 'talkShare' | 'questionsAsked'> & {
  longestMonologue: number | null;
  contactLongestAnswer: number | null;
};

const byPerson = (a: Figures, b: Figures) => a.connectionId - b.connectionId || String(a.userId).localeCompare(String(b.userId));

/** Each person's figures over the range, worked out from the simulator's transcripts of the stored calls. */
function expectedByPerson(
  sim: ReturnType<typeof useSimulator>['sim'],
  stored: StoredCall[],
  range: { fromMs: number; toMs: number },
  options: { excludeDeleted?: boolean } = {},
): Figures[] {
  const people = new Map<string, { connectionId: number; userId: string; timed: boolean; calls: ReturnType<typeof expectedCall>[] }>();
  for (const vendor of Object.keys(VENDORS) as TranscriptVendor[]) {
    const dataset = sim.datasets[vendor];
    const byVendorId = new Map(dataset.calls.map((c) => [VENDORS[vendor].callId(c), c]));
    for (const row of stored.filter((r) => r.vendor === vendor)) {
      const call = byVendorId.get(row.vendorCallId);
      expect(call, `${vendor} call ${row.vendorCallId} is one the simulator served`).toBeDefined();
      if (!call || call.startedAtMs < range.fromMs || call.startedAtMs >= range.toMs || (options.excludeDeleted && row.deleted)) continue;
      const userId = VENDORS[vendor].personId(call, dataset);
      const key = `${row.connectionId}:${userId}`;
      const person = people.get(key) ?? { connectionId: row.connectionId, userId, timed: VENDORS[vendor].timed, calls: [] };
      person.calls.push(expectedCall(dataset.transcriptOf(call), VENDORS[vendor].timed));
      people.set(key, person);
    }
  }
  return [...people.values()]
    .map((p) => {
      const total = p.calls.reduce((n, c) => n + c.total, 0);
      return {
        connectionId: p.connectionId,
        userId: p.userId,
        calls: p.calls.length,
        basis: p.timed ? ('timed' as const) : ('words' as const),
        talkShare: total ? p.calls.reduce((n, c) => n + c.our, 0) / total : null,
        longestMonologue: maxOrNull(p.calls.flatMap((c) => (c.monologue === null ? [] : [c.monologue]))),
        questionsAsked: p.calls.reduce((n, c) => n + c.questions, 0),
        contactLongestAnswer: maxOrNull(p.calls.flatMap((c) => (c.answer === null ? [] : [c.answer]))),
      };
    })
    .sort(byPerson);
}

/** The store's rows in the same shape: the figure in the unit of the person's (single) basis. */
const actualByPerson = (rows: PersonConversation[]): Figures[] =>
  rows
    .map((r) => ({
      connectionId: r.connectionId,
      userId: r.userId,
      calls: r.calls,
      basis: r.basis,
      talkShare: r.talkShare,
      longestMonologue: r.basis === 'timed' ? r.longestMonologueMs : r.longestMonologueWords,
      questionsAsked: r.questionsAsked,
      contactLongestAnswer: r.basis === 'timed' ? r.contactLongestAnswerMs : r.contactLongestAnswerWords,
    }))
    .sort(byPerson);

describe('conversation figures on a database synced from the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 20, rateLimits: 'off' });

  // One synced store for the file's tests: four vendors' syncs take a while on a busy machine.
  const store = {} as { db: Db; file: string };
  let folder = '';
  beforeAll(async () => {
    // A folder of the file's own: tempDir()'s are removed after each test.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-conversation-'));
    store.file = path.join(folder, 'talktally.sqlite');
    store.db = openDatabase(store.file);
    for (const vendor of Object.keys(VENDORS) as TranscriptVendor[]) {
      const { run } = await syncFromSim(store.db, ctx.sim, addSimConnection(store.db, ctx.sim, vendor), { backfillDays: 20 });
      expect(run.status).toBe('succeeded');
    }
  }, 180_000);
  afterAll(() => {
    store.db?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('equal, for every person, the figures worked out from the transcripts each vendor served (timed and text only)', () => {
    const { db } = store;
    const stored = storedWithTranscript(db);
    // Every vendor with transcripts took part, and both bases are covered.
    for (const vendor of Object.keys(VENDORS)) expect(stored.filter((r) => r.vendor === vendor).length, vendor).toBeGreaterThan(40);

    for (const range of [
      { fromMs: NOW - 20 * DAY_MS, toMs: NOW },
      { fromMs: NOW - 9 * DAY_MS, toMs: NOW - 2 * DAY_MS },
    ]) {
      const actual = actualByPerson(conversationByPerson(db, range));
      const expected = expectedByPerson(ctx.sim, stored, range);
      expect(new Set(expected.map((e) => e.basis))).toEqual(new Set(['timed', 'words']));
      expect(expected.length).toBeGreaterThan(30);
      expect(actual).toEqual(expected);
      // The figures are not all alike: a check that the comparison can tell people apart.
      expect(new Set(actual.map((a) => a.talkShare)).size).toBeGreaterThan(actual.length / 2);
    }

    // One connection, and with deleted calls left out (TalkPilot deletes some).
    const talkpilot = db.prepare(`SELECT id FROM connections WHERE vendor = 'talkpilot'`).pluck().get() as number;
    const range = { fromMs: NOW - 20 * DAY_MS, toMs: NOW };
    expect(actualByPerson(conversationByPerson(db, { ...range, connectionId: talkpilot }))).toEqual(
      expectedByPerson(ctx.sim, stored, range).filter((p) => p.connectionId === talkpilot),
    );
    db.prepare(`UPDATE calls SET deleted_at_ms = ? WHERE id IN (SELECT id FROM calls WHERE connection_id = ? AND has_transcript = 1 LIMIT 15)`).run(
      NOW,
      talkpilot,
    );
    const afterDeleting = storedWithTranscript(db);
    expect(actualByPerson(conversationByPerson(db, { ...range, excludeDeleted: true }))).toEqual(
      expectedByPerson(ctx.sim, afterDeleting, range, { excludeDeleted: true }),
    );
    expect(actualByPerson(conversationByPerson(db, range))).toEqual(expectedByPerson(ctx.sim, afterDeleting, range));

    // The copies of the calls' columns (the trigger's job) agree with the calls after all of this.
    expect(
      db
        .prepare(
          `SELECT count(*) FROM call_conversation v JOIN calls c ON c.id = v.call_id
           WHERE v.connection_id IS NOT c.connection_id OR v.user_id IS NOT c.user_id OR v.started_at_ms IS NOT c.started_at_ms
              OR v.is_test IS NOT c.is_test OR v.is_deleted IS NOT (c.deleted_at_ms IS NOT NULL OR c.gone_at_ms IS NOT NULL)`,
        )
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('are in the activity workbook\'s per-person sheet, under "Talk share", "Longest monologue" and "Questions asked"', async () => {
    const { db } = store;
    const query = activityQuery({ fromDay: '2026-11-01', toDay: '2026-11-20' }, 'UTC');
    const file = path.join(folder, 'activity.xlsx');
    await writeActivityReport(db, query, { title: 'Conversation test', fromMs: null, toMs: null, filters: [] }, { file, timeZone: 'UTC', nowMs: NOW });
    const sheet = readXlsx(file).find((s) => s.name === 'Activity')!;
    const [header, ...rows] = sheetValues(sheet);
    const col = (name: string) => header!.indexOf(name);
    for (const name of ['Talk share', 'Longest monologue', 'Questions asked', "Contact's longest answer", 'Longest monologue (words)'])
      expect(col(name), name).toBeGreaterThan(0);
    // Which person a row is, by plain SQL: TalentLynk's by email (its calls' id), an agent's by the name its calls or agent list carry.
    const connectionOf = db.prepare<[string], number>(`SELECT id FROM connections WHERE label = ?`).pluck();
    const agentOf = db
      .prepare<[{ c: number; n: string }], string>(
        `SELECT agent_id FROM vendor_agents WHERE connection_id = @c AND name = @n UNION ALL SELECT user_id FROM calls WHERE connection_id = @c AND user_name = @n LIMIT 1`,
      )
      .pluck();
    const expected = new Map(expectedByPerson(ctx.sim, storedWithTranscript(db), query).map((e) => [`${e.connectionId}:${e.userId}`, e]));
    const seconds = (v: unknown) =>
      v !== null && typeof v === 'object' && 'timedeltaSeconds' in v ? (v as { timedeltaSeconds: number }).timedeltaSeconds : null;
    let checked = 0;
    for (const row of rows.filter((r) => r[col('Connection')])) {
      const connectionId = connectionOf.get(String(row[col('Connection')]))!;
      const userId = (row[col('Email')] as string | null) ?? agentOf.get({ c: connectionId, n: String(row[col('User / agent')]) });
      const person = expected.get(`${connectionId}:${userId}`);
      if (!person) {
        expect(row[col('Talk share')], `${String(row[col('User / agent')])} has no transcript in the range`).toBeNull();
        continue;
      }
      checked += 1;
      expect(row[col('Talk share')] as number).toBeCloseTo(person.talkShare!, 9);
      expect(row[col('Questions asked')]).toBe(person.questionsAsked);
      if (person.basis === 'timed') {
        expect(seconds(row[col('Longest monologue')])).toBeCloseTo(person.longestMonologue! / 1000, 3);
        expect(seconds(row[col("Contact's longest answer")])).toBeCloseTo(person.contactLongestAnswer! / 1000, 3);
      } else {
        expect(row[col('Longest monologue')]).toBeNull();
        expect(row[col('Longest monologue (words)')]).toBe(person.longestMonologue);
      }
    }
    expect(checked).toBe(expected.size);
    // The method and its limits are on the About sheet.
    const about = sheetValues(readXlsx(file).find((s) => s.name === 'About this report')!).map((r) => r.join(' '));
    expect(about.some((line) => line.includes('Conversation figures'))).toBe(true);
  });

  it('are the same when the upgrade to this schema works them out for transcripts already stored', () => {
    const { db: synced, file: syncedFile } = store;
    synced.pragma('wal_checkpoint(TRUNCATE)');
    // A database at the schema before, holding the same synced rows, as the app of that version wrote them.
    const file = tempDatabasePath();
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 8) });
    expect(old.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'call_conversation'`).pluck().get()).toBe(0);
    old.prepare(`ATTACH DATABASE ? AS synced`).run(syncedFile);
    old.transaction(() => {
      for (const table of ['connections', 'calls', 'transcripts', 'utterances']) {
        // Stored columns only: the calls' digits for search are generated.
        const columns = (old.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).pluck().all(table) as string[]).join(', ');
        old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM synced.${table}`);
      }
    })();
    old.exec(`DETACH DATABASE synced`);
    old.close();

    const upgraded = openDatabase(file);
    const rows = (db: Db) => db.prepare(`SELECT * FROM call_conversation ORDER BY call_id`).all();
    expect(rows(upgraded).length).toBeGreaterThan(200);
    expect(rows(upgraded)).toEqual(rows(synced));
    // A new table only: no copy of the file was made before the upgrade.
    expect(fs.existsSync(`${file}.before-v9.bak`)).toBe(false);
    upgraded.close();
  });

  it('arrive with a transcript held in "processing" once a later sync fetches it complete', async () => {
    const dataset = ctx.sim.datasets.talentlynk;
    const call = dataset.calls.filter((c) => c.hasTranscript && c.startedAtMs < NOW - DAY_MS).at(-1)!;
    ctx.sim.faults.holdTranscript('talentlynk', `call_${call.id}`, 1);
    const db = openDatabase(tempDatabasePath());
    const connection = addSimConnection(db, ctx.sim, 'talentlynk');
    await syncFromSim(db, ctx.sim, connection, { backfillDays: 20 });
    const id = findCallId(db, connection.id, `call_${call.id}`)!;
    expect(db.prepare(`SELECT status FROM transcripts WHERE call_id = ?`).pluck().get(id)).toBe('processing');
    expect(getConversation(db, id)).toBeNull();

    await syncFromSim(db, ctx.sim, connection, { backfillDays: 20 });
    const expected = expectedCall(dataset.transcriptOf(call), true);
    expect(getConversation(db, id)).toEqual({
      basis: 'timed',
      ourAmount: expected.our,
      totalAmount: expected.total,
      talkShare: expected.our / expected.total,
      longestMonologue: expected.monologue,
      questionsAsked: expected.questions,
      contactLongestAnswer: expected.answer,
      unknownTurns: 0,
    });
    db.close();
  });
});
