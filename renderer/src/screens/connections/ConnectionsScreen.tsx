import { useState } from 'react';
import type { RemoveConnectionResult } from '../../../../shared/connections';
import { useApp } from '../../app/context';
import { Empty, ErrorMessage } from '../../components/States';
import { focusScreenHeading, useFocusReturn } from '../../lib/focus';
import { useRequest } from '../../lib/use-request';
import { AddConnectionForm } from './AddConnectionForm';
import { ConnectionCard } from './ConnectionCard';
import { DemoNotice } from './DemoNotice';
import { KEYCHAIN_SILENT } from './key-status';
import './connections.css';

/** The vendor connections: add, test, edit, replace or remove the key, remove; and the demo's, marked as such. */
export function ConnectionsScreen() {
  const { connections, reloadConnections } = useApp();
  const [adding, setAdding] = useState(false);
  // Asked again whenever the list changes: removing demo data or a connection changes the answer.
  const demo = useRequest('demo/status', undefined, connections.map((c) => c.id).join(','));
  const demoIds = new Set(demo.data?.connectionIds ?? []);
  const demoCount = connections.filter((c) => demoIds.has(c.id)).length;
  const [leftKey, setLeftKey] = useState<RemoveConnectionResult | null>(null);
  const { opener, returnTo } = useFocusReturn();
  const closeForm = () => {
    setAdding(false);
    returnTo('add');
  };

  return (
    <div className="connections-screen">
      <div className="toolbar screen-title">
        <h1>Connections</h1>
        {!adding && connections.length > 0 && (
          <button type="button" className="primary" ref={opener('add')} onClick={() => setAdding(true)}>
            Add a connection
          </button>
        )}
      </div>
      {adding && (
        <section className="panel add-connection">
          <AddConnectionForm
            onAdded={() => {
              closeForm();
              void reloadConnections();
            }}
            onCancel={closeForm}
          />
        </section>
      )}
      {demo.error && <ErrorMessage onRetry={demo.reload}>Could not tell which connections are demo data: {demo.error}</ErrorMessage>}
      {demoCount > 0 && <DemoNotice count={demoCount} />}
      {connections.some((c) => c.keySet === null) && (
        <section className="panel keychain-notice" aria-label="Keychain not answering">
          <p>{KEYCHAIN_SILENT}</p>
        </section>
      )}
      {leftKey && <LeftKeyNotice result={leftKey} onDismiss={() => setLeftKey(null)} />}
      {connections.length === 0 && !adding ? (
        <Empty title="No connections yet">
          <p>Add one with the API key of your calling or voice-AI platform.</p>
          <button type="button" className="primary" ref={opener('add')} onClick={() => setAdding(true)}>
            Add a connection
          </button>
        </Empty>
      ) : (
        <ul className="connection-list" aria-label="Connections">
          {connections.map((connection) => (
            <ConnectionCard
              key={connection.id}
              connection={connection}
              isDemo={demoIds.has(connection.id)}
              onRemoved={(result) => {
                setLeftKey(result.keyRemoved ? null : result);
                // Its card, and the button that removed it, are about to go.
                focusScreenHeading();
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** A connection removed while the keychain was down: its key is still there, and this says what happens to it. */
function LeftKeyNotice({ result, onDismiss }: { result: RemoveConnectionResult; onDismiss(): void }) {
  return (
    <section className="panel keychain-notice" aria-label="Key left in the keychain">
      <p role="status">
        The connection is removed, but its key could not be removed from the system keychain, which did not answer. Talktally removes it the next time the
        keychain answers. To remove it yourself, look in the keychain for service “Talktally”, account “{result.keychainAccount}”.
      </p>
      <button type="button" onClick={onDismiss}>
        OK
      </button>
    </section>
  );
}
