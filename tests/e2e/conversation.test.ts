import { describe, expect, it } from 'vitest';
import type { SimCall, SimTurn } from '../../electron/simulator/dataset';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { saveTranscript } from '../../electron/store/transcripts';
import { mapTranscript } from '../../electron/vendors/talentlynk/map';
import { CONVERSATION_METRICS } from '../../shared/conversation';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { useSimulator } from '../helpers/simulator';
import { useSyncedStore } from '../helpers/synced-store';

const NOW = Date.now() - (Date.now() % 3_600_000);

// One keyring, renderer and browser for the whole file: keytar keeps its first D-Bus connection.
const chromium = useChromium();

// What the reader should show, worked out here from the simulator's own turns.
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;
const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
function expectedStrip(turns: SimTurn[], timed: boolean): string[] {
  const size = (t: SimTurn) => (timed ? t.endMs - t.startMs : words(t.text));
  const ours = turns.filter((t) => t.role === 'agent');
  const share = ours.reduce((n, t) => n + size(t), 0) / turns.reduce((n, t) => n + size(t), 0);
  // The simulator's sides take turns, so each run is one turn.
  const longest = (role: SimTurn['role']) => Math.max(...turns.filter((t) => t.role === role).map(size));
  const shown = (n: number) => (timed ? clock(n) : `${n} words`);
  return [`${Math.round(share * 100)}%`, shown(longest('agent')), String(ours.filter((t) => t.text.trim().endsWith('?')).length), shown(longest('contact'))];
}

describe('the transcript reader shows the call’s conversation figures', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 10, rateLimits: 'off' });
  const store = useSyncedStore(ctx, ['talentlynk', 'highlevel'], { name: 'conversation-e2e' });

  /** The newest stored call of the vendor with a completed transcript, and the simulator's call behind it. */
  function callWithTranscript(vendor: 'talentlynk' | 'highlevel', simId: (c: SimCall) => string) {
    const row = store.db
      .prepare(
        `SELECT c.id, c.vendor_call_id AS vendorCallId, c.contact_name AS name FROM calls c
         JOIN connections k ON k.id = c.connection_id JOIN transcripts t ON t.call_id = c.id
         WHERE k.vendor = ? AND t.status = 'completed' AND c.is_test = 0 AND c.deleted_at_ms IS NULL AND c.contact_name IS NOT NULL
         ORDER BY c.started_at_ms DESC LIMIT 1`,
      )
      .get(vendor) as { id: number; vendorCallId: string; name: string };
    const call = ctx.sim.datasets[vendor].calls.find((c) => simId(c) === row.vendorCallId)!;
    return { ...row, turns: ctx.sim.datasets[vendor].transcriptOf(call) };
  }

  it('in a strip of four with the basis said, and their definitions open from the keyboard', async () => {
    const app = createTestApp(store.db, store.file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toMatch(/\d calls/);

    const cases = [
      { ...callWithTranscript('talentlynk', (c) => `call_${c.id}`), timed: true, basis: /^Measured in speaking time\.$/ },
      { ...callWithTranscript('highlevel', callLogId), timed: false, basis: /^Measured in words: the platform gives this transcript without times\.$/ },
    ];
    for (const call of cases) {
      await page.getByLabel('Search calls').fill(call.name);
      const row = page.locator(`.calls-row[data-call-id="${call.id}"]`);
      await expect.poll(() => row.count()).toBe(1);
      await row.dblclick();
      const reader = page.getByRole('complementary', { name: 'Transcript' });
      await expect.poll(() => reader.getByRole('heading', { name: call.name }).isVisible()).toBe(true);

      const strip = reader.getByRole('region', { name: 'Conversation' });
      await expect.poll(() => strip.locator('dl.conversation-figures dt').allTextContents()).toEqual(CONVERSATION_METRICS.map((m) => m.label));
      expect(await strip.locator('dl.conversation-figures dd').allTextContents()).toEqual(expectedStrip(call.turns, call.timed));
      expect(await strip.getByTestId('conversation-basis').textContent()).toMatch(call.basis);

      // The definitions: closed at first, reached with Tab and opened with Enter, no mouse.
      const summary = strip.getByText('What these figures mean');
      expect(await strip.getByText(CONVERSATION_METRICS[0].definition).isVisible()).toBe(false);
      await reader.getByRole('button', { name: 'Close transcript (Esc)' }).focus();
      for (let i = 0; i < 40 && !(await summary.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await summary.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      for (const metric of CONVERSATION_METRICS) await expect.poll(() => strip.getByText(metric.definition).isVisible()).toBe(true);
      await saveScreenshot(page, `conversation-${call.timed ? 'timed' : 'words'}`);

      await page.keyboard.press('Escape');
      await expect.poll(() => reader.count()).toBe(0);
    }
    expect(problems).toEqual([]);
    await app.close();
  });

  it('says why there are no figures when no turn is attributed to a side', async () => {
    const call = callWithTranscript('talentlynk', (c) => `call_${c.id}`);
    // The call's transcript fetched again without TalentLynk's `recruiter` label: no turn has a side.
    const unlabelled = mapTranscript({
      data: {
        status: 'completed',
        utterances: call.turns.map((t) => ({ speaker: t.role === 'agent' ? 'A' : 'B', text: t.text, start: t.startMs, end: t.endMs })),
      },
    } as Parameters<typeof mapTranscript>[0]);
    saveTranscript(store.db, call.id, unlabelled);
    const app = createTestApp(store.db, store.file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await page.getByLabel('Search calls').fill(call.name);
    const row = page.locator(`.calls-row[data-call-id="${call.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.dblclick();
    const strip = page.getByRole('complementary', { name: 'Transcript' }).getByRole('region', { name: 'Conversation' });
    await expect
      .poll(() => strip.textContent())
      .toContain("No conversation figures: the platform did not say which turns are the recruiter's or agent's and which the contact's.");
    expect(await strip.locator('dd').count()).toBe(0);
    expect(problems).toEqual([]);
    await app.close();
  });
});
