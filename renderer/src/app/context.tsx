import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallFilters } from '../../../shared/calls';
import type { ConnectionSummary } from '../../../shared/connections';
import type { AppInfo } from '../../../shared/app';
import type { SettingsView } from '../../../shared/settings';
import type { SyncProgress } from '../../../shared/sync';
import { request } from '../api';

import { SCREENS, type ScreenId } from './screens';

export { SCREENS, type ScreenId };

export interface RunningSync {
  connectionId: number;
  progress: SyncProgress | null;
}

/** The calls behind a figure on another screen (Activity): the Calls screen opens filtered to exactly these. */
export interface CallsDrillDown {
  /** What the calls are, in words: "Amira Torphy · Missed · 21 Oct – 19 Nov". */
  title: string;
  filters: CallFilters;
}

/** What every screen may read: the settings (time zone), connections, running syncs, and how to move between screens. */
export interface AppState {
  info: AppInfo;
  settings: SettingsView;
  timeZone: string;
  connections: ConnectionSummary[];
  running: RunningSync[];
  /** Bumped when a sync ends, so screens showing synced data ask again. */
  dataVersion: number;
  reloadSettings(): Promise<void>;
  reloadConnections(): Promise<void>;
  /** Reads sync status now (after cancelling one). */
  refreshSyncs(): Promise<void>;
  /** Starts syncs (all connections, or these) and follows them until they end, however quickly. */
  startSync(connectionIds?: number[]): Promise<number[]>;
  screen: ScreenId;
  go(screen: ScreenId): void;
  /** Opens the Calls screen filtered to these calls. */
  openCalls(drillDown: CallsDrillDown): void;
  /** The drill-down the Calls screen should open with, until it says it has (`drillDownTaken`). */
  pendingDrillDown: CallsDrillDown | null;
  drillDownTaken(): void;
}

const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp() outside <AppProvider>');
  return state;
}

/** Syncs are polled: main keeps their progress and answers sync/status quickly. */
const SYNC_POLL_MS = 700;
const IDLE_POLL_MS = 3_000;

export function AppProvider({
  initial,
  children,
}: {
  initial: { info: AppInfo; settings: SettingsView; connections: ConnectionSummary[]; finishedRuns: number };
  children: ReactNode;
}) {
  const [settings, setSettings] = useState(initial.settings);
  const [connections, setConnections] = useState(initial.connections);
  const [running, setRunning] = useState<RunningSync[]>([]);
  const [dataVersion, setDataVersion] = useState(0);
  const [screen, setScreen] = useState<ScreenId>('calls');
  const [pendingDrillDown, setPendingDrillDown] = useState<CallsDrillDown | null>(null);
  const openCalls = useCallback((drillDown: CallsDrillDown) => {
    setPendingDrillDown(drillDown);
    setScreen('calls');
  }, []);
  const drillDownTaken = useCallback(() => setPendingDrillDown(null), []);

  const reloadSettings = useCallback(async () => setSettings(await request('settings/get')), []);
  const reloadConnections = useCallback(async () => setConnections(await request('connections/list')), []);
  // Main counts the runs that ended, whoever started them (this window, the daily schedule):
  // a run that ended between two polls is noticed all the same.
  const finishedRuns = useRef(initial.finishedRuns);
  const refreshSyncs = useCallback(async () => {
    const status = await request('sync/status');
    setRunning(status.running);
    const before = finishedRuns.current;
    finishedRuns.current = status.finishedRuns;
    // A sync that ended has written data: screens showing synced data ask again.
    if (status.finishedRuns !== before) {
      setDataVersion((v) => v + 1);
      void reloadConnections();
    }
  }, [reloadConnections]);
  const startSync = useCallback(
    async (connectionIds?: number[]) => {
      const result = await request('sync/start', connectionIds ? { connectionIds } : {});
      await refreshSyncs();
      return result.started;
    },
    [refreshSyncs],
  );

  const syncing = running.length > 0;
  useEffect(() => {
    const timer = setInterval(() => void refreshSyncs().catch(() => undefined), syncing ? SYNC_POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshSyncs, syncing]);

  const value = useMemo<AppState>(
    () => ({
      info: initial.info,
      settings,
      timeZone: settings.timeZone,
      connections,
      running,
      dataVersion,
      reloadSettings,
      reloadConnections,
      refreshSyncs,
      startSync,
      screen,
      go: setScreen,
      openCalls,
      pendingDrillDown,
      drillDownTaken,
    }),
    [
      initial.info,
      settings,
      connections,
      running,
      dataVersion,
      reloadSettings,
      reloadConnections,
      refreshSyncs,
      startSync,
      screen,
      openCalls,
      pendingDrillDown,
      drillDownTaken,
    ],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
