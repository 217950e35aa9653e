import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import { request } from './api';

type Overview = { info: AppInfo; connections: number; calls: number };

/** The start screen: what this database holds. The full screens arrive with the UI issue. */
export function App() {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([request('app/info'), request('connections/list'), request('calls/list', { limit: 1 })])
      .then(([info, connections, calls]) => setOverview({ info, connections: connections.length, calls: calls.total }))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, []);

  return (
    <main className="app">
      <h1>Talktally</h1>
      {problem && (
        <p role="alert" className="error">
          Talktally could not read its database: {problem}
        </p>
      )}
      {!problem && !overview && <p aria-busy="true">Loading…</p>}
      {overview && (
        <dl className="overview">
          <dt>Connections</dt>
          <dd data-testid="connection-count">{overview.connections}</dd>
          <dt>Calls stored</dt>
          <dd data-testid="call-count">{overview.calls.toLocaleString()}</dd>
          <dt>Database</dt>
          <dd>{overview.info.databasePath}</dd>
          <dt>Time zone</dt>
          <dd>{overview.info.timeZone}</dd>
        </dl>
      )}
    </main>
  );
}
