import { z } from 'zod';
import { ReportScheduleSchema } from './report-schedule';

/** True for IANA zones the runtime knows ("Europe/London"), false otherwise. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const SettingsSchema = z
  .object({
    /** Where dates and times are shown and exported. */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'not a time zone Talktally knows (use a name like Europe/London)'),
    /** Sync every connection when the app starts. */
    syncOnStartup: z.boolean(),
    /** Sync every connection each day at this local time (HH:MM, 24-hour), or never. */
    dailySyncAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour time like 07:30')
      .nullable(),
    /** Where one-click exports are saved: an absolute folder, or null for the Downloads folder. */
    reportsFolder: z.string().min(1).max(4096).nullable(),
    /** Save the last week's or month's workbooks into a folder by themselves, or never (null). */
    reportSchedule: ReportScheduleSchema.nullable(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsUpdateSchema = SettingsSchema.partial().strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

/** The settings, and when the daily sync will next run (null when it is off). */
export interface SettingsView extends Settings {
  nextDailySyncMs: number | null;
  /** The folder exports go to now: the chosen one, or Downloads. */
  reportsFolderInUse: string;
  /** The folder holding the database file. */
  dataFolder: string;
}
