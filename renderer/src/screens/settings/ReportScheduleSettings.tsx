import { useId, useState } from 'react';
import { LAST_SCHEDULABLE_DAY, WEEKDAY_NAMES, type ReportSchedule, type ScheduledReportKind } from '../../../../shared/report-schedule';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { zoneNote } from '../../lib/format';
import { SaveStatus } from './SaveStatus';
import { ScheduledReportHistory } from './ScheduledReportHistory';
import { useSettingsSaver } from './use-settings-saver';

/** What turning the schedule on starts with: last week's activity, Mondays at 08:00, into the reports folder. */
const FIRST_RULE: ReportSchedule = { period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: null };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WORKBOOKS: { kind: ScheduledReportKind; label: string }[] = [
  { kind: 'activity', label: 'Activity workbook' },
  { kind: 'calls', label: 'Calls workbook (every call of the period)' },
];
const DAYS_OF_MONTH = Array.from({ length: LAST_SCHEDULABLE_DAY }, (_, i) => i + 1);

/** The last week's or month's workbooks, saved into a folder by themselves (issue #14). */
export function ReportScheduleSettings() {
  const { timeZone } = useApp();
  const { settings, status, save, update } = useSettingsSaver();
  const id = useId();
  const rule = settings.reportSchedule;
  // A time being typed stays in the field until it is a whole time, which is saved (and shown from the settings again).
  const [draftTime, setDraftTime] = useState<string | null>(null);
  const time = draftTime ?? rule?.time ?? FIRST_RULE.time;

  const change = (next: ReportSchedule) => void update({ reportSchedule: next });
  const toggleWorkbook = (kind: ScheduledReportKind, on: boolean) => {
    if (!rule) return;
    const reports = WORKBOOKS.map((w) => w.kind).filter((k) => (k === kind ? on : rule.reports.includes(k)));
    if (reports.length) change({ ...rule, reports });
  };
  const setPeriod = (period: ReportSchedule['period']) => {
    if (!rule || rule.period === period) return;
    const { reports, folder } = rule;
    change(period === 'week' ? { period, weekday: 1, time: rule.time, reports, folder } : { period, dayOfMonth: 1, time: rule.time, reports, folder });
  };
  const chooseFolder = () =>
    save(async () => {
      const before = settings.reportSchedule?.folder ?? null;
      const after = await request('settings/choose-scheduled-reports-folder');
      return (after.reportSchedule?.folder ?? null) !== before;
    });

  return (
    <div className="schedule report-schedule">
      <label className="check">
        <input
          type="checkbox"
          checked={rule !== null}
          onChange={(event) => void update({ reportSchedule: event.target.checked ? { ...FIRST_RULE, time: TIME.test(time) ? time : FIRST_RULE.time } : null })}
        />
        Save reports by themselves
      </label>
      {rule && (
        <>
          <div className="setting">
            <span className="setting-label" id={`${id}-what`}>
              What
            </span>
            <div className="setting-control" role="group" aria-labelledby={`${id}-what`}>
              {WORKBOOKS.map(({ kind, label }) => (
                <label className="check" key={kind}>
                  <input
                    type="checkbox"
                    checked={rule.reports.includes(kind)}
                    // The last workbook left cannot be unticked: turn the schedule off instead.
                    disabled={rule.reports.length === 1 && rule.reports[0] === kind}
                    onChange={(event) => toggleWorkbook(kind, event.target.checked)}
                  />
                  {label}
                </label>
              ))}
            </div>
          </div>
          <div className="setting">
            <label htmlFor={`${id}-period`}>Covering</label>
            <div className="setting-control">
              <select id={`${id}-period`} value={rule.period} onChange={(event) => setPeriod(event.target.value as ReportSchedule['period'])}>
                <option value="week">Last week (Monday to Sunday)</option>
                <option value="month">Last month (the calendar month)</option>
              </select>
            </div>
          </div>
          <div className="setting">
            <label htmlFor={`${id}-day`}>{rule.period === 'week' ? 'Every' : 'On day'}</label>
            <div className="setting-control">
              {rule.period === 'week' ? (
                <select id={`${id}-day`} value={rule.weekday} onChange={(event) => change({ ...rule, weekday: Number(event.target.value) })}>
                  {WEEKDAY_NAMES.map((name, i) => (
                    <option key={name} value={i + 1}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <select id={`${id}-day`} value={rule.dayOfMonth} onChange={(event) => change({ ...rule, dayOfMonth: Number(event.target.value) })}>
                  {DAYS_OF_MONTH.map((day) => (
                    <option key={day} value={day}>
                      {day}
                    </option>
                  ))}
                </select>
              )}
              <span aria-hidden="true">at</span>
              <input
                type="time"
                aria-label="Report time"
                value={time}
                onChange={(event) => {
                  const typed = event.target.value;
                  setDraftTime(TIME.test(typed) ? null : typed);
                  if (TIME.test(typed)) change({ ...rule, time: typed });
                }}
              />
              <span className="muted">{zoneNote(timeZone)}</span>
            </div>
            {rule.period === 'month' && <small className="muted setting-help">Days 1 to {LAST_SCHEDULABLE_DAY} only, so no month is skipped.</small>}
          </div>
          <div className="setting">
            <span className="setting-label">Save in</span>
            <div className="setting-control">
              <code className="path" data-testid="scheduled-reports-folder">
                {rule.folder ?? settings.reportsFolderInUse}
              </code>
              <button type="button" onClick={() => void chooseFolder()}>
                Choose…
              </button>
              <button type="button" onClick={() => change({ ...rule, folder: null })} disabled={rule.folder === null}>
                Use the reports folder
              </button>
            </div>
          </div>
        </>
      )}
      <SaveStatus status={status} />
      <small className="muted">
        If Talktally is closed at that time, the report is written when it next starts. After a longer break only the latest missed week or month is written,
        not every one.
      </small>
      <ScheduledReportHistory refreshKey={JSON.stringify(rule)} />
    </div>
  );
}
