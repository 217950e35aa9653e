import { FolderSettings } from './FolderSettings';
import { ReportScheduleSettings } from './ReportScheduleSettings';
import { ScheduleSettings } from './ScheduleSettings';
import { TimeZoneSetting } from './TimeZoneSetting';
import { TrackerSettings } from './TrackerSettings';
import './settings.css';

/** Time zone, folders, the sync schedule and scheduled reports, each saved as soon as it changes; and the trackers. */
export function SettingsScreen() {
  return (
    <div className="settings-screen">
      <h1>Settings</h1>
      <section className="panel" aria-labelledby="settings-display">
        <h2 id="settings-display">Dates and times</h2>
        <TimeZoneSetting />
      </section>
      <section className="panel" aria-labelledby="settings-folders">
        <h2 id="settings-folders">Folders</h2>
        <FolderSettings />
      </section>
      <section className="panel" aria-labelledby="settings-sync">
        <h2 id="settings-sync">Sync</h2>
        <ScheduleSettings />
      </section>
      <section className="panel" aria-labelledby="settings-scheduled-reports">
        <h2 id="settings-scheduled-reports">Scheduled reports</h2>
        <ReportScheduleSettings />
      </section>
      <section className="panel" aria-labelledby="settings-trackers">
        <h2 id="settings-trackers">Trackers</h2>
        <TrackerSettings />
      </section>
    </div>
  );
}
