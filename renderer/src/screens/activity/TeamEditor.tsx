import { useId, useMemo, useRef, useState } from 'react';
import { personId, personKeyOf, type ActivityTotals, type PersonKey, type Team } from '../../../../shared/activity';
import { ApiError, request } from '../../api';
import { useFocusFirstInvalid } from '../../lib/focus';

interface Person {
  key: PersonKey;
  name: string;
  connection: string;
  kind: ActivityTotals['kind'];
}

/** Everyone a team could hold: the people with figures now or in the period before, and the team's current members. */
export function teamCandidates(rows: readonly ActivityTotals[], team: Team | null, connectionLabel: (id: number) => string): Person[] {
  const people = new Map<string, Person>();
  for (const r of rows) {
    if (r.callsUserId === null) continue; // calls that name nobody have no one to group
    const key = personKeyOf(r);
    people.set(personId(key), { key, name: r.user, connection: r.connection, kind: r.kind });
  }
  for (const m of team?.members ?? [])
    if (!people.has(personId(m))) people.set(personId(m), { key: m, name: m.userId ?? '', connection: connectionLabel(m.connectionId), kind: 'recruiter' });
  return [...people.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'recruiter' ? -1 : 1));
}

/**
 * A team's name and members: a form of checkboxes, narrowed by a search box,
 * all keyboard. Main checks the name is free and says so beside the field.
 */
export function TeamEditor({ team, people, onSaved, onCancel }: { team: Team | null; people: readonly Person[]; onSaved(team: Team): void; onCancel(): void }) {
  const id = useId();
  const [name, setName] = useState(team?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(team?.members.map(personId)));
  const [narrow, setNarrow] = useState('');
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problem);
  const shown = useMemo(() => {
    const words = narrow.trim().toLowerCase();
    return words ? people.filter((p) => `${p.name} ${p.connection}`.toLowerCase().includes(words)) : people;
  }, [people, narrow]);

  const toggle = (key: string, on: boolean) =>
    setChosen((now) => {
      const next = new Set(now);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const members = people.filter((p) => chosen.has(personId(p.key))).map((p) => p.key);
      onSaved(await request('teams/save', { ...(team ? { id: team.id } : {}), name, members }));
    } catch (error) {
      const field = error instanceof ApiError ? (error.error.field ?? null) : null;
      setProblem({ field, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const nameProblem = problem?.field === 'name' ? problem.message : null;
  return (
    <form
      ref={form}
      className="team-editor panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={`${id}-title`}>{team ? `Edit team “${team.name}”` : 'New team'}</h3>
      <label className="field">
        Team name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          required
          autoFocus
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? `${id}-name-problem` : undefined}
        />
      </label>
      {nameProblem && (
        <p id={`${id}-name-problem`} role="alert" className="error">
          {nameProblem}
        </p>
      )}
      <fieldset className="team-members">
        <legend>
          Members <span className="muted">({chosen.size} chosen)</span>
        </legend>
        <label className="field">
          Find people
          <input type="search" value={narrow} onChange={(e) => setNarrow(e.target.value)} placeholder="Name or connection" />
        </label>
        {people.length === 0 ? (
          <p className="muted">Nobody has figures in this range or the one before: choose a longer range to find people.</p>
        ) : (
          <ul className="member-list">
            {shown.map((p) => {
              const key = personId(p.key);
              return (
                <li key={key}>
                  <label>
                    <input type="checkbox" checked={chosen.has(key)} onChange={(e) => toggle(key, e.target.checked)} /> {p.name}{' '}
                    <span className="muted">
                      ({p.connection}
                      {p.kind === 'ai_agent' ? ', AI agent' : ''})
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      {problem && problem.field !== 'name' && (
        <p role="alert" className="error">
          {problem.message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {team ? 'Save team' : 'Create team'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
