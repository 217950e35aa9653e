import type { Dataset, SimCall, SimPerson } from '../dataset';
import { hashInt } from './common';
import { API_KEY, agentUuid, callByUuid, callUuid } from './talkpilot-ids';

/**
 * What happens to a TalkPilot call after it ends, as the vendor's docs describe
 * it (shared/vendors/README.md, "What the wider docs say"):
 * - `done` is staff's "processed" tick in the back office, not "call over":
 *   staff tick calls later, some never; an agent may auto-mark its short calls
 *   done. It has nothing to do with whether the call has ended: every call in
 *   the list has.
 * - "auto-delete done calls" moves processed calls to the trash (`deleted_at`).
 * - At any time, also to old calls: purges (number, transcript, recording
 *   nulled), moves to the trash, restores, deletion for good.
 * The dataset is immutable; what tests do to calls is an overlay per simulator
 * instance (one per dataset), read by every response.
 */

/** The AI summary, score, success verdict and transcript appear this long after the call ends (not published: an assumption). */
export const ANALYSIS_MS = 3 * 60_000;
/** Agents with "auto-mark short calls done" on tick calls shorter than this at once. */
export const AUTO_DONE_UNDER_SECONDS = 30;
/** Share of the other calls staff never tick. */
const NEVER_TICKED_PERCENT = 25;
/** Staff tick the rest between five minutes and three days after the call. */
const TICK_DELAY_MINUTES = { least: 5, spread: 3 * 24 * 60 };

/** Every other agent has "auto-mark short calls done" switched on. */
export const autoMarksShortCalls = (agent: SimPerson | undefined): boolean => agent !== undefined && agent.index % 2 === 0;

/** A key's own limits (an admin can customise them); the published defaults are 60 a minute and 1,000 an hour. */
export interface TalkpilotKeyLimits {
  perMinute: number;
  perHour: number;
}

interface Overlay {
  purged?: true;
  /** Absent: as the dataset says; null: restored (out of the trash); a time: in the trash since then. */
  deletedAtMs?: number | null;
  /** Absent: as the model says; null: not ticked; a time: ticked then. */
  doneAtMs?: number | null;
  deletedForever?: true;
  changedAtMs?: number;
}

/** One call as TalkPilot holds it at the simulated "now". */
export interface TalkpilotCallState {
  call: SimCall;
  durationSeconds: number;
  endedAtMs: number;
  /** Staff's tick (or the agent's auto-mark). */
  done: boolean;
  doneAtMs: number | null;
  purged: boolean;
  deletedAtMs: number | null;
  /** Permanently deleted: in no list, and its detail answers 404. */
  deletedForever: boolean;
  /** The post-call AI step (summary, score, success, transcript) has run. */
  analysed: boolean;
  updatedAtMs: number;
}

/** Per agent: the calls it handled in a range, as activity should count them. */
export interface TalkpilotAgentActivity {
  agentId: string;
  agentName: string;
  /** Every call that happened: in the trash or not, purged or not (and, by default, deleted for good since). */
  calls: number;
  /** The agent and the caller spoke (duration above 0). */
  answered: number;
  /** The caller hung up before the agent said a word (duration 0). */
  missed: number;
}

/**
 * The seconds TalkPilot reports. An AI agent answers every call, so the
 * dataset's unanswered outcomes become calls the caller ended early: `missed`
 * ones before a word was said (0 s), the others after the greeting. A call is
 * listed once it is over, so one still running at the simulated "now" is cut
 * to end there.
 */
export function durationOf(call: SimCall, nowMs: number): number {
  const full = call.outcome === 'answered' ? call.talkSeconds : call.outcome === 'missed' ? 0 : call.totalSeconds;
  return Math.max(0, Math.min(full, Math.floor((nowMs - call.startedAtMs) / 1000)));
}

/** When the call was ticked done without anyone touching it in a test, or null if never. */
function modelDoneAtMs(call: SimCall, dataset: Dataset, endedAtMs: number, durationSeconds: number): number | null {
  if (autoMarksShortCalls(dataset.agents[call.agentIndex]) && durationSeconds < AUTO_DONE_UNDER_SECONDS) return endedAtMs;
  if (hashInt(call.id, 'staff tick') % 100 < NEVER_TICKED_PERCENT) return null;
  return endedAtMs + (TICK_DELAY_MINUTES.least + (hashInt(call.id, 'tick delay') % TICK_DELAY_MINUTES.spread)) * 60_000;
}

/** Test-made API keys: tp_live_ and 32 hex digits, obviously not real ones. */
const extraKey = (n: number): string => `tp_live_${'0'.repeat(24)}${(0xbeef0000 + n).toString(16)}`;

/**
 * One simulator instance's TalkPilot account: its calls' states and its keys.
 * Tests reach it as `sim.talkpilot`. Changes happen at the simulated "now".
 */
export class TalkpilotAccount {
  private readonly overlays = new Map<number, Overlay>();
  private readonly keyLimits = new Map<string, TalkpilotKeyLimits>();
  private readonly extraKeys = new Set<string>();
  private autoDeleteDone = false;

  /** The key every simulator accepts (credentials.talkpilot.apiKey). */
  readonly mainKey = API_KEY;

  constructor(readonly dataset: Dataset) {}

  private get nowMs(): number {
    return this.dataset.options.nowMs;
  }

  stateOf(call: SimCall): TalkpilotCallState {
    const overlay = this.overlays.get(call.index) ?? {};
    const nowMs = this.nowMs;
    const durationSeconds = durationOf(call, nowMs);
    const endedAtMs = call.startedAtMs + durationSeconds * 1000;
    const doneAtMs = overlay.doneAtMs !== undefined ? overlay.doneAtMs : modelDoneAtMs(call, this.dataset, endedAtMs, durationSeconds);
    const done = doneAtMs !== null && doneAtMs <= nowMs;
    // A soft delete dated after the simulated "now" has not happened yet.
    const datasetDeletedAt = call.deletedAtMs !== null && call.deletedAtMs <= nowMs ? call.deletedAtMs : null;
    const deletedAtMs = overlay.deletedAtMs !== undefined ? overlay.deletedAtMs : datasetDeletedAt;
    return {
      call,
      durationSeconds,
      endedAtMs,
      done,
      doneAtMs: done ? doneAtMs : null,
      purged: overlay.purged ?? call.purged,
      deletedAtMs,
      deletedForever: overlay.deletedForever ?? false,
      analysed: nowMs - endedAtMs >= ANALYSIS_MS,
      updatedAtMs: Math.min(nowMs, Math.max(call.updatedAtMs, done && doneAtMs !== null ? doneAtMs : 0, deletedAtMs ?? 0, overlay.changedAtMs ?? 0)),
    };
  }

  /** The call with this TalkPilot id; a wrong id is a mistake in the test, so it throws. */
  private callOf(callId: string): SimCall {
    const call = callByUuid(this.dataset, callId);
    if (!call) throw new Error(`The simulated TalkPilot account has no call ${callId}.`);
    return call;
  }

  private change(callId: string, update: Overlay): void {
    const call = this.callOf(callId);
    this.overlays.set(call.index, { ...this.overlays.get(call.index), ...update, changedAtMs: this.nowMs });
  }

  /** Sensitive data removed: phone number, transcript and recording answer null from now on. */
  purge(callId: string): void {
    this.change(callId, { purged: true });
  }

  /** Moved to the trash: `deleted_at` is set, and lists leave it out unless `include_deleted=true`. */
  trash(callId: string): void {
    this.change(callId, { deletedAtMs: this.nowMs });
  }

  /** Back out of the trash, whoever put it there (the data, a test, auto-delete). */
  restore(callId: string): void {
    this.change(callId, { deletedAtMs: null });
  }

  /** Deleted for good (from the trash or not): gone from every list, `include_deleted` too; its detail answers 404. */
  deleteForever(callId: string): void {
    this.change(callId, { deletedForever: true });
  }

  /** Staff tick the call processed, or untick it. With auto-delete on, a tick moves it to the trash. */
  markDone(callId: string, done: boolean): void {
    const state = this.stateOf(this.callOf(callId));
    if (!done) return this.change(callId, { doneAtMs: null });
    this.change(callId, {
      doneAtMs: state.done ? state.doneAtMs : this.nowMs,
      ...(this.autoDeleteDone && state.deletedAtMs === null ? { deletedAtMs: this.nowMs } : {}),
    });
  }

  /**
   * The account setting "auto-delete done calls". Switched on, every processed
   * call still out of the trash goes there now, and each later tick too.
   * Switched off, what it trashed stays in the trash.
   */
  setAutoDeleteDone(on: boolean): void {
    this.autoDeleteDone = on;
    if (!on) return;
    for (const call of this.dataset.calls) {
      const state = this.stateOf(call);
      if (state.done && state.deletedAtMs === null && !state.deletedForever) this.change(callUuid(call), { deletedAtMs: this.nowMs });
    }
  }

  /** An admin customises a key's limits (the main key unless another is named). */
  setKeyLimits(limits: TalkpilotKeyLimits, apiKey: string = this.mainKey): void {
    if (!this.knowsKey(apiKey)) throw new Error('The simulated TalkPilot account has no such key.');
    for (const value of [limits.perMinute, limits.perHour]) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`Rate limits are whole numbers of at least 1, not ${value}.`);
    }
    this.keyLimits.set(apiKey, { ...limits });
  }

  /** A second (third, …) key on the same account, with the default limits unless given its own. */
  addKey(limits?: TalkpilotKeyLimits): string {
    const key = extraKey(this.extraKeys.size + 1);
    this.extraKeys.add(key);
    if (limits) this.setKeyLimits(limits, key);
    return key;
  }

  knowsKey(apiKey: string | undefined): boolean {
    return apiKey === this.mainKey || (apiKey !== undefined && this.extraKeys.has(apiKey));
  }

  /** The key's customised limits, or undefined when it has the published defaults. */
  limitsOf(apiKey: string): TalkpilotKeyLimits | undefined {
    return this.keyLimits.get(apiKey);
  }

  /**
   * Per agent, the calls that happened in [fromMs, toMs) (by start): every call
   * made, whatever became of its record later. The trash is a soft delete (the
   * record is still there, `deleted_at` set), a purge keeps the call and drops
   * only personal data, and a call deleted for good still happened: the docs
   * present deletion as housekeeping of records, not as undoing a call. Pass
   * `includeDeletedForever: false` for what the API can still show.
   */
  callsThatHappened(range: { fromMs: number; toMs: number }, options: { includeDeletedForever?: boolean } = {}): TalkpilotAgentActivity[] {
    const rows = this.dataset.agents.map((agent) => ({ agentId: agentUuid(agent), agentName: agent.name, calls: 0, answered: 0, missed: 0 }));
    for (const call of this.dataset.callsBetween(range.fromMs, range.toMs)) {
      const state = this.stateOf(call);
      const row = rows[call.agentIndex];
      if (!row || (state.deletedForever && options.includeDeletedForever === false)) continue;
      row.calls += 1;
      if (state.durationSeconds > 0) row.answered += 1;
      else row.missed += 1;
    }
    return rows;
  }

  /** Back to the dataset as made: no overlay, auto-delete off, default limits, only the main key. */
  reset(): void {
    this.overlays.clear();
    this.keyLimits.clear();
    this.extraKeys.clear();
    this.autoDeleteDone = false;
  }
}

const accounts = new WeakMap<Dataset, TalkpilotAccount>();

/**
 * The account behind a TalkPilot dataset. Each simulator makes its own
 * datasets, so this is one account per simulator instance; route handlers and
 * tests (building expected records) reach the same one through the dataset.
 */
export function talkpilotAccountOf(dataset: Dataset): TalkpilotAccount {
  let account = accounts.get(dataset);
  if (!account) accounts.set(dataset, (account = new TalkpilotAccount(dataset)));
  return account;
}
