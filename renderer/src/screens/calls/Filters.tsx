import { useId } from 'react';
import { CALL_STATUSES, DIRECTIONS, type CallFacets, type CallFilters } from '../../../../shared/calls';
import type { ConnectionSummary } from '../../../../shared/connections';
import { VENDOR_NAMES, VENDORS, type Vendor } from '../../../../shared/vendors';
import type { Tracker, TrackerSide } from '../../../../shared/trackers';
import { CALL_RANGE_PRESETS } from '../../components/range/range';
import { RangePicker } from '../../components/range/RangePicker';
import { DIRECTION_WORDS, HANDLER_WORDS, STATUS_WORDS } from '../../../../shared/call-words';
import { dayRangeOf, withDayRange } from './date-filter';

interface Props {
  filters: CallFilters;
  onChange(filters: CallFilters): void;
  connections: ConnectionSummary[];
  facets: CallFacets | null;
  trackers: readonly Tracker[];
  timeZone: string;
}

/** Sets one filter, or removes it when the choice is "any". */
function withFilter<K extends keyof CallFilters>(filters: CallFilters, key: K, value: CallFilters[K] | undefined): CallFilters {
  const others = Object.fromEntries(Object.entries(filters).filter(([name]) => name !== key)) as CallFilters;
  return value === undefined || (Array.isArray(value) && value.length === 0) ? others : { ...others, [key]: value };
}

/** Platforms whose staff tick calls as processed (TalkPilot's `done`). */
const VENDORS_WITH_PROCESSED: readonly Vendor[] = ['talkpilot'];

/**
 * The filter controls in the Filters panel; each runs as SQL in main. One value
 * per list, "any" by default. Drill-downs' people and handler filters have no
 * control here: their chips under the toolbar say them and remove them.
 */
export function Filters({ filters, onChange, connections, facets, trackers, timeZone }: Props) {
  const set = <K extends keyof CallFilters>(key: K, value: CallFilters[K] | undefined) => onChange(withFilter(filters, key, value));
  const range = dayRangeOf(filters, timeZone);
  const rangeProblem = range.fromDay && range.toDay && range.fromDay > range.toDay ? 'The first day (From) is after the last day (To).' : null;
  const problemId = useId();
  const dateId = useId();
  // Only the platforms this user has connected.
  const platforms = VENDORS.filter((vendor) => connections.some((c) => c.vendor === vendor));
  // Only TalkPilot has staff's "processed" tick; the choice stays visible while it is set, so it can be cleared.
  const offerProcessed = filters.processed !== undefined || platforms.some((vendor) => VENDORS_WITH_PROCESSED.includes(vendor));
  const trackerId = filters.trackerIds?.[0];
  // A tracker removed since the view was saved stays selectable, so it can be cleared.
  const trackerGone = trackerId !== undefined && trackers.length > 0 && !trackers.some((t) => t.id === trackerId);
  const chooseTracker = (value: string) => {
    const { trackerIds: _ids, trackerSide: _side, ...others } = filters;
    onChange(value ? { ...others, trackerIds: [Number(value)], ...(filters.trackerSide ? { trackerSide: filters.trackerSide } : {}) } : others);
  };

  const several = (values: readonly unknown[] | undefined) => (values?.length ?? 0) > 1;

  return (
    <fieldset className="filters" aria-label="Filters">
      <div className="filters-dates" role="group" aria-labelledby={dateId}>
        <span id={dateId} className="filters-heading">
          Date
        </span>
        <RangePicker
          range={range}
          onRange={(next) => onChange(withDayRange(filters, next, timeZone))}
          timeZone={timeZone}
          problemId={rangeProblem ? problemId : undefined}
          presets={CALL_RANGE_PRESETS}
        />
      </div>
      <label>
        Connection
        <select value={filters.connectionIds?.[0] ?? ''} onChange={(e) => set('connectionIds', e.target.value ? [Number(e.target.value)] : undefined)}>
          <option value="">All</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Platform
        <select value={filters.vendors?.[0] ?? ''} onChange={(e) => set('vendors', e.target.value ? [e.target.value as Vendor] : undefined)}>
          <option value="">All</option>
          {platforms.map((vendor) => (
            <option key={vendor} value={vendor}>
              {VENDOR_NAMES[vendor]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Direction
        <select
          value={filters.directions?.[0] ?? ''}
          onChange={(e) => set('directions', e.target.value ? [e.target.value as (typeof DIRECTIONS)[number]] : undefined)}
        >
          <option value="">Any</option>
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {DIRECTION_WORDS[d]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome
        <select
          value={several(filters.statuses) ? 'several' : (filters.statuses?.[0] ?? '')}
          onChange={(e) => set('statuses', e.target.value ? [e.target.value as (typeof CALL_STATUSES)[number]] : undefined)}
        >
          <option value="">Any</option>
          {several(filters.statuses) && (
            <option value="several" disabled>
              {filters.statuses?.map((st) => STATUS_WORDS[st]).join(', ')}
            </option>
          )}
          {CALL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Recruiter / agent
        <select value={filters.userIds?.[0] ?? ''} onChange={(e) => set('userIds', e.target.value ? [e.target.value] : undefined)}>
          <option value="">Anyone</option>
          {facets?.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
              {u.kind === 'ai_agent' ? ` (${HANDLER_WORDS.ai_agent})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Contact type
        <select value={filters.contactTypes?.[0] ?? ''} onChange={(e) => set('contactTypes', e.target.value ? [e.target.value] : undefined)}>
          <option value="">Any</option>
          {facets?.contactTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Transcript
        <select
          value={filters.hasTranscript === undefined ? '' : String(filters.hasTranscript)}
          onChange={(e) => set('hasTranscript', e.target.value === '' ? undefined : e.target.value === 'true')}
        >
          <option value="">Any</option>
          <option value="true">With transcript</option>
          <option value="false">Without</option>
        </select>
      </label>
      {offerProcessed && (
        <label>
          Processed
          <select
            value={filters.processed === undefined ? '' : String(filters.processed)}
            onChange={(e) => set('processed', e.target.value === '' ? undefined : e.target.value === 'true')}
          >
            <option value="">Any</option>
            <option value="true">Marked processed</option>
            <option value="false">Not processed</option>
          </select>
        </label>
      )}
      <label>
        Tracker
        <select value={trackerId ?? ''} onChange={(e) => chooseTracker(e.target.value)}>
          <option value="">Any</option>
          {trackers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
          {trackerGone && <option value={trackerId}>Removed tracker</option>}
          {trackers.length === 0 && (
            <option value="" disabled>
              None yet: add them in Settings
            </option>
          )}
        </select>
      </label>
      {trackerId !== undefined && (
        <label>
          Said by
          <select value={filters.trackerSide ?? ''} onChange={(e) => set('trackerSide', e.target.value ? (e.target.value as TrackerSide) : undefined)}>
            <option value="">Either side</option>
            <option value="ours">Our side</option>
            <option value="contact">The contact</option>
          </select>
        </label>
      )}
      <label>
        Talk time at least (min)
        <input
          type="number"
          min={0}
          max={600}
          step={1}
          className="short"
          value={filters.minTalkSeconds === undefined ? '' : filters.minTalkSeconds / 60}
          onChange={(e) => {
            const minutes = Number(e.target.value);
            set('minTalkSeconds', e.target.value === '' || !Number.isFinite(minutes) || minutes < 0 ? undefined : Math.round(Math.min(minutes, 600) * 60));
          }}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={Boolean(filters.includeDeleted)} onChange={(e) => set('includeDeleted', e.target.checked || undefined)} />
        Include deleted
      </label>
      {rangeProblem && (
        <span id={problemId} role="alert" className="error">
          {rangeProblem}
        </span>
      )}
    </fieldset>
  );
}
