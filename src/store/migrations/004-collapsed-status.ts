import type { Migration } from "./migration.js";

/**
 * Adds the `collapsed` vulnerability status (no longer broken, but its re-attacks got degenerate replies).
 * SQLite cannot change a CHECK constraint in place: the table is rebuilt with the wider one and its rows
 * copied over.
 */
export const collapsedStatus: Migration = {
  version: 4,
  name: "collapsed-status",
  up(db) {
    db.exec(`
      CREATE TABLE vulnerabilities_v4 (
        scope TEXT NOT NULL CHECK (scope <> ''),
        round INTEGER NOT NULL CHECK (round >= 0),
        id TEXT NOT NULL,
        key TEXT NOT NULL CHECK (json_valid(key)),
        status TEXT NOT NULL CHECK (status IN ('new', 'open', 'fixed', 'reopened', 'collapsed')),
        first_seen_round INTEGER NOT NULL,
        last_broken_round INTEGER,
        severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 7),
        prevalence INTEGER NOT NULL CHECK (prevalence >= 0),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        successes INTEGER NOT NULL CHECK (successes >= 0),
        errors INTEGER NOT NULL DEFAULT 0 CHECK (errors >= 0),
        asr REAL NOT NULL CHECK (asr BETWEEN 0 AND 1),
        score REAL NOT NULL,
        finding_ids TEXT NOT NULL CHECK (json_valid(finding_ids)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (scope, round, id)
      ) WITHOUT ROWID;
      INSERT INTO vulnerabilities_v4 SELECT * FROM vulnerabilities;
      DROP TABLE vulnerabilities;
      ALTER TABLE vulnerabilities_v4 RENAME TO vulnerabilities;
      CREATE INDEX vulnerabilities_id ON vulnerabilities(scope, id, round);
    `);
  },
};
