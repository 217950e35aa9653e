import { Fragment, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Utterance } from '../../../../shared/transcripts';
import { VENDOR_NAMES } from '../../../../shared/vendors';
import { ErrorMessage, Loading } from '../../components/States';
import { ZonedTime } from '../../components/ZonedTime';
import { formatDuration } from '../../lib/format';
import { useRequest } from '../../lib/use-request';
import { DIRECTION_WORDS, HANDLER_WORDS, SPEAKER_ROLE_WORDS, STATUS_WORDS } from '../../../../shared/call-words';
import { ConversationStrip } from './ConversationStrip';
import { findAll, offsetLabel } from './find-in-text';

/** The transcript as plain text for the clipboard: one line per turn. */
function asText(utterances: readonly Utterance[]): string {
  return utterances.map((u) => `${u.startMs === null ? '' : `[${offsetLabel(u.startMs)}] `}${SPEAKER_ROLE_WORDS[u.role]} (${u.speaker}): ${u.text}`).join('\n');
}

/** What the calls screen asks of an open reader. */
export interface ReaderHandle {
  /**
   * Ctrl+F: focus the find box, with this phrase in it and found, when given
   * (the table's search). False when the call has no transcript to find in.
   */
  find(phrase: string): boolean;
}

interface Props {
  callId: number;
  onClose(): void;
  ref?: React.Ref<ReaderHandle>;
}

/**
 * One call, read offline: its facts and summary, its conversation figures,
 * then the turns labelled by side with their times. Find (Enter / Shift+Enter for next / previous)
 * highlights every match; Copy puts the whole transcript on the clipboard.
 */
export function TranscriptReader({ callId, onClose, ref }: Props) {
  const detail = useRequest('calls/get', { callId });
  const [phrase, setPhrase] = useState('');
  const [current, setCurrent] = useState(0);
  const [copied, setCopied] = useState<string | null>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLOListElement>(null);

  const utterances = useMemo(() => (detail.data?.transcript?.status === 'completed' ? detail.data.transcript.utterances : []), [detail.data]);
  // Every match in reading order: which turn, where in it.
  const matches = useMemo(() => utterances.flatMap((u, turn) => findAll(u.text, phrase).map(([start, end]) => ({ turn, start, end }))), [utterances, phrase]);
  const at = matches.length ? ((current % matches.length) + matches.length) % matches.length : -1;

  useEffect(() => {
    body.current?.querySelector('mark.current')?.scrollIntoView({ block: 'center' });
  }, [at, matches]);

  useImperativeHandle(
    ref,
    () => ({
      find(wanted: string) {
        const input = findInput.current;
        if (!input || input.disabled) return false;
        // Rendered at once, so the selection below covers the new phrase and typing replaces it.
        if (wanted)
          flushSync(() => {
            setPhrase(wanted);
            setCurrent(0);
          });
        input.focus();
        input.select();
        return true;
      },
    }),
    [],
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asText(utterances));
      setCopied('Copied');
    } catch {
      setCopied('Could not copy: the system refused the clipboard.');
    }
  };

  const call = detail.data?.call;
  return (
    <>
      <header className="reader-head">
        <h2>{call ? (call.contactName ?? call.contactNumber ?? 'Unknown contact') : 'Call'}</h2>
        <button type="button" onClick={onClose} aria-label="Close transcript (Esc)" title="Close (Esc)">
          ✕
        </button>
      </header>
      {detail.loading && !detail.data && <Loading what="the call" />}
      {detail.error && <ErrorMessage onRetry={detail.reload}>{detail.error}</ErrorMessage>}
      {call && (
        <>
          <dl className="facts">
            <dt>When</dt>
            <dd>
              <ZonedTime ms={call.startedAtMs} />
            </dd>
            <dt>Direction</dt>
            <dd>{DIRECTION_WORDS[call.direction]}</dd>
            <dt>Outcome</dt>
            <dd>
              {STATUS_WORDS[call.status]}
              {call.vendorStatus ? <span className="muted"> ({call.vendorStatus})</span> : null}
            </dd>
            <dt>Talk time</dt>
            <dd>{formatDuration(call.talkSeconds) || '—'}</dd>
            <dt>{HANDLER_WORDS[call.handlerKind]}</dt>
            <dd>{call.userName ?? call.userEmail ?? call.userId ?? '—'}</dd>
            <dt>Number</dt>
            <dd>{call.contactNumber ?? '—'}</dd>
            <dt>Connection</dt>
            <dd>
              {call.connectionLabel} <span className="muted">({VENDOR_NAMES[call.vendor]})</span>
            </dd>
            {call.deletedAtMs !== null && (
              <>
                <dt>Deleted</dt>
                <dd>
                  at the vendor, <ZonedTime ms={call.deletedAtMs} />
                </dd>
              </>
            )}
            {/* What the voice-AI agent picked up, under the names its account gave the fields. */}
            {detail.data?.extractedFields.map((field, i) => (
              <Fragment key={`${i}-${field.name}`}>
                <dt>{field.name}</dt>
                <dd>{field.value}</dd>
              </Fragment>
            ))}
          </dl>
          <section>
            <h3>Summary</h3>
            <p className="summary">{call.summary ?? <span className="muted">No summary for this call.</span>}</p>
          </section>
          <ConversationStrip conversation={detail.data?.conversation ?? null} hasTurns={utterances.length > 0} />
          <section className="reader-transcript">
            <div className="toolbar find">
              <input
                ref={findInput}
                type="search"
                placeholder="Find in transcript  (Ctrl+F)"
                aria-label="Find in transcript"
                value={phrase}
                disabled={!utterances.length}
                onChange={(e) => {
                  setPhrase(e.target.value);
                  setCurrent(0);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    setCurrent((c) => c + (e.shiftKey ? -1 : 1));
                  }
                }}
              />
              <span className="muted" aria-live="polite" data-testid="find-count">
                {phrase.trim() ? (matches.length ? `${at + 1} of ${matches.length}` : 'No matches') : ''}
              </span>
              <button type="button" onClick={() => setCurrent((c) => c - 1)} disabled={!matches.length} aria-label="Previous match">
                ↑
              </button>
              <button type="button" onClick={() => setCurrent((c) => c + 1)} disabled={!matches.length} aria-label="Next match">
                ↓
              </button>
              <button type="button" onClick={() => void copy()} disabled={!utterances.length}>
                Copy
              </button>
              {copied && <span role="status">{copied}</span>}
            </div>
            <TranscriptBody detail={detail.data} utterances={utterances} matches={matches} at={at} listRef={body} />
          </section>
        </>
      )}
    </>
  );
}

function TranscriptBody({
  detail,
  utterances,
  matches,
  at,
  listRef,
}: {
  detail: ReturnType<typeof useRequest<'calls/get'>>['data'];
  utterances: readonly Utterance[];
  matches: { turn: number; start: number; end: number }[];
  at: number;
  listRef: React.RefObject<HTMLOListElement | null>;
}) {
  const transcript = detail?.transcript;
  if (!transcript) return <p className="muted">No transcript for this call.</p>;
  if (transcript.status === 'processing') return <p className="muted">The platform is still making this transcript; it will arrive with a later sync.</p>;
  if (transcript.status === 'error')
    return <p className="muted">The platform could not transcribe this call{transcript.error ? `: ${transcript.error}` : '.'}</p>;
  if (!utterances.length) return <p className="muted">The transcript is empty.</p>;
  return (
    <ol className="turns" ref={listRef}>
      {utterances.map((u, turn) => {
        const here = matches.map((m, i) => ({ ...m, i })).filter((m) => m.turn === turn);
        return (
          <li key={turn} className={`turn role-${u.role}`}>
            <div className="turn-meta">
              <strong>{SPEAKER_ROLE_WORDS[u.role]}</strong>
              <span className="muted">{u.speaker}</span>
              <time className="muted">{offsetLabel(u.startMs)}</time>
            </div>
            <p>
              {here.length
                ? here.map((m, k) => (
                    <Fragment key={m.i}>
                      {u.text.slice(k === 0 ? 0 : (here[k - 1]?.end ?? 0), m.start)}
                      <mark className={m.i === at ? 'current' : undefined}>{u.text.slice(m.start, m.end)}</mark>
                      {k === here.length - 1 ? u.text.slice(m.end) : null}
                    </Fragment>
                  ))
                : u.text}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
