import { DIRECTION_WORDS, HANDLER_WORDS, SPEAKER_ROLE_WORDS, STATUS_WORDS } from '../../shared/call-words';
import type { CallListQuery, CallRow } from '../../shared/calls';
import type { Transcript, Utterance } from '../../shared/transcripts';
import { getCall } from '../store/calls';
import type { Db } from '../store/db';
import { getTranscript } from '../store/transcripts';
import type { ReportScope } from './about';
import { writePerCallReport, type ReportOptions } from './per-call-report';
import type { InfoLine, ReportColumn, ReportWorkbook } from './workbook';

/**
 * One column set that reads two ways: a call's heading row (when it started,
 * the contact, who took it and how it went, its talk time), then its turns
 * (time from the start, speaker, what was said). Widths are fixed, so the
 * text column is wide enough to read and the four print on one page's width.
 */
export const TRANSCRIPT_COLUMNS: readonly ReportColumn[] = [
  { header: 'Started / time', kind: 'duration', width: 17, alignLeft: true },
  { header: 'Contact / speaker', kind: 'text', width: 24, wrap: true },
  { header: 'Call / what was said', kind: 'text', width: 100, wrap: true },
  { header: 'Talk time', kind: 'duration', width: 11 },
];

/** The heading row's kinds: a date where the turns have a time offset. */
const HEADING_KINDS = ['dateTime', 'text', 'text', 'duration'] as const;

export const NO_TRANSCRIPT_SHEET = 'No transcript';

export const NO_TRANSCRIPT_COLUMNS: readonly ReportColumn[] = [
  { header: 'Started', kind: 'dateTime' },
  { header: 'Contact', kind: 'text' },
  { header: 'Recruiter / agent', kind: 'text' },
  { header: 'Handled by', kind: 'text' },
  { header: 'Connection', kind: 'text' },
  { header: 'Direction', kind: 'text' },
  { header: 'Outcome', kind: 'text' },
  { header: 'Talk time', kind: 'duration' },
  { header: 'Why', kind: 'text' },
];

const ABOUT: readonly InfoLine[] = [
  [
    'Calls without a transcript',
    `Not in the blocks on the Transcripts sheet: each is listed on the sheet "${NO_TRANSCRIPT_SHEET}", with why (none at the vendor, or still being made).`,
  ],
];

/** What a call without usable turns lacks, in words. */
function missingReason(transcript: Transcript | null): string {
  if (transcript?.status === 'processing') return 'Still being made by the vendor';
  if (transcript?.status === 'error') return 'The vendor could not make one';
  if (transcript?.status === 'completed') return 'The transcript has no words';
  return 'No transcript';
}

const contactOf = (c: CallRow): string => c.contactName ?? c.contactNumber ?? 'Unknown contact';
const handlerOf = (c: CallRow): string => c.userName ?? c.userEmail ?? c.userId ?? 'unknown';

/** The heading's middle cell: who took the call, where, and how it went, in the app's words. */
function callFacts(c: CallRow): string {
  return `${HANDLER_WORDS[c.handlerKind]}: ${handlerOf(c)} · ${c.connectionLabel} · ${DIRECTION_WORDS[c.direction]} · ${STATUS_WORDS[c.status]}`;
}

function speakerOf(turn: Utterance): string {
  const role = SPEAKER_ROLE_WORDS[turn.role];
  return turn.role === 'unknown' || turn.speaker.toLowerCase() === role.toLowerCase() ? turn.speaker : `${turn.speaker} (${role})`;
}

/**
 * For each selected call with a transcript, one block: a bold heading row of
 * its facts, its summary, a row per turn, then an empty row. Calls without one
 * are listed on their own sheet, so none is silently dropped.
 */
export function writeTranscriptsReport(
  db: Db,
  query: CallListQuery,
  scope: Omit<ReportScope, 'counted' | 'timeZone'>,
  options: ReportOptions,
): Promise<number> {
  // Ids only: a million calls without a transcript are 8 MB here, and are read again for their sheet.
  const missing: { id: number; reason: string }[] = [];
  return writePerCallReport(db, query, scope, options, {
    name: 'Transcripts',
    columns: TRANSCRIPT_COLUMNS,
    about: ABOUT,
    async writeCall(sheet, call) {
      const transcript = getTranscript(db, call.id);
      if (transcript?.status !== 'completed' || transcript.utterances.length === 0) {
        missing.push({ id: call.id, reason: missingReason(transcript) });
        return;
      }
      await sheet.addRow([call.startedAtMs, contactOf(call), callFacts(call), call.talkSeconds], { look: 'heading', kinds: HEADING_KINDS });
      if (call.summary) await sheet.addRow([null, 'Summary', call.summary, null]);
      for (const turn of transcript.utterances) {
        await sheet.addRow([turn.startMs === null ? null : turn.startMs / 1000, speakerOf(turn), turn.text, null]);
      }
      await sheet.addRow([null, null, null, null]);
    },
    async finish(book: ReportWorkbook) {
      const sheet = book.addSheet(NO_TRANSCRIPT_SHEET, NO_TRANSCRIPT_COLUMNS);
      for (const { id, reason } of missing) {
        const c = getCall(db, id);
        if (!c) continue; // deleted by a sync since: it is not in the report's selection any more
        await sheet.addRow([
          c.startedAtMs,
          contactOf(c),
          handlerOf(c),
          HANDLER_WORDS[c.handlerKind],
          c.connectionLabel,
          DIRECTION_WORDS[c.direction],
          STATUS_WORDS[c.status],
          c.talkSeconds,
          reason,
        ]);
      }
    },
  });
}
