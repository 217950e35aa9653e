import { VENDOR_NAMES, type Vendor } from '../../shared/vendors';
import type { ConnectionTestResult } from './connector';
import { blamesTheKey, isVendorRequestError, lacksPermission, type VendorRequestError } from './http/errors';
import type { RequestFailureKind } from './http/types';

/** "1 agent", "5 agents". */
const countOf = (n: number, plural: 'agents' | 'users') => `${n} ${n === 1 ? plural.slice(0, -1) : plural}`;

/** The first words of a failed test, by what went wrong; the error's own sentence follows. */
const LEAD: Record<RequestFailureKind, string> = {
  // A 401 or 403 blames the key only when the vendor's words do (see leadOf).
  unauthorized: 'Not authorized',
  forbidden: 'No permission',
  not_found: 'Not found',
  rate_limited: 'Rate limited, try again in a minute',
  server_error: 'The vendor had a server error',
  client_error: 'Refused',
  timeout: 'Timed out',
  unreachable: 'Unreachable',
  invalid_response: 'Unexpected answer, check the base URL',
  cancelled: 'Cancelled',
};

function leadOf(error: VendorRequestError): string {
  if (blamesTheKey(error)) return 'Wrong key';
  return lacksPermission(error) ? 'No permission' : LEAD[error.kind];
}

/** Who the key can see, by name. */
export interface ProbeFound {
  kind: 'agents' | 'users';
  names: string[];
}

/**
 * What a probe learned: who the key can see or, when the key works but may
 * not list them, the sentence that follows "Works: " saying what does work.
 */
export type ProbeResult = ProbeFound | { works: string };

/**
 * Runs a vendor's probe and words the outcome for the person testing: what the
 * key can see when it works, what to fix when it does not. Never throws for a
 * request failure.
 */
export async function testConnectionWith(vendor: Vendor, probe: () => Promise<ProbeResult>): Promise<ConnectionTestResult> {
  try {
    const found = await probe();
    if ('works' in found) return { ok: true, message: `Works: ${found.works}` };
    const listed = found.names.slice(0, 5).join(', ') + (found.names.length > 5 ? ', …' : '');
    return {
      ok: true,
      message: `Works: ${VENDOR_NAMES[vendor]} answered with ${countOf(found.names.length, found.kind)}${found.names.length ? ` (${listed})` : ''}.`,
      found,
    };
  } catch (error) {
    if (!isVendorRequestError(error)) throw error;
    return { ok: false, message: `${leadOf(error)}: ${error.message}` };
  }
}
