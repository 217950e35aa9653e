import { activityTotalsRow } from '../../shared/activity';
import { activityPeople } from '../reports/activity-people';
import { activityQuery, previousPeriod } from '../reports/range';
import { activityByDay, activityTotals } from '../store/activity-totals';
import { getSettings } from '../store/app-settings';
import { callFacets } from '../store/call-facets';
import { countCalls, listCalls } from '../store/call-list';
import { getCallRaw } from '../store/call-raw';
import { getCall } from '../store/calls';
import { getConversation } from '../store/conversation';
import { getTranscript } from '../store/transcripts';
import { extractedFieldsFor } from '../vendors/call-facts';
import type { Handlers } from './dispatch';
import type { HandlerDeps } from './handler-deps';
import { notFound } from './errors';
import { connectionHandlers } from './handlers/connections';
import { demoHandlers } from './handlers/demo';
import { reportScheduleHandlers } from './handlers/report-schedule';
import { reportHandlers } from './handlers/reports';
import { settingsHandlers } from './handlers/settings';
import { syncHandlers } from './handlers/sync';
import { trackerHandlers } from './handlers/trackers';
import { teamHandlers } from './handlers/teams';
import { listTeams } from '../store/teams';
import { listTrackers } from '../store/trackers';

/**
 * The app's handlers over the core, built once by `createCore` (electron/app.ts): Electron's
 * ipcMain, the IPC and browser tests and the bench all answer through this one table. The CLI
 * does not: it calls the core's modules directly (electron/cli/).
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, openExternal, appInfo } = deps;
  return {
    'app/info': () => appInfo(),
    'app/open-external': async ({ url }) => {
      await openExternal(url);
      return { opened: true };
    },
    ...connectionHandlers(deps),
    'calls/list': (query) => listCalls(db, query),
    'calls/get': ({ callId }) => {
      const call = getCall(db, callId);
      if (!call) throw notFound('That call');
      return {
        call,
        transcript: getTranscript(db, callId),
        extractedFields: extractedFieldsFor(call.vendor, getCallRaw(db, callId)),
        conversation: getConversation(db, callId),
      };
    },
    'calls/count': (query) => ({ total: countCalls(db, query) }),
    'calls/facets': () => callFacets(db),
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
        previous: { range: { fromDay: before.fromDay, toDay: before.toDay }, rangeMs: { fromMs: before.fromMs, toMs: before.toMs }, users: previousUsers, total: activityTotalsRow(previousUsers) },
        teams: listTeams(db),
        trackers: listTrackers(db).map(({ id, name }) => ({ id, name })),
      };
    },
    ...trackerHandlers(deps),
    ...teamHandlers(deps),
    ...syncHandlers(deps),
    ...settingsHandlers(deps),
    ...reportHandlers(deps),
    ...reportScheduleHandlers(deps),
    ...demoHandlers(deps),
  };
}
