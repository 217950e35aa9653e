import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectionSummary } from '../../../shared/connections';
import type { AppInfo, SettingsView } from '../../../shared/ipc/contract';
import type { SyncProgress } from '../../../shared/sync';
import { request } from '../api';

export const SCREENS = [
  { id: 'calls', label: 'Calls' },
  { id: 'activity', label: 'Activity' },
  { id: 'reports', label: 'Reports' },
  { id: 'sync', label: 'Sync' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

export interface RunningSync {
  connectionId: number;
  progress: SyncProgress | null;
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

export function AppProvider({ initial, children }: { initial: { info: AppInfo; settings: SettingsView; connections: ConnectionSummary[] }; children: ReactNode }) {
  const [settings, setSettings] = useState(initial.settings);
  const [connections, setConnections] = useState(initial.connections);
  const [running, setRunning] = useState<RunningSync[]>([]);
  const [dataVersion, setDataVersion] = useState(0);
  const [screen, setScreen] = useState<ScreenId>('calls');

  const reloadSettings = useCallback(async () => setSettings(await request('settings/get')), []);
  const reloadConnections = useCallback(async () => setConnections(await request('connections/list')), []);
  // Syncs started from this window: one may end before any poll sees it running.
  const started = useRef(new Set<number>());
  const lastRunning = useRef<number[]>([]);
  const refreshSyncs = useCallback(async () => {
    const status = await request('sync/status');
    const runningNow = new Set(status.running.map((s) => s.connectionId));
    const ended = [...lastRunning.current, ...started.current].filter((id) => !runningNow.has(id));
    for (const id of ended) started.current.delete(id);
    lastRunning.current = [...runningNow];
    setRunning(status.running);
    // A sync that ended has written data: screens showing synced data ask again.
    if (ended.length) {
      setDataVersion((v) => v + 1);
      void reloadConnections();
    }
  }, [reloadConnections]);
  const startSync = useCallback(
    async (connectionIds?: number[]) => {
      const result = await request('sync/start', connectionIds ? { connectionIds } : {});
      for (const id of result.started) started.current.add(id);
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
    }),
    [initial.info, settings, connections, running, dataVersion, reloadSettings, reloadConnections, refreshSyncs, startSync, screen],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
