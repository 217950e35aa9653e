import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityTotals } from '../../../../shared/activity';
import { formatPercent } from '../../lib/format';
import { ChartFrame, heightForBars, TOOLTIP_LOOK } from './ChartFrame';
import { TOP_USERS, type AnswerRateBar } from './chart-data';

/** Answered calls out of all calls, per user with the most calls, as horizontal bars. */
export function AnswerRateChart({ data, who, onOpen }: { data: AnswerRateBar[]; who: string; onOpen(row: ActivityTotals): void }) {
  return (
    <ChartFrame
      title={`Answer rate per ${who}`}
      note={`Answered calls out of all calls; the ${TOP_USERS} ${who}s with the most calls. Click a bar for its calls.`}
      empty={data.length === 0 && 'No calls in this range.'}
      testId="chart-answer-rate"
    >
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: '100%', height: heightForBars(data.length) }}
        title={`Answer rate per ${who}, in percent`}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 1]} tickFormatter={(share: number) => formatPercent(share)} />
        <YAxis type="category" dataKey="label" width="auto" interval={0} />
        <Tooltip {...TOOLTIP_LOOK} formatter={(share) => formatPercent(Number(share))} />
        <Bar
          className="drillable"
          onClick={(_, index) => {
            const bar = data[index];
            if (bar) onOpen(bar.row);
          }}
          dataKey="rate"
          name="Answer rate"
          fill="var(--chart-rate)"
        />
      </BarChart>
    </ChartFrame>
  );
}
