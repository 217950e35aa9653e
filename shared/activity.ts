import type { PersonConversation } from './conversation';
import type { HandlerKind } from './calls';
import type { DayRange } from './reports';
import { ACTIVITY_METRICS, type ActivityFigures, type ActivityMetrics } from './activity-metric-list';

/** One user's activity on one UTC day. */
export interface UserActivityFields extends ActivityMetrics {
  userId: string;
  /** YYYY-MM-DD, the UTC day the figures cover. */
  day: string;
  userName: string | null;
  userEmail: string | null;
  raw: unknown;
}

export interface UserActivity extends Omit<UserActivityFields, 'raw'> {
  connectionId: number;
}

/**
 * One user's (or voice-AI agent's) figures over a range, summed from the daily
 * rows, or derived from calls for platforms without an activity endpoint.
 * Null where the platform does not report a figure (messaging for agents).
 */
export interface ActivityTotals extends ActivityFigures {
  /** Set on the per-day rows: YYYY-MM-DD (the vendor's UTC day). */
  day?: string;
  /** A person (recruiter) or a voice-AI agent: managers read them apart. */
  kind: HandlerKind;
  connectionId: number;
  connection: string;
  userId: string | null;
  /**
   * The id this person's calls carry (`calls.user_id`): what drill-down and
   * teams use. The activity id for most; TalentLynk's calls name the recruiter by email.
   */
  callsUserId: string | null;
  /** Per-person rows: the conversation figures of their calls' stored transcripts (null when none has any). */
  conversation?: PersonConversation | null;
  /** Per-person rows: how many of their calls hit each tracker, by tracker id (a tracker none hit is absent). */
  trackerCalls?: Record<number, number>;
  /** The name, or the id when no name is known (then `nameNote` says why). */
  user: string;
  /** Why `user` is an id, e.g. "name not available: this key cannot list agents"; null when the name is known. */
  nameNote: string | null;
  email: string | null;
}

/** Rates are worked out from the sums, so a totals row's rate is right too. */
export function answeredCalls(r: Pick<ActivityTotals, 'inboundCalls' | 'outboundCalls'>): number {
  return r.inboundCalls + r.outboundCalls;
}
export function answerRate(r: ActivityTotals): number | null {
  const attempts = answeredCalls(r) + r.missedCalls + r.noAnswerCalls;
  return attempts ? answeredCalls(r) / attempts : null;
}
export function averageCallSeconds(r: ActivityTotals): number | null {
  const answered = answeredCalls(r);
  return answered ? (r.inboundSeconds + r.outboundSeconds) / answered : null;
}

/** Column sums; a figure no row has stays null rather than showing 0. */
export function activityTotalsRow(rows: readonly ActivityTotals[]): ActivityTotals {
  const total: Record<string, unknown> = {
    kind: rows[0]?.kind ?? 'recruiter',
    connectionId: 0,
    connection: '',
    userId: null,
    callsUserId: null,
    user: 'Total',
    nameNote: null,
    email: null,
  };
  for (const { key } of ACTIVITY_METRICS) {
    const values = rows.map((r) => r[key]).filter((v): v is number => v !== null);
    total[key] = values.length ? values.reduce((a, b) => a + b, 0) : null;
  }
  return total as unknown as ActivityTotals;
}

/** A person as their calls name them: what a drill-down and a team member are. */
export interface PersonKey {
  connectionId: number;
  /** `calls.user_id`; null for calls that name nobody. */
  userId: string | null;
}

export const personKeyOf = (r: Pick<ActivityTotals, 'connectionId' | 'callsUserId'>): PersonKey => ({ connectionId: r.connectionId, userId: r.callsUserId });
/** One string per person, for maps and React keys. */
export const personId = (p: PersonKey): string => `${p.connectionId}:${p.userId ?? ''}`;

/** A team of people, named by the manager (teams/list). */
export interface Team {
  id: number;
  name: string;
  members: PersonKey[];
}

/** Answered calls on one day, over everyone of a kind: a bar of the "calls per day" chart. */
export interface ActivityDay {
  /** YYYY-MM-DD: the vendor's day for activity feeds, the UTC day for figures derived from calls. */
  day: string;
  kind: HandlerKind;
  inboundCalls: number;
  outboundCalls: number;
}

/**
 * What the Activity screen shows for a range: a KPI row per user, a totals
 * row, answered calls per day and kind for charts, the same figures for the period
 * just before (of the same length) to compare with, and the teams.
 */
export interface ActivitySummary {
  users: ActivityTotals[];
  total: ActivityTotals;
  daily: ActivityDay[];
  /** The instants the range covers in the user's zone, [fromMs, toMs): drill-downs ask for exactly these calls. */
  rangeMs: { fromMs: number; toMs: number };
  previous: {
    range: DayRange;
    rangeMs: { fromMs: number; toMs: number };
    /** Per person, as `users`; a person without activity then has no row. */
    users: ActivityTotals[];
    total: ActivityTotals;
  };
  teams: Team[];
  /** The saved trackers, for a column each. */
  trackers: { id: number; name: string }[];
}
