import { answeredCalls, answerRate, type ActivityDay, type ActivityTotals } from '../../../../shared/activity';
import { daysOf, type DayRange } from '../../components/range/range';

/** Charts of users show this many: more bars than this cannot be read. */
export const TOP_USERS = 15;

export interface CallsOnDay {
  day: string;
  inbound: number;
  outbound: number;
}

/** Answered calls per day across every user, with a zero for each quiet day in the range. */
export function callsPerDay(daily: readonly ActivityDay[], range: DayRange): CallsOnDay[] {
  const byDay = new Map(daysOf(range).map((day) => [day, { day, inbound: 0, outbound: 0 }]));
  for (const row of daily) {
    const day = byDay.get(row.day);
    if (!day) continue;
    day.inbound += row.inboundCalls;
    day.outbound += row.outboundCalls;
  }
  return [...byDay.values()];
}

interface UserBar {
  /** Unique across connections: the same name on two platforms is two people (or one, counted twice). */
  label: string;
  connection: string;
  /** The row the bar shows: a click opens its calls. */
  row: ActivityTotals;
}

/** A user's name, with the connection when another connection has a user of the same name. */
function labeller(users: readonly ActivityTotals[]): (user: ActivityTotals) => string {
  const connectionsByName = new Map<string, Set<number>>();
  for (const u of users) connectionsByName.set(u.user, (connectionsByName.get(u.user) ?? new Set()).add(u.connectionId));
  return (u) => ((connectionsByName.get(u.user)?.size ?? 0) > 1 ? `${u.user} (${u.connection})` : u.user);
}

export interface TalkTimeBar extends UserBar {
  minutes: number;
}

/** The users who talked longest, longest first, in minutes (the axis reads better than h:mm:ss). */
export function topTalkTime(users: readonly ActivityTotals[], limit = TOP_USERS): TalkTimeBar[] {
  const label = labeller(users);
  return users
    .map((u) => ({ label: label(u), connection: u.connection, row: u, minutes: (u.inboundSeconds + u.outboundSeconds) / 60 }))
    .filter((bar) => bar.minutes > 0)
    .sort((a, b) => b.minutes - a.minutes)
    .slice(0, limit);
}

export interface AnswerRateBar extends UserBar {
  rate: number;
  attempts: number;
}

/** Answer rates of the users with the most calls (a rate of 1 call says little), best rate first. */
export function answerRates(users: readonly ActivityTotals[], limit = TOP_USERS): AnswerRateBar[] {
  const label = labeller(users);
  return users
    .map((u) => ({ label: label(u), connection: u.connection, row: u, rate: answerRate(u), attempts: answeredCalls(u) + u.missedCalls + u.noAnswerCalls }))
    .filter((bar): bar is AnswerRateBar => bar.rate !== null)
    .sort((a, b) => b.attempts - a.attempts)
    .slice(0, limit)
    .sort((a, b) => b.rate - a.rate);
}
