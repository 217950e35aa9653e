import { useState } from 'react';
import { useApp } from '../../app/context';
import { errorMessage } from '../../lib/use-request';

/** Runs a start or cancel, then reads the syncs' status at once; a refusal from main becomes `problem`. */
export function useSyncAction(): { problem: string | null; act(action: () => Promise<unknown>): Promise<void> } {
  const { refreshSyncs } = useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
      await refreshSyncs();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  return { problem, act };
}
