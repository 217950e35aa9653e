import { useEffect, useEffectEvent, useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import type { SyncProgress } from '../../../../shared/sync';
import { request } from '../../api';
import { ErrorMessage, ProgressBar } from '../../components/States';
import { useFocusReturn } from '../../lib/focus';
import { errorMessage } from '../../lib/use-request';
import { AddConnectionForm } from '../connections/AddConnectionForm';
import './first-run.css';

type Step = { kind: 'choose' } | { kind: 'add' } | { kind: 'demo'; connectionIds: number[] };

/** No connection yet: add one, or explore with demo data synced from the built-in simulator. */
export function FirstRun({ onReady }: { timeZone: string; onReady(connections: ConnectionSummary[]): void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const { opener, returnTo } = useFocusReturn();

  const startDemo = async () => {
    setProblem(null);
    setStarting(true);
    try {
      const { connectionIds } = await request('demo/start');
      setStep({ kind: 'demo', connectionIds });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const enter = async () => onReady(await request('connections/list'));

  return (
    <main className="first-run">
      <h1>Welcome to Talktally</h1>
      <p className="lead">Every call from your calling and voice-AI platforms in one place, offline, with one-click Excel reports.</p>
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
      {step.kind === 'choose' && (
        <div className="choices">
          <button type="button" className="choice recommended" ref={opener('add')} onClick={() => setStep({ kind: 'add' })}>
            <strong>Add a connection</strong>
            <span>Connect TalentLynk, TalkPilot, Talkover, HighLevel Voice AI or Talknex with your API key.</span>
          </button>
          <button type="button" className="choice" onClick={() => void startDemo()} disabled={starting} aria-busy={starting}>
            <strong>Explore with demo data</strong>
            <span>Five simulated platforms on this computer, synced like real ones. Remove them any time in Connections.</span>
          </button>
        </div>
      )}
      {step.kind === 'add' && (
        <section className="panel">
          <AddConnectionForm
            onAdded={(connection) => {
              void request('sync/start', { connectionIds: [connection.id] }).finally(() => void enter());
            }}
            onCancel={() => {
              setStep({ kind: 'choose' });
              returnTo('add');
            }}
          />
        </section>
      )}
      {step.kind === 'demo' && <DemoProgress connectionIds={step.connectionIds} onDone={() => void enter()} />}
    </main>
  );
}

/** The demo's first sync: one bar per platform, then into the app. */
function DemoProgress({ connectionIds, onDone }: { connectionIds: number[]; onDone(): void }) {
  const [connections, setConnections] = useState<ConnectionSummary[]>([]);
  const [running, setRunning] = useState<Map<number, SyncProgress | null>>(new Map(connectionIds.map((id) => [id, null])));

  const done = useEffectEvent(onDone);
  useEffect(() => {
    void request('connections/list').then(setConnections);
    const timer = setInterval(() => {
      void request('sync/status').then((status) => {
        const now = new Map(status.running.map((r) => [r.connectionId, r.progress]));
        setRunning(now);
        if (!connectionIds.some((id) => now.has(id))) {
          clearInterval(timer);
          done();
        }
      });
    }, 400);
    return () => clearInterval(timer);
  }, [connectionIds]);

  const finished = connectionIds.filter((id) => !running.has(id)).length;
  return (
    <section className="panel demo-progress" aria-live="polite">
      <h2>Syncing demo data</h2>
      <ProgressBar value={finished} max={connectionIds.length} label={`${finished} of ${connectionIds.length} platforms synced`} />
      <ul>
        {connectionIds.map((id) => {
          const progress = running.get(id);
          const label = connections.find((c) => c.id === id)?.label ?? 'Connection';
          return (
            <li key={id}>
              <span>{label}</span>
              <span>{running.has(id) ? (progress ? `${progress.stream}: ${progress.records.toLocaleString()} records` : 'starting…') : 'done'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
