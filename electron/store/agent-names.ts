import type { HandlerKind } from '../../shared/calls';
import type { AgentListing } from '../vendors/connector';
import type { Db } from './db';
import { prepared } from './statements';

export type AgentListOutcome = 'listed' | 'not_allowed' | 'failed';

/**
 * Keeps a connection's agent list as the sync read it. A list that was read
 * replaces the stored one's names (agents no longer listed stay, with their
 * last name, so old calls keep a readable name); a list that could not be
 * read leaves the names as they were and records why.
 */
export function keepAgentListing(db: Db, connectionId: number, listing: AgentListing | { state: 'failed'; message: string }, nowMs = Date.now()): void {
  const status = prepared(
    db,
    `INSERT INTO vendor_agent_lists (connection_id, outcome, message, checked_at_ms) VALUES (@connectionId, @outcome, @message, @nowMs)
     ON CONFLICT (connection_id) DO UPDATE SET outcome = excluded.outcome, message = excluded.message, checked_at_ms = excluded.checked_at_ms`,
  );
  const agent = prepared(
    db,
    `INSERT INTO vendor_agents (connection_id, agent_id, name, listed_at_ms) VALUES (@connectionId, @agentId, @name, @nowMs)
     ON CONFLICT (connection_id, agent_id) DO UPDATE SET name = coalesce(excluded.name, vendor_agents.name), listed_at_ms = excluded.listed_at_ms`,
  );
  db.transaction(() => {
    const message = listing.state === 'listed' ? null : listing.message;
    status.run({ connectionId, outcome: listing.state, message, nowMs });
    if (listing.state !== 'listed') return;
    for (const a of listing.agents) agent.run({ connectionId, agentId: a.id, name: a.name?.trim() || null, nowMs });
  })();
}

/** Why a person or agent shows by its id, in words for the Activity screen. */
export function nameNote(kind: HandlerKind, outcome: AgentListOutcome | null, inList: boolean, listMessage: string | null): string {
  if (kind === 'recruiter') return 'name not available: the platform sent no name for this user';
  if (outcome === 'not_allowed') return `name not available: ${listMessage ?? 'this key cannot list agents'}`;
  if (outcome === 'failed') return `name not available: the agent list could not be read at the last sync (${listMessage ?? 'unknown error'})`;
  if (outcome === 'listed' && !inList) return 'name not available: this agent is not in the platform’s agent list (deleted, or hidden from this key)';
  if (outcome === 'listed') return 'name not available: the platform’s agent list gives this agent no name';
  return 'name not available: the platform sent no name for this agent';
}
