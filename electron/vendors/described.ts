import { VENDOR_INFO, type Vendor } from '../../shared/vendors';
import type { Connector } from './connector';
import type { RateLimit } from './http/types';
import { DAY_MS } from '../../shared/time';

/** What a connector can do, read from the vendor's descriptor (shared/vendors/<vendor>.ts): one source for each fact. */
export function capabilitiesOf(vendor: Vendor): Pick<Connector, 'vendor' | 'maxCallWindowMs' | 'dayGranularity' | 'transcripts' | 'hasActivity'> {
  const info = VENDOR_INFO[vendor];
  return {
    vendor,
    maxCallWindowMs: info.maxCallWindowDays === null ? Infinity : info.maxCallWindowDays * DAY_MS,
    dayGranularity: info.wholeDays,
    transcripts: info.transcripts,
    hasActivity: info.activity,
  };
}

/** Every published limit of the vendor, for the client's pacing. */
export const publishedRateLimits = (vendor: Vendor): readonly RateLimit[] => VENDOR_INFO[vendor].publishedLimits;

/** The vendor's own API address (a vendor without one, TalkPilot, has each customer give theirs). */
export function defaultBaseUrlOf(vendor: Vendor): string {
  const url = VENDOR_INFO[vendor].defaultBaseUrl;
  if (url === null) throw new Error(`${VENDOR_INFO[vendor].name} has no default API address: the connection must name one.`);
  return url;
}
