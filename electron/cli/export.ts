import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ReportRequestSchema } from '../../shared/reports';
import { isTimeZone } from '../../shared/settings';
import { reportFilePath } from '../reports/file-name';
import { dayRangeMs, lastDays, startOfDayMs } from '../reports/range';
import { lastCompletePeriod, periodReportFile, type Period } from '../reports/report-periods';
import { ReportFileError } from '../reports/workbook';
import { writeReport } from '../reports/write-report';
import { getSettings } from '../store/app-settings';
import { connectionNamed, type CliContext } from './context';
import { CliFailure, UsageError } from './errors';
import { parseDay } from './input';

type WithContext = (action: (context: CliContext) => Promise<void>) => Promise<void>;
const REPORTS = ['activity', 'calls', 'transcripts'] as const;
type ReportName = (typeof REPORTS)[number];

interface ExportOptions {
  out: string;
  from?: string;
  to?: string;
  tz?: string;
  connection?: string;
  withoutDeleted?: boolean;
  lastWeek?: boolean;
  lastMonth?: boolean;
}

/** Where to save: a named .xlsx file, or a folder (an existing one, or a path ending in a slash) to name it in. */
type Target = { file: string } | { folder: string };

/** Checks everything about the command line before the database is opened. */
function checkUsage(report: string, options: ExportOptions): { report: ReportName; target: Target; period: Period['period'] | null } {
  if (!(REPORTS as readonly string[]).includes(report)) throw new UsageError(`The report must be one of ${REPORTS.join(', ')}, not "${report}".`);
  const isFolder = /[\\/]$/.test(options.out) || (fs.existsSync(options.out) && fs.statSync(options.out).isDirectory());
  if (!isFolder && !options.out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out must name an .xlsx file or a folder, not "${options.out}".`);
  if (options.lastWeek && options.lastMonth) throw new UsageError('Choose one of --last-week and --last-month.');
  const period = options.lastWeek ? 'week' : options.lastMonth ? 'month' : null;
  if (period && (options.from || options.to)) throw new UsageError(`--last-${period} chooses the days itself: leave out --from and --to.`);
  if (options.from) parseDay(options.from, '--from');
  if (options.to) parseDay(options.to, '--to');
  if (options.from && options.to && options.from > options.to) throw new UsageError('--from must not be after --to.');
  if (options.tz && !isTimeZone(options.tz)) throw new UsageError(`--tz must be a time zone like Europe/London, not "${options.tz}".`);
  return { report: report as ReportName, target: isFolder ? { folder: path.resolve(options.out) } : { file: path.resolve(options.out) }, period };
}

/** The file in a folder: named after its period ("Talktally activity 2026-W48.xlsx"), as scheduled reports are, or after now. */
function fileFor(target: Target, report: ReportName, period: Period | null, timeZone: string): string {
  if ('file' in target) return target.file;
  return period ? periodReportFile(target.folder, report, period.key) : reportFilePath(target.folder, report, timeZone, new Set());
}

export function registerExportCommand(program: Command, withContext: WithContext): void {
  program
    .command('export <report>')
    .description('write an Excel report: activity, calls or transcripts')
    .requiredOption('--out <file.xlsx>', 'where to save it')
    .option('--from <YYYY-MM-DD>', 'first day (in the report time zone)')
    .option('--to <YYYY-MM-DD>', 'last day, included')
    .option('--tz <Area/City>', 'time zone for dates and days (default: your setting, or this computer’s)')
    .option('--connection <name>', 'only this connection')
    .option('--without-deleted', "activity: leave out calls since moved to a vendor's trash or deleted there")
    .option('--last-week', 'the previous Monday to Sunday (for cron: run it on Mondays)')
    .option('--last-month', 'the previous calendar month')
    .action((reportName: string, options: ExportOptions) => {
      const { report, target, period: periodName } = checkUsage(reportName, options);
      return withContext(async (context) => {
        const timeZone = options.tz ?? getSettings(context.db).timeZone;
        const connection = options.connection ? connectionNamed(context, options.connection) : null;
        // "Last week" in the report's zone: the same periods the app's scheduled reports write.
        const period = periodName ? lastCompletePeriod(periodName, timeZone, Date.now()) : null;
        // Activity needs a range: the last 30 days unless told. Calls and transcripts: everything unless told.
        const defaults = lastDays(30, timeZone);
        const fromDay = period?.range.fromDay ?? options.from ?? (report === 'activity' ? defaults.fromDay : null);
        const toDay = period?.range.toDay ?? options.to ?? (report === 'activity' ? defaults.toDay : null);
        const file = fileFor(target, report, period, timeZone);
        const fromMs = fromDay ? startOfDayMs(fromDay, timeZone) : null;
        const toMs = toDay ? dayRangeMs({ fromDay: toDay, toDay }, timeZone).toMs : null;
        // The request the window would send for these choices, written by the app's own writeReport:
        // the same queries and the same About sheet, filters worded by the same code.
        const parsed = ReportRequestSchema.safeParse(
          report === 'activity'
            ? {
                kind: report,
                range: { fromDay: fromDay ?? defaults.fromDay, toDay: toDay ?? defaults.toDay },
                connectionId: connection?.id,
                excludeDeleted: options.withoutDeleted === true,
              }
            : {
                kind: report,
                query: {
                  filters: {
                    ...(fromMs !== null ? { fromMs } : {}),
                    ...(toMs !== null ? { toMs } : {}),
                    ...(connection ? { connectionIds: [connection.id] } : {}),
                  },
                  sort: { column: 'startedAt', direction: 'asc' },
                },
              },
        );
        // Only the days can fail here (everything else was checked above): a lone --from or --to beyond the default 30 days.
        if (!parsed.success) throw new UsageError(`The report's days are not a range: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`);
        const request = parsed.data;
        const progress = (written: number, total: number) =>
          context.interactive && process.stderr.write(`\r\x1b[2KWriting ${written.toLocaleString()} of ${total.toLocaleString()}…`);
        let count: number;
        try {
          count = await writeReport(context.db, request, { file, timeZone, onProgress: progress });
        } catch (error) {
          if (error instanceof ReportFileError) throw new CliFailure(error.message);
          throw error;
        } finally {
          if (context.interactive) process.stderr.write('\r\x1b[2K');
        }
        context.out(`Saved the ${report} report (${count.toLocaleString()} ${report === 'activity' ? 'users and agents' : 'calls'}) to ${file}`);
      });
    });
}
