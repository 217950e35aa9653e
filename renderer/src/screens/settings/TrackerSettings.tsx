import { useId, useRef, useState, type FormEvent } from 'react';
import { TRACKER_LIMITS, splitPhrases, trackerProblem, type Tracker } from '../../../../shared/trackers';
import { request } from '../../api';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { useFocusFirstInvalid, useFocusReturn } from '../../lib/focus';
import { useRequest } from '../../lib/use-request';
import { formMessage, messageFor, problemOf, type Problem } from '../connections/problems';

interface Draft {
  /** Absent: a new tracker. */
  id?: number;
  name: string;
  phrases: string;
}

const EMPTY: Draft = { name: '', phrases: '' };
const FIELDS = ['name', 'phrases'];

/**
 * Trackers: named lists of words and phrases followed across every call's
 * transcript ("Compensation: salary, pay, rate"). The Calls screen filters by
 * them; Activity counts them per person. Saving works out which calls say
 * them, which takes a moment on a large database: the form says so meanwhile.
 */
export function TrackerSettings() {
  const trackers = useRequest('trackers/list', undefined);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removeProblem, setRemoveProblem] = useState<string | null>(null);
  const formId = useId();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problem);
  // Leaving the form or the question focuses the button that opened it ("Add tracker", or the tracker's Edit or Remove).
  const { opener, returnTo } = useFocusReturn();
  const openerOf = (d: Draft) => (d.id === undefined ? 'add' : `edit-${d.id}`);

  const edit = (next: Draft | null) => {
    setDraft(next);
    setProblem(null);
    setNotice(null);
  };
  const closeForm = () => {
    if (draft) returnTo(openerOf(draft));
    edit(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const input = { name: draft.name, phrases: splitPhrases(draft.phrases) };
    const found = trackerProblem(input);
    if (found) return setProblem(found);
    setSaving(true);
    try {
      const saved = await request('trackers/save', draft.id === undefined ? input : { ...input, id: draft.id });
      closeForm();
      setNotice(`Saved "${saved.name}". The Calls screen can now filter by it.`);
      trackers.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (tracker: Tracker) => {
    setRemoveProblem(null);
    try {
      await request('trackers/remove', { id: tracker.id });
      setConfirming(null);
      setNotice(`Removed "${tracker.name}".`);
      if (draft?.id === tracker.id) edit(null);
      // Its row goes: "Add tracker" is the nearest thing left to carry on from.
      returnTo('add');
      trackers.reload();
    } catch (error) {
      setRemoveProblem(problemOf(error).message);
    }
  };

  const nameError = messageFor(problem, 'name');
  const phrasesError = messageFor(problem, 'phrases');
  const list = trackers.data;

  return (
    <div className="trackers">
      <p className="muted setting-help-wide">
        A tracker follows words and phrases in every transcript, whatever their case or accents, and notes who said them: your side (a recruiter or AI agent) or
        the contact.
      </p>
      {trackers.error && <ErrorMessage onRetry={trackers.reload}>Could not load the trackers: {trackers.error}</ErrorMessage>}
      {!list && !trackers.error && <Loading what="trackers" />}
      {list && list.length === 0 && !draft && (
        <Empty title="No trackers yet">Add one to follow topics such as pay or the right to work across your calls.</Empty>
      )}
      {list && list.length > 0 && (
        <ul className="tracker-list" aria-label="Trackers">
          {list.map((tracker) => (
            <li key={tracker.id}>
              <div className="tracker-text">
                <strong>{tracker.name}</strong>
                <span className="muted">{tracker.phrases.join(', ')}</span>
              </div>
              {confirming === tracker.id ? (
                <span className="tracker-actions" role="group" aria-label={`Remove ${tracker.name}?`}>
                  <span>Remove “{tracker.name}”?</span>
                  <button type="button" className="danger" onClick={() => void remove(tracker)} autoFocus>
                    Remove
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setConfirming(null);
                      returnTo(`remove-${tracker.id}`);
                    }}
                  >
                    Keep
                  </button>
                </span>
              ) : (
                <span className="tracker-actions">
                  <button
                    type="button"
                    ref={opener(`edit-${tracker.id}`)}
                    aria-label={`Edit ${tracker.name}`}
                    onClick={() => edit({ id: tracker.id, name: tracker.name, phrases: tracker.phrases.join(', ') })}
                    disabled={saving}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    ref={opener(`remove-${tracker.id}`)}
                    aria-label={`Remove ${tracker.name}`}
                    onClick={() => setConfirming(tracker.id)}
                    disabled={saving}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeProblem && <ErrorMessage>{removeProblem}</ErrorMessage>}
      {notice && !draft && <p role="status">{notice}</p>}
      {draft ? (
        <form
          ref={form}
          className="tracker-form"
          onSubmit={(e) => void save(e)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !saving) closeForm();
          }}
          aria-labelledby={`${formId}-title`}
          noValidate
        >
          <h3 id={`${formId}-title`}>{draft.id === undefined ? 'New tracker' : `Edit “${list?.find((t) => t.id === draft.id)?.name ?? draft.name}”`}</h3>
          <label htmlFor={`${formId}-name`}>Name</label>
          <input
            id={`${formId}-name`}
            value={draft.name}
            maxLength={TRACKER_LIMITS.nameLength * 2}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${formId}-name-error` : undefined}
            placeholder="Compensation"
            autoFocus
          />
          {nameError && (
            <span id={`${formId}-name-error`} role="alert" className="field-error">
              {nameError}
            </span>
          )}
          <label htmlFor={`${formId}-phrases`}>Words and phrases</label>
          <textarea
            id={`${formId}-phrases`}
            value={draft.phrases}
            rows={3}
            onChange={(e) => setDraft({ ...draft, phrases: e.target.value })}
            aria-invalid={phrasesError ? true : undefined}
            aria-describedby={`${formId}-phrases-help${phrasesError ? ` ${formId}-phrases-error` : ''}`}
            placeholder="salary, pay, rate"
          />
          <small id={`${formId}-phrases-help`} className="muted">
            Separate them with commas or new lines. A phrase of several words (“right to work”) is found only with its words in that order.
          </small>
          {phrasesError && (
            <span id={`${formId}-phrases-error`} role="alert" className="field-error">
              {phrasesError}
            </span>
          )}
          {formMessage(problem, FIELDS) && <ErrorMessage>{formMessage(problem, FIELDS)}</ErrorMessage>}
          <div className="tracker-form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save tracker'}
            </button>
            <button type="button" onClick={closeForm} disabled={saving}>
              Cancel
            </button>
            {saving && (
              <span role="status" aria-live="polite" className="muted">
                Finding the calls that mention it…
              </span>
            )}
          </div>
        </form>
      ) : (
        <button type="button" ref={opener('add')} onClick={() => edit(EMPTY)}>
          Add tracker
        </button>
      )}
    </div>
  );
}
