import type { Command } from 'commander';
import { transcriptBacklogTime, transcriptBacklogWords, updatedCalls, type SyncProgress, type SyncRun } from '../../shared/sync';
import { VENDOR_NAMES, type Vendor } from '../../shared/vendors';
import { countPendingTranscripts } from '../store/transcripts';
import { listConnections } from '../store/connections';
import { CLI_SYNCER, runSync, wasBusy } from '../sync/runner';
import { apiKeyFor, connectionNamed, type CliContext } from './context';
import { CliFailure, UsageError } from './errors';
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

/** `--wait 30`: minutes, fractions allowed (`--wait 0.5`), at most a day. */
function parseWait(value: string): number {
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || minutes < 0.1 || minutes > 1_440)
    throw new UsageError(`--wait must be a number of minutes from 0.1 to 1440, not "${value}".`);
  return Math.round(minutes * 60_000);
}

function describeRun(label: string, run: SyncRun): string {
  if (wasBusy(run)) return `${label}: not synced. ${run.errorMessage ?? ''}`;
  const updated = updatedCalls(run);
  const calls = updated === null ? `${run.callsWritten} calls new or changed` : `${run.callsNew} new calls, ${updated} updated`;
  const counts = `${calls}, ${run.transcriptsWritten} transcripts, ${run.activityRowsWritten} activity rows new or changed`;
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
    // Stopping at once is the default: the other sync is already fetching this connection's data, and a
    // sync can last hours (a transcript backlog at 60 an hour), so any default wait would either end too
    // soon to help or hang a scheduled job unseen. A script that needs its own sync after the other asks to wait.
    .option(
      '--wait <minutes>',
      'if another Talktally (the app, or another talktally) is syncing a connection, wait up to this long for it to finish, then sync (default: skip that connection and exit 1)',
    )
    .option('--json', 'print one JSON summary')
    .action((options: { connection?: string; since?: string; reconcile?: boolean; wait?: string; json?: boolean }) => {
      // Checked before the database is opened: bad usage changes nothing.
      const sinceMs = options.since === undefined ? undefined : parseDay(options.since, '--since');
      const waitMs = options.wait === undefined ? 0 : parseWait(options.wait);
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
            const request = {
              connection,
              apiKey: await apiKeyFor(context, connection),
              reconcile: options.reconcile === true,
              who: CLI_SYNCER,
              waitForLockMs: waitMs,
              ...(sinceMs === undefined ? {} : { sinceMs }),
            };
            const run = await runSync(
              context.db,
              request,
              (p) => context.interactive && !options.json && process.stderr.write(`\r\x1b[2K${describeProgress(label, connection.vendor, p)}`),
              controller.signal,
              context.note,
              (sentence) => !options.json && context.note(sentence),
            );
            if (context.interactive && !options.json) process.stderr.write('\r\x1b[2K');
            const transcriptsPending = countPendingTranscripts(context.db, connection.id);
            runs.push({ connection: connection.label, vendor: connection.vendor, run, transcriptsPending });
            if (!options.json) context.out(describeRun(label, run));
            const backlog = transcriptBacklogWords(connection.vendor, transcriptsPending);
            if (backlog && !options.json && !wasBusy(run)) context.out(`  ${backlog}: the next syncs fetch them, newest first.`);
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
