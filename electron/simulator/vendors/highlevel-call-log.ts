import type { Dataset, SimCall, SimTurn } from '../dataset';
import type { VendorContext } from '../http';
import { hashInt } from './common';

/**
 * HighLevel's call logs as the simulated API serves them (shared/vendors/highlevel-voice-ai.txt):
 * Mongo-style ids that lead back to their call, trial calls, executed actions,
 * the transcript as `bot:`/`human:` lines and each agent's own extracted fields.
 * The routes, auth and paging are in highlevel.ts.
 */
export const ACTION_TYPES = [
  'CALL_TRANSFER',
  'DATA_EXTRACTION',
  'IN_CALL_DATA_EXTRACTION',
  'WORKFLOW_TRIGGER',
  'SMS',
  'APPOINTMENT_BOOKING',
  'CUSTOM_ACTION',
  'KNOWLEDGE_BASE',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

const ACTION_NAMES: Record<ActionType, string> = {
  CALL_TRANSFER: 'Transfer to Recruiter',
  DATA_EXTRACTION: 'Extract Phone Number',
  IN_CALL_DATA_EXTRACTION: 'Extract Email During Call',
  WORKFLOW_TRIGGER: 'Start Follow-up Workflow',
  SMS: 'Send Confirmation SMS',
  APPOINTMENT_BOOKING: 'Book Interview',
  CUSTOM_ACTION: 'Check Application Status',
  KNOWLEDGE_BASE: 'Query Job Details',
};

const hex = (value: number, width: number): string => (value >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A Mongo ObjectId as HighLevel uses for ids: creation seconds, a random part, then a counter. */
function objectId(createdAtMs: number, counter: number, ...salt: (string | number)[]): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(hashInt(...salt), 8)}${hex(hashInt(...salt, 'tail'), 2)}${hex(counter, 6)}`;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** HighLevel contact ids: 20 letters and digits. */
export const contactIdOf = (call: SimCall): string =>
  Array.from({ length: 20 }, (_, i) => ALPHANUMERIC[hashInt(call.contact.phone, 'contact', i) % ALPHANUMERIC.length]).join('');

/** The call's counter is its dataset index, so an id leads back to its call without a lookup table. */
export const callLogId = (call: SimCall): string => objectId(call.startedAtMs, call.index, call.id, 'call');

export function callByLogId(dataset: Dataset, id: string): SimCall | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const call = dataset.calls[parseInt(id.slice(18), 16)];
  return call && callLogId(call) === id ? call : undefined;
}

/** About one call in twenty is a test call placed from the agent's dashboard. */
export const isTrial = (call: SimCall): boolean => hashInt(call.id, 'trial') % 20 === 0;

/** Only calls with a conversation trigger actions: up to two, chosen from the call's id. */
export function actionTypesOf(call: SimCall): ActionType[] {
  if (call.talkSeconds === 0) return [];
  const count = hashInt(call.id, 'actions') % 3;
  return Array.from({ length: count }, (_, i) => ACTION_TYPES[hashInt(call.id, 'action', i) % ACTION_TYPES.length] as ActionType);
}

function executedCallActions(call: SimCall): Record<string, unknown>[] {
  const types = actionTypesOf(call);
  return types.map((actionType, i) => ({
    actionId: objectId(call.startedAtMs, i, call.id, 'action', i),
    actionType,
    actionName: ACTION_NAMES[actionType],
    description: `${ACTION_NAMES[actionType]} when the caller asks for it`,
    actionParameters: {},
    executedAt: new Date(call.startedAtMs + Math.round(((i + 1) * call.talkSeconds * 1000) / (types.length + 1))).toISOString(),
  }));
}

/**
 * Voice-AI bots speak in sentences and HighLevel keeps their line breaks: the
 * bot's first sentence ends its line, so the rest of the turn arrives on a line
 * without a speaker prefix.
 */
export function transcriptLine(turn: SimTurn): string {
  return turn.role === 'agent' ? `bot: ${turn.text.replace('. ', '.\n')}` : `human: ${turn.text}`;
}

const emailOf = (name: string): string => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
const SHIFTS = ['Days', 'Nights', 'Weekends', 'Flexible'];

/**
 * What each agent was set up to extract, under the names its account chose
 * (the spec: extractedData's keys are per agent; HighLevel's example is one
 * agent's). One agent extracts nothing and sends no extractedData at all.
 */
const EXTRACTIONS: ((call: SimCall) => Record<string, unknown> | undefined)[] = [
  // HighLevel's example.
  (call) => ({ phoneNumber: call.contact.phone, customerName: call.contact.name, email: emailOf(call.contact.name) }),
  (call) => ({ 'Full Name': call.contact.name, phone: call.contact.phone }),
  (call) => ({
    caller_name: call.contact.name,
    contact_number: call.contact.phone,
    email: emailOf(call.contact.name),
    'Preferred shift': SHIFTS[hashInt(call.id, 'shift') % SHIFTS.length],
    'Right to work in the UK': hashInt(call.id, 'rtw') % 5 === 0 ? 'No' : 'Yes',
  }),
  () => undefined,
  // A split name, the number in a field of its own, and values that are not text.
  (call) => ({
    FirstName: call.contact.name.split(' ')[0],
    LastName: call.contact.name.split(' ').slice(1).join(' '),
    'Mobile Number': call.contact.phone,
    'Years of experience': hashInt(call.id, 'years') % 15,
    'Has driving licence': hashInt(call.id, 'licence') % 2 === 0,
  }),
];

/** What the call's agent picked up during the conversation; nothing when nobody spoke. */
function extractedData(call: SimCall): Record<string, unknown> | undefined {
  const extraction = EXTRACTIONS[call.agentIndex % EXTRACTIONS.length] as (typeof EXTRACTIONS)[number];
  const extracted = extraction(call);
  if (extracted === undefined) return undefined;
  return call.talkSeconds === 0 ? {} : extracted;
}

/**
 * The dataset's call as a HighLevel call log. There is no direction, status,
 * callee number or recording: `fromNumber` is the person the agent talked to.
 */
export function callLog(call: SimCall, dataset: Dataset, context: VendorContext): Record<string, unknown> {
  const turns = call.hasTranscript ? dataset.transcriptOf(call) : [];
  const extracted = extractedData(call);
  const log: Record<string, unknown> = {
    id: callLogId(call),
    agentId: dataset.agents[call.agentIndex]?.id ?? null,
    isAgentDeleted: false,
    createdAt: new Date(call.startedAtMs).toISOString(),
    duration: call.talkSeconds,
    trialCall: isTrial(call),
    executedCallActions: executedCallActions(call),
    // HighLevel sends an empty string, not null, when there is nothing to say.
    summary: call.summary ?? '',
    transcript: turns.map(transcriptLine).join('\n'),
    contactId: contactIdOf(call),
    // Optional in the spec. A trial call is placed from the agent's page in the browser: no caller number.
    ...(isTrial(call) ? {} : { fromNumber: call.contact.phone }),
    // Optional in the spec: an agent set up to extract nothing sends none.
    ...(extracted === undefined ? {} : { extractedData: extracted }),
    messageId: objectId(call.startedAtMs, call.index, call.id, 'message'),
  };
  const breakage = context.faults.breakageOf('highlevel', callLogId(call));
  if (breakage === 'missing-field') delete log.createdAt;
  if (breakage === 'wrong-type') log.duration = 'one hundred and eighty';
  return log;
}
