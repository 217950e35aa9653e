import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatNumber } from '../../lib/format';
import { ChartFrame, TOOLTIP_LOOK } from './ChartFrame';
import type { CallsOnDay } from './chart-data';

const tickFormat = new Intl.DateTimeFormat(navigator.language || 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** "3 Nov": the axis has room for short days; the tooltip gives the full date. */
const shortDay = (day: string) => tickFormat.format(Date.parse(`${day}T00:00:00Z`));

/** Answered calls per day, inbound and outbound stacked, all users together. */
export function CallsPerDayChart({ data, who, onOpen }: { data: CallsOnDay[]; who: string; onOpen(day: string): void }) {
  const open = (_: unknown, index: number) => {
    const day = data[index];
    if (day) onOpen(day.day);
  };
  return (
    <ChartFrame
      title={`Calls per day: ${who}`}
      note={`Answered calls, all ${who} together (days in UTC, as the platforms count them). Click a bar for that day's calls.`}
      testId="chart-calls-per-day"
    >
      <BarChart
        data={data}
        responsive
        style={{ width: '100%', height: 300 }}
        title={`Answered calls per day, inbound and outbound: ${who}`}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={16} />
        <YAxis allowDecimals={false} tickFormatter={(n: number) => formatNumber(n)} width="auto" />
        <Tooltip {...TOOLTIP_LOOK} labelFormatter={(day) => formatDay(String(day))} formatter={(value) => formatNumber(Number(value))} />
        <Legend />
        <Bar className="drillable" onClick={open} dataKey="inbound" name="Inbound" stackId="calls" fill="var(--chart-inbound)" />
        <Bar className="drillable" onClick={open} dataKey="outbound" name="Outbound" stackId="calls" fill="var(--chart-outbound)" />
      </BarChart>
    </ChartFrame>
  );
}
