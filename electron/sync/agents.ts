import { keepAgentListing } from '../store/agent-names';
import { isVendorRequestError } from '../vendors/http/errors';
import { stopIfCancelled, type SyncContext } from './context';

/**
 * Keeps the connection's agent list (names by agent id) for vendors that have
 * one. The calls read has usually listed the agents already, so this costs no
 * request. Names are a nicety: a list that cannot be read is recorded with its
 * reason and never fails the run; a cancel still stops it.
 */
export async function syncAgentNames(context: SyncContext): Promise<void> {
  const { connector, db, connection, nowMs } = context;
  if (!connector.listAgents) return;
  stopIfCancelled(context);
  try {
    keepAgentListing(db, connection.id, await connector.listAgents(), nowMs);
  } catch (error) {
    stopIfCancelled(context);
    if (!isVendorRequestError(error)) throw error;
    keepAgentListing(db, connection.id, { state: 'failed', message: error.message }, nowMs);
  }
}
