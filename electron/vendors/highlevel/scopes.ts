import { HIGHLEVEL_SCOPES } from '../../../shared/vendors/highlevel';
import { isVendorRequestError, lacksPermission, VendorRequestError } from '../http/errors';

/**
 * The OAuth scopes HighLevel's spec names for what we read (apps/voice-ai.json),
 * kept with the vendor's descriptor. A Private Integration Token carries only
 * the scopes chosen when it was made, and each endpoint checks its own: a token
 * may read call logs but not agents.
 */
export const SCOPES = HIGHLEVEL_SCOPES;

/**
 * HighLevel refuses a good token that lacks an endpoint's scope with 401 "The
 * token is not authorized for this scope." (401, not 403): it must not read as
 * a wrong key.
 */
export function isScopeRefusal(error: unknown): error is VendorRequestError {
  return isVendorRequestError(error) && lacksPermission(error) && /\bscopes?\b/i.test(error.vendorMessage ?? '');
}

/** The same refusal, with which scope was missing and where to add it, in plain words after HighLevel's own. */
export function namingTheScope(error: VendorRequestError, what: string, scope: string): VendorRequestError {
  const { kind, vendor, endpoint, status, vendorMessage } = error;
  const advice = `Reading ${what} needs the scope ${scope}: give this token that scope in HighLevel (Settings › Private Integrations).`;
  return new VendorRequestError({
    kind,
    vendor,
    endpoint,
    ...(status === undefined ? {} : { status }),
    vendorMessage: `${vendorMessage ?? ''} ${advice}`.trim(),
  });
}

/** Runs a request; a refusal for want of `scope` is rethrown naming that scope. */
export async function needingScope<T>(request: Promise<T>, what: string, scope: string): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw isScopeRefusal(error) ? namingTheScope(error, what, scope) : error;
  }
}
