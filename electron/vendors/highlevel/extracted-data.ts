import type { ExtractedField } from '../../../shared/calls';

/**
 * A call log's `extractedData` holds whatever its agent was set up to pick up
 * during the call, under the names the account chose: HighLevel's example has
 * `customerName` and `phoneNumber`, another agent may ask for "Full Name" and
 * "phone", another for `caller_name` and "Preferred shift". So the contact's
 * name and number are looked for among the keys, and every field is shown.
 */

/** Keys compared without case, spaces, dashes or underscores: "Full Name", "full_name" and "fullName" are one. */
const plain = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Most specific first: where an agent extracts several, the first found wins. */
const NAME_KEYS = [
  'fullname',
  'customername',
  'customerfullname',
  'contactname',
  'contactfullname',
  'callername',
  'callerfullname',
  'candidatename',
  'candidatefullname',
  'clientname',
  'leadname',
  'name',
];
const FIRST_NAME_KEYS = ['firstname', 'givenname', 'forename', 'customerfirstname', 'callerfirstname', 'contactfirstname'];
const LAST_NAME_KEYS = ['lastname', 'surname', 'familyname', 'customerlastname', 'callerlastname', 'contactlastname'];
const NUMBER_KEYS = [
  'phonenumber',
  'phone',
  'phoneno',
  'contactnumber',
  'contactphone',
  'contactphonenumber',
  'callerphone',
  'callernumber',
  'callerphonenumber',
  'customerphone',
  'customernumber',
  'customerphonenumber',
  'candidatephone',
  'candidatenumber',
  'mobile',
  'mobilenumber',
  'mobilephone',
  'cell',
  'cellphone',
  'cellnumber',
  'telephone',
  'telephonenumber',
  'tel',
  'callbacknumber',
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each key's text, by plain key; the first of keys that differ only in spelling wins. A value that is not text says nothing. */
function textsByPlainKey(extracted: Record<string, unknown>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [key, value] of Object.entries(extracted)) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text !== '' && !texts.has(plain(key))) texts.set(plain(key), text);
  }
  return texts;
}

const firstOf = (texts: Map<string, string>, keys: readonly string[]): string | null => {
  for (const key of keys) {
    const text = texts.get(key);
    if (text !== undefined) return text;
  }
  return null;
};

/** The contact's name and number among what the agent extracted, or null for each it did not. */
export function contactOf(extracted: unknown): { name: string | null; number: string | null } {
  if (!isRecord(extracted)) return { name: null, number: null };
  const texts = textsByPlainKey(extracted);
  const parts = [firstOf(texts, FIRST_NAME_KEYS), firstOf(texts, LAST_NAME_KEYS)].filter((p) => p !== null);
  return {
    name: firstOf(texts, NAME_KEYS) ?? (parts.length ? parts.join(' ') : null),
    number: firstOf(texts, NUMBER_KEYS),
  };
}

/** A value as the call's detail shows it; null when there is nothing to show. */
function shown(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(shown).filter((v) => v !== null);
    return items.length ? items.join(', ') : null;
  }
  return isRecord(value) ? JSON.stringify(value) : null;
}

/** Every field the agent extracted, in HighLevel's order, from a stored call log; empty when it extracted nothing. */
export function extractedFieldsOf(callLog: unknown): ExtractedField[] {
  if (!isRecord(callLog) || !isRecord(callLog.extractedData)) return [];
  return Object.entries(callLog.extractedData).flatMap(([name, value]) => {
    const text = shown(value);
    return text === null ? [] : [{ name, value: text }];
  });
}
