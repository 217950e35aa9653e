import type { CallListQuery } from '../../shared/calls';
import type { Db } from '../store/database';
import { getTranscript } from '../store/transcripts';
import { localTime, type ReportScope } from './about';
import { writePerCallReport, type ReportOptions } from './per-call-report';
import type { ReportColumn } from './workbook';

export const TRANSCRIPT_COLUMNS: readonly ReportColumn[] = [
  { header: 'Speaker', kind: 'text' },
  { header: 'Role', kind: 'text' },
  { header: 'Time', kind: 'duration' },
  { header: 'Text', kind: 'text' },
];

const ROLE_NAMES = { recruiter: 'Recruiter', agent: 'Agent', contact: 'Contact', unknown: '' } as const;

const minutes = (seconds: number | null) => (seconds === null ? 'unknown length' : `${Math.floor(seconds / 60)} min ${seconds % 60} s`);

/**
 * For each selected call: a header block (who, when, how long, the summary),
 * then one row per turn (speaker, time from the start, text), then a blank row.
 */
export function writeTranscriptsReport(db: Db, query: CallListQuery, scope: Omit<ReportScope, 'counted' | 'timeZone'>, options: ReportOptions): Promise<number> {
  return writePerCallReport(db, query, scope, options, {
    name: 'Transcripts',
    columns: TRANSCRIPT_COLUMNS,
    async writeCall(sheet, call) {
      const who = `${call.contactName ?? call.contactNumber ?? 'Unknown contact'} with ${call.userName ?? call.userEmail ?? 'unknown'}`;
      await sheet.addRow(['Call', who, null, `${localTime(call.startedAtMs, options.timeZone)} · ${minutes(call.talkSeconds)} · ${call.connectionLabel}`]);
      await sheet.addRow(['Summary', null, null, call.summary ?? 'No summary']);
      const transcript = getTranscript(db, call.id);
      if (!transcript || transcript.status !== 'completed') {
        await sheet.addRow([null, null, null, transcript?.status === 'processing' ? 'Transcript still being made by the vendor.' : 'No transcript.']);
      }
      for (const turn of transcript?.status === 'completed' ? transcript.utterances : []) {
        await sheet.addRow([turn.speaker, ROLE_NAMES[turn.role], turn.startMs === null ? null : turn.startMs / 1000, turn.text]);
      }
      await sheet.addRow([null, null, null, null]);
    },
  });
}
