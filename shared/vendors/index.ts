import type { VendorDescriptor } from './descriptor';
import { highlevel } from './highlevel';
import { talentlynk } from './talentlynk';
import { talknex } from './talknex';
import { talkover } from './talkover';
import { talkpilot } from './talkpilot';

export type { FieldText, PublishedLimit, SettingName, VendorDescriptor } from './descriptor';
export { COMMON_FIELD_TEXT, SETTING_NAMES } from './descriptor';

/** The five platforms Talktally reads calls from. The id is what we store; the name is what people see. */
export const VENDORS = ['talentlynk', 'talkpilot', 'talkover', 'highlevel', 'talknex'] as const;
export type Vendor = (typeof VENDORS)[number];

/** One descriptor per vendor: its own file in this folder. */
export const VENDOR_INFO: Readonly<Record<Vendor, VendorDescriptor>> = { talentlynk, talkpilot, talkover, highlevel, talknex };

export const VENDOR_NAMES: Readonly<Record<Vendor, string>> = Object.fromEntries(VENDORS.map((v) => [v, VENDOR_INFO[v].name])) as Record<Vendor, string>;

/** Vendors with an activity endpoint of their own; the others' activity is derived from their calls. */
export const VENDORS_WITH_ACTIVITY: readonly Vendor[] = VENDORS.filter((v) => VENDOR_INFO[v].activity);

/** Requests an hour the tightest published limit allows: what a backlog estimate divides by. */
export function publishedRequestsPerHour(vendor: Vendor): number {
  return Math.min(...VENDOR_INFO[vendor].publishedLimits.map(({ limit, intervalMs }) => (limit * 3_600_000) / intervalMs));
}
