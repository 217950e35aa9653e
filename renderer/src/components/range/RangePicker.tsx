import { useId } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import { matchingPreset, presetRange, RANGE_PRESETS, type DayRange, type RangePresetChoice } from './range';
import './range-picker.css';

interface RangePickerProps {
  range: DayRange;
  onRange(range: DayRange): void;
  /** The connection choice; left out where the screen chooses connections elsewhere (the calls filters). */
  connectionId?: number | undefined;
  onConnection?(connectionId: number | undefined): void;
  connections?: readonly ConnectionSummary[];
  timeZone: string;
  /** The message saying what is wrong with the days, which the day inputs point to. */
  problemId: string | undefined;
  /** The one-click ranges offered; the manager's four by default. */
  presets?: readonly RangePresetChoice[];
}

/** From/To days with one-click presets, and which connection (or all) the figures cover. */
export function RangePicker({ range, onRange, connectionId, onConnection, connections, timeZone, problemId, presets = RANGE_PRESETS }: RangePickerProps) {
  const id = useId();
  const chosen = matchingPreset(range, timeZone, presets);
  return (
    <div className="toolbar range-picker">
      <div className="presets" role="group" aria-label="Quick ranges">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={chosen === p.id}
            className={chosen === p.id ? 'chosen' : ''}
            onClick={() => onRange(presetRange(p.id, timeZone))}
          >
            {p.label}
          </button>
        ))}
      </div>
      <span className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={range.fromDay}
          aria-invalid={problemId !== undefined}
          aria-describedby={problemId}
          onChange={(e) => onRange({ ...range, fromDay: e.target.value })}
        />
      </span>
      <span className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={range.toDay}
          aria-invalid={problemId !== undefined}
          aria-describedby={problemId}
          onChange={(e) => onRange({ ...range, toDay: e.target.value })}
        />
      </span>
      {onConnection && connections && (
        <span className="field">
          <label htmlFor={`${id}-connection`}>Connection</label>
          <select id={`${id}-connection`} value={connectionId ?? ''} onChange={(e) => onConnection(e.target.value === '' ? undefined : Number(e.target.value))}>
            <option value="">All connections</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}
