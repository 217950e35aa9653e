import type { ConnectionSettings } from '../../../../shared/connections';
import { COMMON_FIELD_TEXT, VENDOR_INFO, type FieldText, type SettingName, type Vendor } from '../../../../shared/vendors';

export type { FieldText, SettingName };

/** The form's text values, one per setting (agent ids as one comma-separated line). */
export type SettingsDraft = Record<SettingName, string>;

export const EMPTY_DRAFT: SettingsDraft = { baseUrl: '', appId: '', locationId: '', agentIds: '' };

/** The field's wording: the vendor's own (shared/vendors/<vendor>.ts), or the common one. */
export function fieldText(vendor: Vendor, name: SettingName): FieldText {
  return VENDOR_INFO[vendor].fieldText[name] ?? COMMON_FIELD_TEXT[name];
}

/** What the key is called at the vendor, and where to find it. */
export const keyText = (vendor: Vendor): FieldText => VENDOR_INFO[vendor].key;

/** The vendor's fields: the ones it needs shown first, the optional ones under "Advanced". */
export function fieldsOf(vendor: Vendor): { required: SettingName[]; advanced: SettingName[] } {
  const { required, optional } = VENDOR_INFO[vendor].settings;
  return { required: [...required], advanced: optional.filter((name) => !required.includes(name)) };
}

/** Only the vendor's fields, trimmed; empty ones left out so main applies its defaults and checks what is required. */
export function settingsFromDraft(vendor: Vendor, draft: SettingsDraft): ConnectionSettings {
  const { required, advanced } = fieldsOf(vendor);
  const settings: ConnectionSettings = {};
  for (const name of [...required, ...advanced]) {
    const value = draft[name].trim();
    if (!value) continue;
    if (name === 'agentIds') settings.agentIds = value.split(/[\s,]+/).filter(Boolean);
    else settings[name] = value;
  }
  return settings;
}

export function draftFromSettings(settings: ConnectionSettings): SettingsDraft {
  return {
    baseUrl: settings.baseUrl ?? '',
    appId: settings.appId ?? '',
    locationId: settings.locationId ?? '',
    agentIds: settings.agentIds?.join(', ') ?? '',
  };
}
