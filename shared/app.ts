/** What the About box and Settings show of this install: its version, database and computer's time zone. */
export interface AppInfo {
  version: string;
  databasePath: string;
  schemaVersion: number;
  /** The IANA zone of this computer, the default for display and exports. */
  timeZone: string;
}
