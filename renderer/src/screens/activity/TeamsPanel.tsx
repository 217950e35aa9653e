import { useState } from 'react';
import type { ActivitySummary, Team } from '../../../../shared/activity';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { useFocusReturn } from '../../lib/focus';
import { Confirm } from '../connections/Confirm';
import { teamCandidates, TeamEditor } from './TeamEditor';

/** Creates, edits and deletes teams; the Activity figures are asked again after each change. */
export function TeamsPanel({ summary, onChanged }: { summary: ActivitySummary; onChanged(): void }) {
  const { connections } = useApp();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const label = (id: number) => connections.find((c) => c.id === id)?.label ?? `connection #${id}`;
  const team = editing === 'new' ? null : editing;
  // Closing the editor or the question focuses the button that opened it.
  const { opener, returnTo } = useFocusReturn();
  const closeEditor = () => {
    setEditing(null);
    returnTo(team ? `edit-${team.id}` : 'new');
  };

  return (
    <section className="teams-panel panel" aria-label="Teams">
      <div className="toolbar">
        <h2>Teams</h2>
        {editing === null && (
          <button type="button" ref={opener('new')} onClick={() => setEditing('new')}>
            New team
          </button>
        )}
      </div>
      {summary.teams.length === 0 && editing === null && (
        <p className="muted">No teams yet. A team groups recruiters or agents: Activity then shows one row per team with its members’ figures summed.</p>
      )}
      {summary.teams.length > 0 && (
        <ul className="team-list">
          {summary.teams.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong>{' '}
              <span className="muted">
                ({t.members.length} {t.members.length === 1 ? 'member' : 'members'})
              </span>
              <button type="button" ref={opener(`edit-${t.id}`)} onClick={() => setEditing(t)} aria-label={`Edit team ${t.name}`}>
                Edit
              </button>
              <button type="button" ref={opener(`delete-${t.id}`)} onClick={() => setDeleting(t)} aria-label={`Delete team ${t.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <Confirm
          title={`Delete the team “${deleting.name}”?`}
          confirmLabel="Delete team"
          onCancel={() => {
            setDeleting(null);
            returnTo(`delete-${deleting.id}`);
          }}
          onConfirm={() => {
            request('teams/delete', { teamId: deleting.id }).then(
              () => {
                setDeleting(null);
                returnTo('new');
                onChanged();
              },
              (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
            );
          }}
        >
          Its members stay; only the group goes.
        </Confirm>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {editing !== null && (
        <TeamEditor
          key={team?.id ?? 'new'}
          team={team}
          people={teamCandidates([...summary.users, ...summary.previous.users], team, label)}
          onCancel={closeEditor}
          onSaved={() => {
            closeEditor();
            onChanged();
          }}
        />
      )}
    </section>
  );
}
