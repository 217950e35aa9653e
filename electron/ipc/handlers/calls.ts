import { callFacets } from '../../store/call-facets';
import { countCalls, listCalls } from '../../store/call-list';
import { getCallRaw } from '../../store/call-raw';
import { getCall } from '../../store/calls';
import { getConversation } from '../../store/conversation';
import type { Db } from '../../store/db';
import { getTranscript } from '../../store/transcripts';
import { extractedFieldsFor } from '../../vendors/call-facts';
import type { Handlers } from '../dispatch';
import { notFound } from '../errors';

export interface CallHandlerDeps {
  db: Db;
}

/** The Calls screen: its pages, counts and filter choices, and one call with its transcript. */
export function callHandlers({ db }: CallHandlerDeps): Pick<Handlers, 'calls/list' | 'calls/get' | 'calls/count' | 'calls/facets'> {
  return {
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
  };
}
