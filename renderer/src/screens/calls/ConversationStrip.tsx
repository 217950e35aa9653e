import { CONVERSATION_METRICS, type CallConversation, type ConversationMetric } from '../../../../shared/conversation';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';

/** A run's length as the call measured it: a call timer's 1:05 when timed, else its words. */
function amount(value: number | null, basis: CallConversation['basis']): string {
  if (value === null) return '—';
  if (basis === 'timed') return formatDuration(value / 1000);
  return `${formatNumber(value)} ${value === 1 ? 'word' : 'words'}`;
}

function figures(c: CallConversation): Record<ConversationMetric, string> {
  return {
    talkShare: formatPercent(c.talkShare),
    longestMonologue: amount(c.longestMonologue, c.basis),
    questionsAsked: formatNumber(c.questionsAsked),
    contactLongestAnswer: amount(c.contactLongestAnswer, c.basis),
  };
}

/**
 * The call's four conversation figures in one strip, with what each means one
 * keyboard press away (a disclosure, not a hover-only tooltip). Says what the
 * amounts are measured in and how many turns had no side.
 */
export function ConversationStrip({ conversation, hasTurns }: { conversation: CallConversation | null; hasTurns: boolean }) {
  if (!conversation) {
    // Without turns the transcript section already says why; with turns, the platform named no side for any of them.
    return hasTurns ? (
      <section className="conversation" aria-labelledby="conversation-heading">
        <h3 id="conversation-heading">Conversation</h3>
        <p className="muted">No conversation figures: the platform did not say which turns are the recruiter's or agent's and which the contact's.</p>
      </section>
    ) : null;
  }
  const shown = figures(conversation);
  const unknown = conversation.unknownTurns;
  return (
    <section className="conversation" aria-labelledby="conversation-heading">
      <h3 id="conversation-heading">Conversation</h3>
      <dl className="conversation-figures">
        {CONVERSATION_METRICS.map((metric) => (
          <div key={metric.key}>
            <dt>{metric.label}</dt>
            <dd data-metric={metric.key}>{shown[metric.key]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted conversation-basis" data-testid="conversation-basis">
        {conversation.basis === 'timed' ? 'Measured in speaking time.' : 'Measured in words: the platform gives this transcript without times.'}
        {unknown > 0 ? ` ${formatNumber(unknown)} ${unknown === 1 ? 'turn' : 'turns'} with an unknown speaker counted for neither side.` : ''}
      </p>
      <details className="conversation-definitions">
        <summary>What these figures mean</summary>
        <dl>
          {CONVERSATION_METRICS.map((metric) => (
            <div key={metric.key}>
              <dt>{metric.label}</dt>
              <dd>{metric.definition}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
