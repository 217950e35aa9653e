import { z } from 'zod';
import type { Channel } from './channels';
import type { IpcResult } from './result';
import { DayRangeSchema, ReportRequestSchema, type ReportJob } from '../reports';
import type { ActivitySummary, Team } from '../activity';
import type { AppInfo } from '../app';
import { TeamSaveSchema } from '../teams';
import { CallListRequestSchema, type CallDetail, type CallFacets, type CallPage } from '../calls';
import {
  AddConnectionRequestSchema,
  SetKeyRequestSchema,
  UpdateConnectionRequestSchema,
  type ConnectionSummary,
  type ConnectionTestResult,
  type RemoveConnectionResult,
} from '../connections';
import type { ReportScheduleStatus } from '../report-schedule';
import { SettingsUpdateSchema, type SettingsView } from '../settings';
import type { SyncHistoryEntry, SyncProgress } from '../sync';
import { TrackerRemoveRequestSchema, TrackerSaveRequestSchema, type Tracker } from '../trackers';

/** A response type carried at compile time only: main's answers are ours, so only requests are checked at run time. */
declare const responseType: unique symbol;
export interface Returns<T> {
  readonly [responseType]?: T;
}
function returns<T>(): Returns<T> {
  return {};
}

interface ChannelSpec {
  request: z.ZodType;
  response: Returns<unknown>;
}

/** Requests with no payload: the renderer may call them with nothing or `undefined`. */
const noPayload = z.undefined();
const byJob = z.object({ jobId: z.number().int().positive() }).strict();
const byConnection = z.object({ connectionId: z.number().int().positive() }).strict();
/** All connections when absent. */
const someConnections = z
  .object({ connectionIds: z.array(z.number().int().positive()).min(1).max(100).optional() })
  .strict()
  .default({});

export const contract = {
  'app/info': { request: noPayload, response: returns<AppInfo>() },
  'app/open-external': {
    request: z.object({ url: z.url({ protocol: /^https?$/ }).max(2048) }).strict(),
    response: returns<{ opened: true }>(),
  },
  /** Opens the folder holding the database in the system's file manager. */
  'app/show-data-folder': { request: noPayload, response: returns<{ shown: true }>() },
  /** Starts the vendor simulator on 127.0.0.1 with one connection per vendor, and syncs them. */
  'demo/start': { request: noPayload, response: returns<{ connectionIds: number[] }>() },
  'demo/status': { request: noPayload, response: returns<{ connectionIds: number[] }>() },
  /** Removes the demo's connections, keys and calls. */
  'demo/remove': { request: noPayload, response: returns<{ removed: number }>() },
  'connections/list': { request: noPayload, response: returns<ConnectionSummary[]>() },
  'connections/add': { request: AddConnectionRequestSchema, response: returns<ConnectionSummary>() },
  'connections/update': { request: UpdateConnectionRequestSchema, response: returns<ConnectionSummary>() },
  'connections/remove': { request: byConnection, response: returns<RemoveConnectionResult>() },
  /** Sets or replaces the key. There is no channel that reads a key back. */
  'connections/set-key': { request: SetKeyRequestSchema, response: returns<{ keySet: true }>() },
  'connections/delete-key': { request: byConnection, response: returns<{ keySet: false }>() },
  'connections/test': { request: byConnection, response: returns<ConnectionTestResult>() },
  'calls/list': { request: CallListRequestSchema, response: returns<CallPage>() },
  'calls/get': {
    request: z.object({ callId: z.number().int().positive() }).strict(),
    response: returns<CallDetail>(),
  },
  /** Counts every call a query selects, for when calls/list stopped counting at its limit (a common word, a wide filter). */
  'calls/count': { request: CallListRequestSchema, response: returns<{ total: number }>() },
  'calls/facets': { request: noPayload, response: returns<CallFacets>() },
  'activity/summary': {
    request: z.object({ range: DayRangeSchema, connectionId: z.number().int().positive().optional(), excludeDeleted: z.boolean().optional() }).strict(),
    response: returns<ActivitySummary>(),
  },
  /** Every tracker (named lists of words and phrases followed across transcripts), by name. */
  'trackers/list': { request: noPayload, response: returns<Tracker[]>() },
  /** Creates (no id) or changes a tracker; answers once its hits over every call are worked out. */
  'trackers/save': { request: TrackerSaveRequestSchema, response: returns<Tracker>() },
  'trackers/remove': { request: TrackerRemoveRequestSchema, response: returns<{ removed: true }>() },
  'teams/list': { request: noPayload, response: returns<Team[]>() },
  /** Creates a team (no id) or renames one and replaces its members. */
  'teams/save': { request: TeamSaveSchema, response: returns<Team>() },
  'teams/delete': { request: z.object({ teamId: z.number().int().positive() }).strict(), response: returns<{ deleted: true }>() },
  /** Starts syncs in the background (all connections, or these); progress is read with sync/status. */
  'sync/start': { request: someConnections, response: returns<{ started: number[] }>() },
  'sync/cancel': { request: someConnections, response: returns<{ cancelled: number }>() },
  /** What runs now; `finishedRuns` counts the runs ended since the app started (started by anyone: the window, the schedule). */
  'sync/status': { request: noPayload, response: returns<{ running: { connectionId: number; progress: SyncProgress | null }[]; finishedRuns: number }>() },
  'sync/history': {
    request: z
      .object({ connectionId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) })
      .strict()
      .default({ limit: 50 }),
    response: returns<SyncHistoryEntry[]>(),
  },
  'settings/get': { request: noPayload, response: returns<SettingsView>() },
  'settings/update': { request: SettingsUpdateSchema, response: returns<SettingsView>() },
  /** Asks the user for the exports folder with the system's dialog; the settings, changed or not. */
  'settings/choose-reports-folder': { request: noPayload, response: returns<SettingsView>() },
  /**
   * Asks for a folder, copies the database there, and restarts the app on it.
   * `movedTo` is null when the user cancelled the dialog.
   */
  'settings/move-data-folder': { request: noPayload, response: returns<{ movedTo: string | null }>() },
  /** Asks for the folder scheduled reports are saved in (the schedule must be on); the settings, changed or not. */
  'settings/choose-scheduled-reports-folder': { request: noPayload, response: returns<SettingsView>() },
  /** Starts an export in the background; progress is read with reports/status. */
  'reports/start': { request: ReportRequestSchema, response: returns<ReportJob>() },
  'reports/status': { request: noPayload, response: returns<ReportJob[]>() },
  'reports/cancel': { request: byJob, response: returns<{ cancelled: boolean }>() },
  /** Shows a finished export's file in the system's file manager (only files Talktally saved). */
  'reports/show-in-folder': { request: byJob, response: returns<{ shown: true }>() },
  /** When the next scheduled workbooks are written, and those written (or failed) before, newest first. */
  'reports/schedule-status': { request: noPayload, response: returns<ReportScheduleStatus>() },
  /** Shows a scheduled workbook's file in the system's file manager (only files the schedule saved). */
  'reports/show-scheduled-report': { request: z.object({ runId: z.number().int().positive() }).strict(), response: returns<{ shown: true }>() },
} as const satisfies Record<Channel, ChannelSpec>;

/** What the renderer may send on a channel (before defaults are filled in). */
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** What a handler receives: the request after validation and defaults. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'] extends Returns<infer T> ? T : never;

/** `window.api`: one function per channel, no more. */
export type Api = {
  [C in Channel]: (...args: undefined extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]) => Promise<IpcResult<ResponseOf<C>>>;
};
