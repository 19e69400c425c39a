import type { Migration } from "./migration.js";

/**
 * Manual red-teaming (`breakfix ui` console): the `manual_sessions` table (a chat's model, system prompt and
 * message tree as JSON, resumable), and findings of origin `manual`. A manual finding belongs to no round
 * until a vulnerability identification counts it: `scope` and `round` then say which one did. SQLite cannot
 * widen a CHECK constraint in place, so `findings` is rebuilt with the wider one and a `scope` column.
 */
export const manualSessions: Migration = {
  version: 5,
  name: "manual-sessions",
  up(db) {
    db.exec(`
      CREATE TABLE findings_v5 (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('redteam', 'bench', 'manual')),
        source_id TEXT NOT NULL,
        harm_area TEXT NOT NULL,
        technique TEXT NOT NULL CHECK (json_valid(technique)),
        language TEXT NOT NULL,
        turn_depth INTEGER NOT NULL,
        severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 7),
        transcript TEXT NOT NULL CHECK (json_valid(transcript)),
        scores TEXT NOT NULL CHECK (json_valid(scores)),
        round INTEGER,
        created_at TEXT NOT NULL,
        scope TEXT
      );
      INSERT INTO findings_v5 SELECT *, NULL FROM findings;
      DROP TABLE findings;
      ALTER TABLE findings_v5 RENAME TO findings;
      CREATE INDEX findings_run ON findings(run_id);
      CREATE INDEX findings_area ON findings(harm_area, severity);
      CREATE INDEX findings_manual ON findings(origin, round, scope);

      CREATE TABLE manual_sessions (
        id TEXT PRIMARY KEY CHECK (id <> ''),
        title TEXT NOT NULL,
        model TEXT NOT NULL,
        system_prompt TEXT NOT NULL DEFAULT '',
        tree TEXT NOT NULL CHECK (json_valid(tree)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX manual_sessions_updated ON manual_sessions(updated_at);
    `);
  },
};
