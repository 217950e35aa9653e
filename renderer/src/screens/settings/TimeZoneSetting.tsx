import { useId, useMemo } from 'react';
import { useApp } from '../../app/context';
import { SaveStatus } from './SaveStatus';
import { useSettingsSaver } from './use-settings-saver';

/** Every zone the runtime knows, the computer's first; the chosen one is kept even if this runtime lacks it. */
function zoneChoices(computer: string, chosen: string): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  return [...new Set([computer, chosen, ...all])];
}

/** Where dates and times are shown and exported. */
export function TimeZoneSetting() {
  const { info } = useApp();
  const { settings, status, update } = useSettingsSaver();
  const id = useId();
  const zones = useMemo(() => zoneChoices(info.timeZone, settings.timeZone), [info.timeZone, settings.timeZone]);

  return (
    <div className="setting">
      <label htmlFor={id}>Time zone</label>
      <div className="setting-control">
        <select id={id} value={settings.timeZone} onChange={(event) => void update({ timeZone: event.target.value })}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === info.timeZone ? `This computer's (${zone})` : zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <SaveStatus status={status} />
      </div>
      <small className="muted setting-help">Dates and times in Talktally and in exported reports use this zone.</small>
    </div>
  );
}
