import { ApiError } from '../../api';
import { errorMessage } from '../../lib/use-request';

/** What went wrong with a form, and which of its fields it belongs to (null: the form as a whole). */
export interface Problem {
  field: string | null;
  message: string;
}

/** How main words a payload its schema refused: "Invalid request on <channel>: <field>: <zod's message>." */
const SCHEMA_MESSAGE = /^Invalid request on [^:]+: [^:]+: /;

/**
 * Plain words for what the schema refuses. Sentences main writes for people
 * (a name already taken, a key the keychain refuses, why a base URL cannot be
 * used) are shown as they are.
 */
const PLAIN: Record<string, string> = {
  label: 'Give the connection a name (up to 100 characters).',
  apiKey: 'Enter the key (up to 4,096 characters).',
  'settings.appId': 'Enter the App ID.',
  'settings.locationId': 'Enter the Location ID.',
  'settings.agentIds': 'Up to 200 agent IDs, each up to 200 characters.',
};

/** "settings.agentIds.3" names the agent ids field. */
const fieldOf = (path: string) => path.split('.').slice(0, 2).join('.');

export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { field: null, message: errorMessage(error) };
  const field = error.error.field && error.error.field !== '(request)' ? fieldOf(error.error.field) : null;
  if (error.error.code === 'INVALID_REQUEST' && field && SCHEMA_MESSAGE.test(error.message)) {
    return { field, message: PLAIN[field] ?? error.message.replace(SCHEMA_MESSAGE, '') };
  }
  return { field, message: error.message };
}

/** The problem's message if it belongs to this field. */
export const messageFor = (problem: Problem | null, field: string): string | null => (problem?.field === field ? problem.message : null);

/** The problem's message if none of the form's fields shows it. */
export const formMessage = (problem: Problem | null, fields: readonly string[]): string | null =>
  problem && (problem.field === null || !fields.includes(problem.field)) ? problem.message : null;
