import { VENDOR_INFO, type Vendor } from './vendors';

/**
 * The rules for a vendor's API address. Every request carries the connection's
 * API key in a header, so the address decides who receives the key:
 * - https only, so the key is never sent unencrypted. Plain http is allowed for
 *   this computer's own loopback addresses (the vendor simulator and the demo
 *   run there), where nothing crosses a network.
 * - No user name or password inside the address: Talktally authenticates with
 *   the key alone, and credentials in a URL end up in logs and error messages.
 */

/** Loopback as the WHATWG URL parser writes it: `127.1`, `0x7f.0.0.1` and `2130706433` all become `127.0.0.1`, `[0:…:1]` becomes `[::1]`. */
function isLoopback(hostname: string): boolean {
  // Exactly "localhost": "localhost." and "x.localhost" are sent to a DNS resolver by some systems.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Why this base URL cannot be used, in plain words (no trailing full stop: callers end the sentence), or null when it can. */
export function baseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter the full address, starting with https:// (for example https://api.example.com/v1)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The address must start with https:// (it starts with ${url.protocol}//)`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'Take the user name and password out of the address: Talktally signs in with the API key alone';
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return 'The address must start with https://: over plain http:// the API key would travel unencrypted (http:// is allowed only for this computer: localhost, 127.0.0.1 or [::1])';
  }
  return null;
}

/**
 * For a connection read back from the database, which may have been saved
 * before these rules: why its key must not be sent to its address, as a whole
 * sentence, or null when the address is fine. Checked before a key is read.
 */
export function savedAddressProblem(baseUrl: string | undefined): string | null {
  const problem = baseUrl === undefined ? null : baseUrlProblem(baseUrl);
  return problem === null ? null : `${problem}. Edit the connection's base URL, then enter its key again.`;
}

/**
 * Where a connection's requests, and so its key, go: scheme, host and port
 * (`https://api.talkover.ai`). An empty base URL means the vendor's default
 * address, which counts as an address too. Null when there is none (TalkPilot
 * without its base URL) or it cannot be read.
 */
export function apiOrigin(vendor: Vendor, baseUrl: string | undefined): string | null {
  const address = baseUrl ?? VENDOR_INFO[vendor].defaultBaseUrl;
  if (address === null) return null;
  try {
    return new URL(address).origin;
  } catch {
    return null;
  }
}

/** The host (and port) of an origin, for messages: "api.talkover.ai", "127.0.0.1:4010"; "no address" for null. */
export function hostOf(origin: string | null): string {
  return origin === null ? 'no address' : new URL(origin).host;
}
