import { getConnection } from '../../store/connections';
import { deleteTeam, getTeam, listTeams, saveTeam, teamNameTaken } from '../../store/teams';
import type { Handlers } from '../dispatch';
import type { Db } from '../../store/db';
import { InvalidFieldError, notFound } from '../errors';

/** Teams: named groups of recruiters and agents, kept in the database, shown on the Activity screen. */
export interface TeamHandlerDeps {
  db: Db;
}

export function teamHandlers({ db }: TeamHandlerDeps): Pick<Handlers, 'teams/list' | 'teams/save' | 'teams/delete'> {
  return {
    'teams/list': () => listTeams(db),
    'teams/save': (team) => {
      if (team.id !== undefined && !getTeam(db, team.id)) throw notFound('That team');
      if (teamNameTaken(db, team.name, team.id))
        throw new InvalidFieldError('name', `There is already a team called “${team.name.trim()}”. Choose another name.`);
      const unknown = team.members.find((m) => !getConnection(db, m.connectionId));
      if (unknown) throw new InvalidFieldError('members', `Connection #${unknown.connectionId} no longer exists: its people cannot join a team.`);
      const id = saveTeam(db, team);
      return getTeam(db, id) ?? { id, name: team.name.trim(), members: [] };
    },
    'teams/delete': ({ teamId }) => {
      if (!deleteTeam(db, teamId)) throw notFound('That team');
      return { deleted: true as const };
    },
  };
}
