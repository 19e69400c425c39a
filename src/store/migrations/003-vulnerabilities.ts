import type { Migration } from "./migration.js";

/**
 * Vulnerability snapshots: one row per (scope, round, vulnerability id), written whole per round by the
 * vuln stage. The key and finding ids are JSON; the id is derived from the key, so it recurs across rounds.
 */
export const vulnerabilities: Migration = {
  version: 3,
  name: "vulnerabilities",
  up(db) {
    db.exec(`
      CREATE TABLE vulnerabilities (
        scope TEXT NOT NULL CHECK (scope <> ''),
        round INTEGER NOT NULL CHECK (round >= 0),
        id TEXT NOT NULL,
        key TEXT NOT NULL CHECK (json_valid(key)),
        status TEXT NOT NULL CHECK (status IN ('new', 'open', 'fixed', 'reopened')),
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
      CREATE INDEX vulnerabilities_id ON vulnerabilities(scope, id, round);
    `);
  },
};
