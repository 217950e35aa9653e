import path from 'node:path';
import type { Command } from 'commander';
import { CallListRequestSchema } from '../../shared/calls';
import { isTimeZone } from '../../shared/settings';
import { writeActivityReport } from '../reports/activity-report';
import { writeCallsReport } from '../reports/calls-report';
import { writeTranscriptsReport } from '../reports/transcripts-report';
import { activityQuery, dayRangeMs, lastDays, startOfDayMs } from '../reports/range';
import { ReportFileError } from '../reports/workbook';
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
}

/** Checks everything about the command line before the database is opened. */
function checkUsage(report: string, options: ExportOptions): { report: ReportName; file: string } {
  if (!(REPORTS as readonly string[]).includes(report)) throw new UsageError(`The report must be one of ${REPORTS.join(', ')}, not "${report}".`);
  if (!options.out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out must name an .xlsx file, not "${options.out}".`);
  if (options.from) parseDay(options.from, '--from');
  if (options.to) parseDay(options.to, '--to');
  if (options.from && options.to && options.from > options.to) throw new UsageError('--from must not be after --to.');
  if (options.tz && !isTimeZone(options.tz)) throw new UsageError(`--tz must be a time zone like Europe/London, not "${options.tz}".`);
  return { report: report as ReportName, file: path.resolve(options.out) };
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
    .action((reportName: string, options: ExportOptions) => {
      const { report, file } = checkUsage(reportName, options);
      return withContext(async (context) => {
        const timeZone = options.tz ?? getSettings(context.db).timeZone;
        const connection = options.connection ? connectionNamed(context, options.connection) : null;
        // Activity needs a range: the last 30 days unless told. Calls and transcripts: everything unless told.
        const defaults = lastDays(30, timeZone);
        const fromDay = options.from ?? (report === 'activity' ? defaults.fromDay : null);
        const toDay = options.to ?? (report === 'activity' ? defaults.toDay : null);
        const fromMs = fromDay ? startOfDayMs(fromDay, timeZone) : null;
        const toMs = toDay ? dayRangeMs({ fromDay: toDay, toDay }, timeZone).toMs : null;
        const filters = connection ? [`Connection: ${connection.label}`] : [];
        const scope = { title: `${report[0]?.toUpperCase()}${report.slice(1)} report`, fromMs, toMs, filters };
        const progress = (written: number, total: number) => context.interactive && process.stderr.write(`\r\x1b[2KWriting ${written.toLocaleString()} of ${total.toLocaleString()}…`);
        const reportOptions = { file, timeZone, onProgress: progress };
        const query = CallListRequestSchema.parse({
          filters: { ...(fromMs !== null ? { fromMs } : {}), ...(toMs !== null ? { toMs } : {}), ...(connection ? { connectionIds: [connection.id] } : {}) },
          sort: { column: 'startedAt', direction: 'asc' },
        });
        let count: number;
        try {
          if (report === 'activity') {
            const range = { fromDay: fromDay ?? defaults.fromDay, toDay: toDay ?? defaults.toDay };
            count = await writeActivityReport(context.db, activityQuery(range, timeZone, connection?.id, options.withoutDeleted === true), scope, reportOptions);
          } else {
            count = await (report === 'calls' ? writeCallsReport : writeTranscriptsReport)(context.db, query, scope, reportOptions);
          }
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
