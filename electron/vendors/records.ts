import type { z } from 'zod';
import type { SyncStream } from '../../shared/sync';
import { VENDOR_NAMES, type Vendor } from '../../shared/vendors';
import type { RecordWarning } from './connector';
import { VendorRequestError } from './http/errors';

/** The first problem zod found, as "field: what was wrong". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not valid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** A vendor record's `id`, as text, when it has one. */
export const recordIdOf = (raw: unknown): string | null => {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return null;
};

/**
 * Validates each record on its own: good ones are mapped, a bad one becomes a
 * warning with its vendor id and raw payload, and the rest carry on.
 */
export function readRecords<Parsed, Mapped>(options: {
  vendor: Vendor;
  stream: SyncStream;
  items: readonly unknown[];
  schema: z.ZodType<Parsed>;
  map: (record: Parsed, raw: unknown) => Mapped;
  /** What one record is called in a warning, e.g. "call", "activity row". */
  noun: string;
}): { values: Mapped[]; warnings: RecordWarning[] } {
  const values: Mapped[] = [];
  const warnings: RecordWarning[] = [];
  for (const raw of options.items) {
    const parsed = options.schema.safeParse(raw);
    let problem: string | null = parsed.success ? null : describeIssue(parsed.error);
    if (parsed.success) {
      try {
        values.push(options.map(parsed.data, raw));
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    if (problem !== null) {
      const id = recordIdOf(raw);
      warnings.push({
        stream: options.stream,
        vendorRecordId: id,
        message: `A ${VENDOR_NAMES[options.vendor]} ${options.noun}${id ? ` (${id})` : ''} could not be read and was skipped: ${problem}.`,
        raw,
      });
    }
  }
  return { values, warnings };
}

/** Unix ms from an ISO 8601 string; throws a readable error for anything else. */
export function isoToMs(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${field}: "${value}" is not a date`);
  return ms;
}

export const isoOrNullToMs = (value: string | null | undefined, field: string): number | null =>
  value === null || value === undefined || value === '' ? null : isoToMs(value, field);

/** Empty strings from vendors mean "none". */
export const textOrNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value);

/**
 * Checks a response's envelope (an array, `{ data, pagination }`, …). A body of
 * the wrong shape is not one bad record but a wrong answer, so it fails the
 * request with an error naming the vendor and endpoint.
 */
export function expectShape<T>(schema: z.ZodType<T>, body: unknown, vendor: Vendor, endpoint: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new VendorRequestError({
    kind: 'invalid_response',
    vendor,
    endpoint,
    vendorMessage: describeIssue(parsed.error),
    detail: { body: 'shape' },
  });
}
