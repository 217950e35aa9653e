import type { PersonKey, Team } from '../../shared/activity';
import type { Db } from './db';
import { prepared } from './statements';

/** Every team with its members, by name. */
export function listTeams(db: Db): Team[] {
  const teams = prepared<[], { id: number; name: string }>(db, `SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id`).all();
  const members = prepared<[], { teamId: number; connectionId: number; userId: string }>(
    db,
    `SELECT team_id AS teamId, connection_id AS connectionId, user_id AS userId FROM team_members ORDER BY team_id, connection_id, user_id`,
  ).all();
  return teams.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id).map(({ connectionId, userId }) => ({ connectionId, userId })) }));
}

export function getTeam(db: Db, id: number): Team | null {
  return listTeams(db).find((t) => t.id === id) ?? null;
}

export const teamNameTaken = (db: Db, name: string, exceptId?: number): boolean =>
  prepared<[string, number], number>(db, `SELECT count(*) FROM teams WHERE name = ? COLLATE NOCASE AND id <> ?`)
    .pluck()
    .get(name.trim(), exceptId ?? 0) !== 0;

/**
 * Creates a team, or renames one and replaces its members, in one
 * transaction. Members must have a user id: calls that name nobody have no one to group.
 */
export function saveTeam(db: Db, team: { id?: number; name: string; members: readonly PersonKey[] }, nowMs = Date.now()): number {
  return db.transaction(() => {
    const name = team.name.trim();
    let id = team.id;
    if (id === undefined) id = Number(prepared(db, `INSERT INTO teams (name, created_at_ms) VALUES (?, ?)`).run(name, nowMs).lastInsertRowid);
    else prepared(db, `UPDATE teams SET name = ? WHERE id = ?`).run(name, id);
    prepared(db, `DELETE FROM team_members WHERE team_id = ?`).run(id);
    const add = prepared(db, `INSERT OR IGNORE INTO team_members (team_id, connection_id, user_id) VALUES (?, ?, ?)`);
    for (const m of team.members) if (m.userId !== null) add.run(id, m.connectionId, m.userId);
    return id;
  })();
}

export function deleteTeam(db: Db, id: number): boolean {
  return prepared(db, `DELETE FROM teams WHERE id = ?`).run(id).changes > 0;
}
