import { useId, useState } from 'react';
import { useApp } from '../../app/context';
import { zoneNote } from '../../lib/format';
import { ZonedTime } from '../../components/ZonedTime';
import { SaveStatus } from './SaveStatus';
import { useSettingsSaver } from './use-settings-saver';
import './settings.css';

const DEFAULT_DAILY_TIME = '07:00';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** When syncs run by themselves: at start-up, and once a day. Shown on both the Sync and Settings screens. */
export function ScheduleSettings() {
  const { timeZone } = useApp();
  const { settings, status, update } = useSettingsSaver();
  const id = useId();
  // The time stays in the field while the daily sync is off, ready for when it is turned on.
  const [time, setTime] = useState(settings.dailySyncAt ?? DEFAULT_DAILY_TIME);
  const daily = settings.dailySyncAt !== null;

  return (
    <fieldset className="schedule">
      <legend>Schedule</legend>
      <label className="check">
        <input type="checkbox" checked={settings.syncOnStartup} onChange={(event) => void update({ syncOnStartup: event.target.checked })} />
        Sync when Talktally starts
      </label>
      <div className="check">
        <input
          id={`${id}-daily`}
          type="checkbox"
          checked={daily}
          onChange={(event) => {
            const on = event.target.checked;
            void update({ dailySyncAt: on ? (TIME.test(time) ? time : DEFAULT_DAILY_TIME) : null });
          }}
        />
        <label htmlFor={`${id}-daily`}>Sync every day at</label>
        <input
          type="time"
          aria-label="Daily sync time"
          value={time}
          onChange={(event) => {
            setTime(event.target.value);
            if (daily && TIME.test(event.target.value)) void update({ dailySyncAt: event.target.value });
          }}
        />
        <span className="muted">{zoneNote(timeZone)}</span>
      </div>
      {daily && settings.nextDailySyncMs !== null && (
        <p className="muted">
          Next run: <ZonedTime ms={settings.nextDailySyncMs} />
        </p>
      )}
      <SaveStatus status={status} />
    </fieldset>
  );
}
