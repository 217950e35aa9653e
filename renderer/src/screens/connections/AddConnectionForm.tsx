import type { ConnectionSummary } from '../../../../shared/connections';

/** Placeholder until the Connections screen is built: the form to add one connection. */
export function AddConnectionForm(props: { onAdded(connection: ConnectionSummary): void; onCancel?: () => void }) {
  void props;
  return <p>Adding connections arrives with the Connections screen.</p>;
}
