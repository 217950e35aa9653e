import { activityTotalsRow } from '../../../shared/activity';
import { activityPeople } from '../../reports/activity-people';
import { activityQuery, previousPeriod } from '../../reports/range';
import { activityByDay, activityTotals } from '../../store/activity-totals';
import { getSettings } from '../../store/app-settings';
import type { Db } from '../../store/db';
import { listTeams } from '../../store/teams';
import { listTrackers } from '../../store/trackers';
import type { Handlers } from '../dispatch';

export interface ActivityHandlerDeps {
  db: Db;
}

/** The Activity screen: each person's figures for a range, the period before for comparison, and the charts' days. */
export function activityHandlers({ db }: ActivityHandlerDeps): Pick<Handlers, 'activity/summary'> {
  return {
    'activity/summary': ({ range, connectionId, excludeDeleted }) => {
      const { timeZone } = getSettings(db);
      const query = activityQuery(range, timeZone, connectionId, excludeDeleted);
      const users = activityPeople(db, query);
      // The period just before, of the same length, for each figure's change.
      const before = previousPeriod(query, timeZone);
      const previousUsers = activityTotals(db, before, false);
      return {
        users,
        total: activityTotalsRow(users),
        daily: activityByDay(db, query),
        rangeMs: { fromMs: query.fromMs, toMs: query.toMs },
        previous: {
          range: { fromDay: before.fromDay, toDay: before.toDay },
          rangeMs: { fromMs: before.fromMs, toMs: before.toMs },
          users: previousUsers,
          total: activityTotalsRow(previousUsers),
        },
        teams: listTeams(db),
        trackers: listTrackers(db).map(({ id, name }) => ({ id, name })),
      };
    },
  };
}
