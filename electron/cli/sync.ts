import type { Command } from 'commander';
import { transcriptBacklogTime, transcriptBacklogWords, type SyncProgress, type SyncRun } from '../../shared/sync';
import { VENDOR_NAMES, type Vendor } from '../../shared/vendors';
import { countPendingTranscripts } from '../store/transcripts';
import { listConnections } from '../store/connections';
import { syncConnection } from '../sync/engine';
import { connectionNamed, connectorFor, type CliContext } from './context';
import { CliFailure } from './errors';
import { parseDay } from './input';

type WithContext = (action: (context: CliContext) => Promise<void>) => Promise<void>;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One line about where a sync is: redrawn in place on a terminal. */
function describeProgress(label: string, vendor: Vendor, p: SyncProgress): string {
  const where = p.window ? ` ${day(p.window.fromMs)}…${day(p.window.toMs - 1)} (${p.window.index}/${p.window.count})` : '';
  const left = transcriptBacklogTime(vendor, p.transcriptsPending - p.transcriptsDone);
  const transcripts = p.stream === 'transcripts' ? ` ${p.transcriptsDone}/${p.transcriptsPending}${left ? ` (${left} left)` : ''}` : '';
  return `${label}: ${p.stream}${where}${transcripts}, ${p.records} records, ${p.warnings} warnings`;
}

function describeRun(label: string, run: SyncRun): string {
  const counts = `${run.callsWritten} calls, ${run.transcriptsWritten} transcripts, ${run.activityRowsWritten} activity rows new or changed`;
  const checked = run.reconcile ? ` Every stored call was checked again: ${run.callsGone} no longer at the vendor (their personal data removed).` : '';
  const warnings = run.warningCount ? `, ${run.warningCount} records skipped (see the sync history)` : '';
  return `${label}: ${run.status}. ${counts}${warnings}.${checked}${run.errorMessage ? ` ${run.errorMessage}` : ''}`;
}

export function registerSyncCommand(program: Command, withContext: WithContext): void {
  program
    .command('sync')
    .description('sync every connection (or one) from its last checkpoint')
    .option('--connection <name>', 'only this connection')
    .option('--since <YYYY-MM-DD>', 'read from this day, whatever was synced before')
    .option('--reconcile', "re-read each connection's whole synced range: finds calls deleted, purged, moved to the trash or restored at the vendor")
    .option('--json', 'print one JSON summary')
    .action((options: { connection?: string; since?: string; reconcile?: boolean; json?: boolean }) => {
      // Checked before the database is opened: bad usage changes nothing.
      const sinceMs = options.since === undefined ? undefined : parseDay(options.since, '--since');
      return withContext(async (context) => {
        const connections = options.connection ? [connectionNamed(context, options.connection)] : listConnections(context.db);
        if (!connections.length) throw new CliFailure('No connections to sync. Add one with: talktally connections add');

        // Ctrl+C stops at the next page; what was read is kept and the next sync carries on.
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        const runs: { connection: string; vendor: string; run: SyncRun; transcriptsPending: number }[] = [];
        try {
          for (const connection of connections) {
            if (controller.signal.aborted) break;
            const label = `${connection.label} (${VENDOR_NAMES[connection.vendor]})`;
            const connector = await connectorFor(context, connection, controller.signal);
            const run = await syncConnection({
              db: context.db,
              connection,
              connector,
              sinceMs,
              reconcile: options.reconcile === true,
              signal: controller.signal,
              onProgress: (p) => context.interactive && !options.json && process.stderr.write(`\r\x1b[2K${describeProgress(label, connection.vendor, p)}`),
              log: context.note,
            });
            if (context.interactive && !options.json) process.stderr.write('\r\x1b[2K');
            const transcriptsPending = countPendingTranscripts(context.db, connection.id);
            runs.push({ connection: connection.label, vendor: connection.vendor, run, transcriptsPending });
            if (!options.json) context.out(describeRun(label, run));
            const backlog = transcriptBacklogWords(connection.vendor, transcriptsPending);
            if (backlog && !options.json) context.out(`  ${backlog}: the next syncs fetch them, newest first.`);
          }
        } finally {
          process.off('SIGINT', stop);
        }
        const failed = runs.filter((r) => r.run.status === 'failed' || r.run.status === 'cancelled');
        if (options.json) context.out(JSON.stringify({ ok: failed.length === 0, runs }, null, 2));
        if (failed.length) throw new CliFailure(`${failed.length} of ${runs.length} connection(s) did not finish syncing.`);
      });
    });
}
