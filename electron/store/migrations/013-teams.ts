import type { Migration } from './migration';

/**
 * What the Activity screen needs beyond the synced calls:
 * - `teams` and `team_members`: groups of recruiters and agents a manager
 *   names ("Nurses desk", "Night line"), kept here so every screen and report
 *   sees the same groups. A member is a person as their calls name them: a
 *   connection and the user id its calls carry (`calls.user_id`).
 * - `vendor_agents`: each connection's agent list as the sync last read it
 *   (TalkPilot, Talknex, HighLevel). Their call records name the agent by id
 *   only (HighLevel's call logs carry just `agentId`), so a name kept on calls
 *   is as old as the call: calls stored while the key could not list agents,
 *   or before a rename, keep an id or an old name. The list's latest name wins.
 * - `vendor_agent_lists`: whether that list could be read, and if not why, so
 *   an agent shown by id says why ("this key cannot list agents").
 * All new tables: nothing existing changes.
 */
export const teams: Migration = {
  version: 13,
  name: 'teams',
  up(db) {
    db.exec(`
      CREATE TABLE teams (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 80),
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE team_members (
        team_id       INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        user_id       TEXT NOT NULL,
        PRIMARY KEY (team_id, connection_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE vendor_agents (
        connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        agent_id      TEXT NOT NULL,
        name          TEXT,
        listed_at_ms  INTEGER NOT NULL,
        PRIMARY KEY (connection_id, agent_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE vendor_agent_lists (
        connection_id INTEGER PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
        outcome       TEXT NOT NULL CHECK (outcome IN ('listed', 'not_allowed', 'failed')),
        -- Why the list could not be read, in plain words; null when it was.
        message       TEXT,
        checked_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
