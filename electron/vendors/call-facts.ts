import type { ExtractedField } from '../../shared/calls';
import type { Vendor } from '../../shared/vendors';
import { extractedFieldsOf } from './highlevel/extracted-data';

const NONE = (): ExtractedField[] => [];

/** What each vendor's stored call record says beyond our columns, for the call's detail. Only HighLevel's agents extract fields. */
const EXTRACTED_FIELDS: Readonly<Record<Vendor, (raw: unknown) => ExtractedField[]>> = {
  talentlynk: NONE,
  talkpilot: NONE,
  talkover: NONE,
  highlevel: extractedFieldsOf,
  talknex: NONE,
};

/** The fields a call's agent extracted, from the vendor's raw call record; empty when there are none. */
export function extractedFieldsFor(vendor: Vendor, raw: unknown): ExtractedField[] {
  return EXTRACTED_FIELDS[vendor](raw);
}
