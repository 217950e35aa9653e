import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../shared/connections';
import type { AppInfo } from '../../shared/app';
import type { SettingsView } from '../../shared/settings';
import { request } from './api';
import { AppProvider } from './app/context';
import { Shell } from './app/Shell';
import { ErrorMessage, Loading } from './components/States';
import { errorMessage } from './lib/use-request';
import { FirstRun } from './screens/first-run/FirstRun';

/** What the window reads before showing anything; `finishedRuns` dates the data it then reads. */
type Initial = { info: AppInfo; settings: SettingsView; connections: ConnectionSummary[]; finishedRuns: number };

/** Reads what the window needs to start, then shows the first run (no connection yet) or the app. */
export function App() {
  const [initial, setInitial] = useState<Initial | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    Promise.all([request('sync/status'), request('app/info'), request('settings/get'), request('connections/list')])
      .then(([status, info, settings, connections]) => setInitial({ info, settings, connections, finishedRuns: status.finishedRuns }))
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, [attempt]);

  if (problem) {
    return (
      <main className="app-message">
        <h1>Talktally</h1>
        <ErrorMessage
          onRetry={() => {
            setProblem(null);
            setAttempt((a) => a + 1);
          }}
        >
          Talktally could not read its database: {problem}
        </ErrorMessage>
      </main>
    );
  }
  if (!initial) {
    return (
      <main className="app-message">
        <Loading what="Talktally" />
      </main>
    );
  }
  if (initial.connections.length === 0) {
    return <FirstRun timeZone={initial.settings.timeZone} onReady={(connections) => setInitial({ ...initial, connections })} />;
  }
  return (
    <AppProvider initial={initial}>
      <Shell />
    </AppProvider>
  );
}
