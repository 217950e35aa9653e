import type { UserActivityFields } from '../../shared/activity';
import type { CallFields } from '../../shared/calls';
import type { Connection, ConnectionSettings, ConnectionTestResult } from '../../shared/connections';
import type { SyncStream } from '../../shared/sync';
import type { TranscriptFields } from '../../shared/transcripts';
import type { Vendor } from '../../shared/vendors';
import type { VendorHttpOptions } from './http/types';

/** A half-open span of time, [fromMs, toMs), in Unix milliseconds UTC. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/**
 * A vendor record that failed validation. It is reported (with its id and raw
 * payload) and skipped; the rest of the page goes on.
 */
export interface RecordWarning {
  stream: SyncStream;
  vendorRecordId: string | null;
  /** Plain words, e.g. "A TalkPilot call could not be read: duration: expected a number". */
  message: string;
  raw: unknown;
}

/** One call as read from a list endpoint, with its transcript when the vendor sends it inline (HighLevel). */
export interface VendorCall {
  call: CallFields;
  transcript?: TranscriptFields;
}

export interface CallsPage {
  calls: VendorCall[];
  warnings: RecordWarning[];
}

export type TranscriptResult =
  /** The transcript is ready. `call` is the call re-read from the detail endpoint, when it has more (score, sentiment, a fresh recording link). */
  | { state: 'ready'; transcript: TranscriptFields; call?: CallFields }
  /** The vendor is still transcribing: ask again on a later sync. */
  | { state: 'processing'; call?: CallFields }
  /** There is no transcript, and there will be none (none made, purged, or the vendor has no transcripts). */
  | { state: 'none'; call?: CallFields };

/** What the store knows of a call, enough to ask the vendor about it again. */
export interface StoredCallRef {
  vendorCallId: string;
  /** The recruiter's or agent's vendor id (`CallFields.userId`). */
  userId: string | null;
  /**
   * The `messageId` of the call's stored list record, when it has one:
   * TalentLynk fetches a transcript by the call log's message id. Absent or
   * null when the record carries none.
   */
  messageId?: string | null;
}

export type { ConnectionTestResult } from '../../shared/connections';

/**
 * The vendor's list of agents, for their names: call records of TalkPilot,
 * Talknex and HighLevel name an agent by id only. `not_allowed` when this key
 * may not read the list (a HighLevel token without the agents scope), with why.
 */
export type AgentListing = { state: 'listed'; agents: { id: string; name: string | null }[] } | { state: 'not_allowed'; message: string };

/**
 * One vendor's API behind one interface. A connector reads and maps; it never
 * writes to the store (the sync engine does, page by page) and never holds a
 * key anywhere but in memory for the requests it makes.
 */
export interface Connector {
  readonly vendor: Vendor;
  /** The longest window one calls read may cover (TalentLynk: 7 days); Infinity when the API has no limit. */
  readonly maxCallWindowMs: number;
  /** True when the API filters calls by whole UTC days only (Talkover): windows should start and end at midnight UTC. */
  readonly dayGranularity: boolean;
  /** How transcripts arrive: inline in the list, from a per-call request, or not at all. */
  readonly transcripts: 'inline' | 'per-call' | 'none';
  /** Whether `readActivity` is available (TalentLynk only). */
  readonly hasActivity: boolean;

  /** Checks the key and settings, in plain words. Never throws for an HTTP failure: it reports it. */
  testConnection(): Promise<ConnectionTestResult>;
  /** Every call that started in the window, exactly once, page by page. Throws VendorRequestError on failure. */
  readCalls(window: TimeWindow): AsyncIterable<CallsPage>;
  /**
   * One call's transcript (for transcripts === 'per-call'), from the stored
   * call's ids: some vendors address a call under its agent (TalkPilot).
   */
  fetchTranscript(call: StoredCallRef): Promise<TranscriptResult>;
  /**
   * The agents this key can see, with their names (vendors with an agent list).
   * Shares the request the calls read makes, where they make one. Throws
   * VendorRequestError for a failure other than "this key may not".
   */
  listAgents?(): Promise<AgentListing>;
  /** Each user's activity on one UTC day, `YYYY-MM-DD` (when hasActivity). */
  readActivity(day: string): Promise<{ rows: UserActivityFields[]; warnings: RecordWarning[] }>;
  /** HTTP attempts made so far, retries included. */
  readonly requestCount: number;
}

export interface ConnectorOptions {
  settings: ConnectionSettings;
  /** From the OS keychain, for this connection only. */
  apiKey: string;
  /** HTTP client tuning: tests shorten delays; the demo and benchmarks raise the rate limit to match the simulator's. Defaults are the vendor's published limits. */
  http?: Partial<Pick<VendorHttpOptions, 'timeoutMs' | 'retries' | 'backoffLimitMs' | 'maxRetryAfterMs' | 'log' | 'signal' | 'rateLimit'>>;
}

export type CreateConnector = (options: ConnectorOptions) => Connector;

/** HTTP tuning as plain data (no log function or signal), so a sync request can carry it to the core's worker. */
export type SyncHttp = Omit<NonNullable<ConnectorOptions['http']>, 'log' | 'signal'>;

/** HTTP tuning chosen per connection: the demo's simulated vendors take faster pacing than real ones. */
export type HttpFor = (connection: Pick<Connection, 'id' | 'vendor' | 'settings'>) => SyncHttp | undefined;
