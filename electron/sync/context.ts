import type { Connection } from '../../shared/connections';
import type { SyncProgress } from '../../shared/sync';
import type { Db } from '../store/db';
import type { Connector } from '../vendors/connector';

/** Everything one run of one connection's sync shares. */
export interface SyncContext {
  db: Db;
  connection: Connection;
  connector: Connector;
  runId: number;
  /** The run's "now": fixed at its start, so every stream reads up to the same instant. */
  nowMs: number;
  signal: AbortSignal | undefined;
  progress: SyncProgress;
  report(): void;
}

/** Thrown between steps once the user cancels; everything written so far stays. */
export class SyncCancelled extends Error {
  override name = 'SyncCancelled';
  constructor() {
    super('Sync cancelled. What was read so far is saved; the next sync carries on from there.');
  }
}

export function stopIfCancelled(context: Pick<SyncContext, 'signal'>): void {
  if (context.signal?.aborted) throw new SyncCancelled();
}
