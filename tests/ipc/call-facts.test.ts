import { describe, expect, it } from 'vitest';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp } from '../helpers/app';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);

describe("a call's detail over IPC carries what its agent extracted", () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 10, rateLimits: 'off' });

  it('lists every HighLevel extracted field, as the agent named it; other vendors and agents that extract nothing list none', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const highlevel = addSimConnection(db, ctx.sim, 'highlevel');
    const talkover = addSimConnection(db, ctx.sim, 'talkover');
    for (const connection of [highlevel, talkover]) expect((await syncFromSim(db, ctx.sim, connection, { backfillDays: 10 })).run.status).toBe('succeeded');
    const app = createTestApp(db, file);
    const idOf = (connectionId: number, vendorCallId: string) =>
      db.prepare(`SELECT id FROM calls WHERE connection_id = ? AND vendor_call_id = ?`).pluck().get(connectionId, vendorCallId) as number;
    const detailOf = (callId: number) => answer(app.dispatch, 'calls/get', { callId });

    const calls = ctx.sim.datasets.highlevel.callsBetween(NOW - 10 * DAY_MS, NOW);
    // Agent 2 extracts caller_name, contact_number, email, "Preferred shift" and "Right to work in the UK"; agent 3 nothing.
    const screened = calls.find((c) => c.agentIndex === 2 && c.talkSeconds > 0)!;
    const detail = await detailOf(idOf(highlevel.id, callLogId(screened)));
    expect(detail.call.contactName).toBe(screened.contact.name);
    expect(detail.extractedFields.map((f) => f.name)).toEqual(['caller_name', 'contact_number', 'email', 'Preferred shift', 'Right to work in the UK']);
    expect(detail.extractedFields.slice(0, 2)).toEqual([
      { name: 'caller_name', value: screened.contact.name },
      { name: 'contact_number', value: screened.contact.phone },
    ]);
    expect(detail.extractedFields.find((f) => f.name === 'Preferred shift')?.value).toMatch(/^(Days|Nights|Weekends|Flexible)$/);

    const nothing = calls.find((c) => c.agentIndex === 3 && c.talkSeconds > 0)!;
    expect((await detailOf(idOf(highlevel.id, callLogId(nothing)))).extractedFields).toEqual([]);
    const otherVendor = db.prepare(`SELECT id FROM calls WHERE connection_id = ? LIMIT 1`).pluck().get(talkover.id) as number;
    expect((await detailOf(otherVendor)).extractedFields).toEqual([]);

    await app.close();
    db.close();
  });
});
