import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityTotals } from '../../../../shared/activity';
import { formatDuration, formatNumber } from '../../lib/format';
import { ChartFrame, heightForBars, TOOLTIP_LOOK } from './ChartFrame';
import { TOP_USERS, type TalkTimeBar } from './chart-data';

/** The people (or agents, or teams) who talked longest in the range, as horizontal bars in minutes. */
export function TalkTimeChart({ data, who, onOpen }: { data: TalkTimeBar[]; who: string; onOpen(row: ActivityTotals): void }) {
  return (
    <ChartFrame
      title={`Talk time per ${who}`}
      note={`Inbound and outbound, in minutes; the ${TOP_USERS} ${who}s who talked longest. Click a bar for its calls.`}
      empty={data.length === 0 && 'No answered calls in this range.'}
      testId="chart-talk-time"
    >
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: '100%', height: heightForBars(data.length) }}
        title={`Talk time per ${who}, in minutes`}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={(n: number) => formatNumber(Math.round(n))} />
        <YAxis type="category" dataKey="label" width="auto" interval={0} />
        <Tooltip {...TOOLTIP_LOOK} formatter={(minutes) => formatDuration(Number(minutes) * 60)} />
        <Bar
          className="drillable"
          onClick={(_, index) => {
            const bar = data[index];
            if (bar) onOpen(bar.row);
          }}
          dataKey="minutes"
          name="Talk time"
          fill="var(--chart-talk)"
        />
      </BarChart>
    </ChartFrame>
  );
}
