import { z } from 'zod';
import { activityTotalsRow, personId, personKeyOf, type ActivityTotals, type PersonKey, type Team } from './activity';
import type { HandlerKind } from './calls';

/** A person as their calls name them (see PersonKey in activity.ts). */
export const PersonKeySchema = z.object({ connectionId: z.number().int().positive(), userId: z.string().min(1).max(200).nullable() }).strict();

export const TeamSaveSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, 'Give the team a name.').max(80, 'A team name is at most 80 characters.'),
    members: z.array(PersonKeySchema).max(500),
  })
  .strict();
export type TeamSave = z.input<typeof TeamSaveSchema>;

/** A team's row on the Activity screen: its members' figures summed, for one kind (recruiters or agents). */
export interface TeamRow {
  /** The team's id; null for the people in no team. */
  teamId: number | null;
  name: string;
  /** The members with figures in this section, this period or the one before: whose calls a drill-down opens. */
  members: PersonKey[];
  current: ActivityTotals;
  /** Absent when no member had figures in the period before. */
  previous: ActivityTotals | undefined;
}

/**
 * One row per team for one kind: the sums of its members' rows, now and in
 * the period before, then one row for the people in no team. A team none of
 * whose members has figures of this kind is left out. A person in two teams
 * counts in both: a team's row is about the team, the section's total about people.
 */
export function teamRows(kind: HandlerKind, teams: readonly Team[], current: readonly ActivityTotals[], previous: readonly ActivityTotals[]): TeamRow[] {
  const ofKind = (rows: readonly ActivityTotals[]) => rows.filter((r) => r.kind === kind);
  const now = ofKind(current);
  const before = ofKind(previous);
  const row = (teamId: number | null, name: string, inTeam: (r: ActivityTotals) => boolean): TeamRow | null => {
    const rowsNow = now.filter(inTeam);
    const rowsBefore = before.filter(inTeam);
    const members = new Map([...rowsNow, ...rowsBefore].map((r) => [personId(personKeyOf(r)), personKeyOf(r)]));
    if (members.size === 0) return null;
    const named = (total: ActivityTotals): ActivityTotals => ({
      ...total,
      kind,
      user: name,
      connection: `${members.size} ${members.size === 1 ? 'person' : 'people'}`,
    });
    return {
      teamId,
      name,
      members: [...members.values()],
      current: named(activityTotalsRow(rowsNow)),
      previous: rowsBefore.length ? named(activityTotalsRow(rowsBefore)) : undefined,
    };
  };
  const memberIds = teams.map((t) => new Set(t.members.map(personId)));
  const anyTeam = new Set(memberIds.flatMap((ids) => [...ids]));
  const rows = teams.map((t, i) => row(t.id, t.name, (r) => memberIds[i]?.has(personId(personKeyOf(r))) ?? false));
  rows.push(row(null, 'Not in a team', (r) => !anyTeam.has(personId(personKeyOf(r)))));
  return rows.filter((r): r is TeamRow => r !== null);
}
