import { SettingsSchema, SettingsUpdateSchema, type Settings, type SettingsUpdate } from '../../shared/settings';
import type { Db } from './db';
import { prepared } from './statements';

/** This database file's own id (see migration 5). */
export function getDatabaseId(db: Db): string {
  const row = prepared<[], { id: string }>(db, `SELECT value_json ->> '$' AS id FROM app_settings WHERE key = 'database_id'`).get();
  if (!row) throw new Error('This database has no id: it was not migrated.');
  return row.id;
}

const systemTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Until the user says otherwise: this computer's zone, a sync at start-up, no daily sync, exports to Downloads, no scheduled reports. */
export const defaultSettings = (): Settings => ({
  timeZone: systemTimeZone(),
  syncOnStartup: true,
  dailySyncAt: null,
  reportsFolder: null,
  reportSchedule: null,
});

/** The user's settings; a stored value that no longer validates falls back to its default. */
export function getSettings(db: Db): Settings {
  const rows = prepared<[], { key: string; value_json: string }>(db, `SELECT key, value_json FROM app_settings WHERE key LIKE 'settings.%'`).all();
  const settings: Record<string, unknown> = { ...defaultSettings() };
  const shape = SettingsSchema.shape;
  for (const { key, value_json } of rows) {
    const name = key.slice('settings.'.length);
    if (!(name in shape)) continue;
    const parsed = shape[name as keyof typeof shape].safeParse(JSON.parse(value_json));
    if (parsed.success) settings[name] = parsed.data;
  }
  return SettingsSchema.parse(settings);
}

export function updateSettings(db: Db, update: SettingsUpdate): Settings {
  const valid = SettingsUpdateSchema.parse(update);
  const upsert = prepared(db, `INSERT INTO app_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`);
  db.transaction(() => {
    for (const [name, value] of Object.entries(valid)) if (value !== undefined) upsert.run(`settings.${name}`, JSON.stringify(value));
  })();
  return getSettings(db);
}

/** The demo's own record: which connections it made and the data it serves, so it can be served again after a restart. */
export interface DemoRecord {
  seed: number;
  nowMs: number;
  callsPerVendor: number;
  connectionIds: number[];
}

export function getDemoRecord(db: Db): DemoRecord | null {
  const row = prepared<[], { value_json: string }>(db, `SELECT value_json FROM app_settings WHERE key = 'demo'`).get();
  return row ? (JSON.parse(row.value_json) as DemoRecord) : null;
}

export function setDemoRecord(db: Db, record: DemoRecord | null): void {
  if (record === null) prepared(db, `DELETE FROM app_settings WHERE key = 'demo'`).run();
  else
    prepared(db, `INSERT INTO app_settings (key, value_json) VALUES ('demo', ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`).run(
      JSON.stringify(record),
    );
}
