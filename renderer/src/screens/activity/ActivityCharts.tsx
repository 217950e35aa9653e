import { useMemo } from 'react';
import type { ActivitySummary } from '../../../../shared/activity';
import { AnswerRateChart } from './AnswerRateChart';
import { CallsPerDayChart } from './CallsPerDayChart';
import { answerRates, callsPerDay, topTalkTime } from './chart-data';
import type { DayRange } from '../../components/range/range';
import { TalkTimeChart } from './TalkTimeChart';

/** The range at a glance: calls per day, who talked most, who answers. */
export function ActivityCharts({ summary, range }: { summary: ActivitySummary; range: DayRange }) {
  const days = useMemo(() => callsPerDay(summary.daily, range), [summary.daily, range]);
  const talk = useMemo(() => topTalkTime(summary.users), [summary.users]);
  const rates = useMemo(() => answerRates(summary.users), [summary.users]);
  return (
    <div className="activity-charts">
      <CallsPerDayChart data={days} />
      <div className="chart-pair">
        <TalkTimeChart data={talk} />
        <AnswerRateChart data={rates} />
      </div>
    </div>
  );
}
