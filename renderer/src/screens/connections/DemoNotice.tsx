import { useState } from 'react';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { ErrorMessage } from '../../components/States';
import { focusScreenHeading, useFocusReturn } from '../../lib/focus';
import { Confirm } from './Confirm';
import { problemOf } from './problems';

/** Says which connections are the demo's simulated platforms, and removes them all in one go. */
export function DemoNotice({ count }: { count: number }) {
  const { reloadConnections } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { opener, returnTo } = useFocusReturn();

  const remove = async () => {
    setRemoving(true);
    setProblem(null);
    try {
      await request('demo/remove');
      setConfirming(false);
      // This notice goes with the demo data: focus goes to the top of the screen, not to the page.
      focusScreenHeading();
      await reloadConnections();
    } catch (error) {
      setProblem(problemOf(error).message);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <section className="panel demo-notice" aria-label="Demo data">
      <p>
        {count === 1 ? 'One connection is' : `${count} connections are`} <strong>demo data</strong>: simulated platforms on this computer, synced like real
        ones.
      </p>
      {confirming ? (
        <Confirm
          title="Remove the demo data?"
          confirmLabel="Remove demo data"
          busy={removing}
          onConfirm={() => void remove()}
          onCancel={() => {
            setConfirming(false);
            returnTo('remove');
          }}
        >
          The demo connections and every call, transcript and activity row synced from them will be deleted. Your own connections stay.
        </Confirm>
      ) : (
        <button type="button" ref={opener('remove')} onClick={() => setConfirming(true)}>
          Remove demo data
        </button>
      )}
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
    </section>
  );
}
