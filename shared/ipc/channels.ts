/**
 * The names of every channel between the window and main, and nothing else.
 * Kept free of any import so the sandboxed preload can bundle it alone.
 * `contract.ts` gives each one its request schema and response type.
 */
export const CHANNELS = [
  'app/info',
  'app/open-external',
  'app/show-data-folder',
  'demo/start',
  'demo/status',
  'demo/remove',
  'connections/list',
  'connections/add',
  'connections/update',
  'connections/remove',
  'connections/set-key',
  'connections/delete-key',
  'connections/test',
  'calls/list',
  'calls/get',
  'calls/count',
  'calls/facets',
  'activity/summary',
  'trackers/list',
  'trackers/save',
  'trackers/remove',
  'teams/list',
  'teams/save',
  'teams/delete',
  'sync/start',
  'sync/cancel',
  'sync/status',
  'sync/history',
  'settings/get',
  'settings/update',
  'settings/choose-reports-folder',
  'settings/move-data-folder',
  'settings/choose-scheduled-reports-folder',
  'reports/start',
  'reports/status',
  'reports/cancel',
  'reports/show-in-folder',
  'reports/schedule-status',
  'reports/show-scheduled-report',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
