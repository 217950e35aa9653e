import { VENDORS, type Vendor } from '../../shared/vendors';
import { UsageError } from './errors';

export function parseVendor(value: string): Vendor {
  const vendor = value.toLowerCase();
  if (!(VENDORS as readonly string[]).includes(vendor)) {
    throw new UsageError(`--vendor must be one of ${VENDORS.join(', ')}, not "${value}".`);
  }
  return vendor as Vendor;
}

/** A calendar date typed as YYYY-MM-DD, as the start of that UTC day in ms. Refuses 2026-02-30 and the like. */
export function parseDay(value: string, option: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${option} must be a date like 2026-10-01, not "${value}".`);
  }
  return ms;
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, not "${value}".`);
  return n;
}

/**
 * The API key, from TALKTALLY_API_KEY or standard input: never from an
 * argument, where it would sit in the shell history and the process list.
 */
export async function readApiKey(env: NodeJS.ProcessEnv, stdin: NodeJS.ReadStream): Promise<string> {
  if (env.TALKTALLY_API_KEY) return env.TALKTALLY_API_KEY;
  if (stdin.isTTY) {
    throw new UsageError(
      'Give the API key in the TALKTALLY_API_KEY environment variable or on standard input (e.g. pipe it from your password manager), never as an argument.',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  const key = Buffer.concat(chunks).toString('utf8').trim();
  if (!key) throw new UsageError('No API key arrived on standard input (and TALKTALLY_API_KEY is not set).');
  return key;
}
