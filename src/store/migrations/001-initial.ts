import type { Migration } from "./migration.js";

/**
 * The first schema. Conventions: ids are TEXT chosen by the caller (stable across resumes); JSON columns
 * are TEXT checked with json_valid; timestamps are ISO-8601 UTC text; every result table carries a UNIQUE
 * natural key so a resumed run's writes are idempotent.
 */
export const initialSchema: Migration = {
  version: 1,
  name: "initial schema",
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind <> ''),
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
        config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
        config_hash TEXT NOT NULL,
        seed INTEGER,
        parent_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
        error TEXT,
        summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX runs_kind_created ON runs(kind, created_at);
      CREATE INDEX runs_parent ON runs(parent_id);

      CREATE TABLE run_items (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
        error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX run_items_status ON run_items(run_id, status, seq);

      CREATE TABLE generations (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        turn INTEGER NOT NULL DEFAULT 0,
        model_id TEXT NOT NULL,
        request TEXT NOT NULL CHECK (json_valid(request)),
        status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
        response TEXT,
        error_kind TEXT,
        error TEXT,
        finish_reason TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        latency_ms REAL NOT NULL,
        call_attempts INTEGER,
        cached INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (run_id, item_id, attempt, turn),
        CHECK ((status = 'ok' AND response IS NOT NULL) OR (status = 'error' AND error IS NOT NULL))
      );

      CREATE TABLE scores (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        turn INTEGER NOT NULL DEFAULT 0,
        judge_id TEXT NOT NULL,
        judge_version TEXT NOT NULL,
        prompt_hash TEXT,
        label TEXT NOT NULL,
        severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 7),
        value REAL,
        harm_area TEXT,
        rationale TEXT,
        error TEXT,
        raw TEXT,
        injection_suspected INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (run_id, item_id, attempt, turn, judge_id, judge_version),
        CHECK (label <> 'unknown' OR error IS NOT NULL)
      );
      CREATE INDEX scores_judge ON scores(judge_id, label);

      CREATE TABLE attack_attempts (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        objective_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        strategy TEXT NOT NULL,
        converters TEXT NOT NULL CHECK (json_valid(converters)),
        template TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'error')),
        transcript TEXT NOT NULL CHECK (json_valid(transcript)),
        queries INTEGER NOT NULL,
        scores TEXT NOT NULL CHECK (json_valid(scores)),
        harm_area TEXT,
        language TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (run_id, objective_id, attempt),
        CHECK (outcome <> 'error' OR error IS NOT NULL)
      );
      CREATE INDEX attack_attempts_outcome ON attack_attempts(run_id, outcome);

      CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('redteam', 'bench')),
        source_id TEXT NOT NULL,
        harm_area TEXT NOT NULL,
        technique TEXT NOT NULL CHECK (json_valid(technique)),
        language TEXT NOT NULL,
        turn_depth INTEGER NOT NULL,
        severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 7),
        transcript TEXT NOT NULL CHECK (json_valid(transcript)),
        scores TEXT NOT NULL CHECK (json_valid(scores)),
        round INTEGER,
        created_at TEXT NOT NULL
      );
      CREATE INDEX findings_run ON findings(run_id);
      CREATE INDEX findings_area ON findings(harm_area, severity);

      CREATE TABLE datasets (
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        source TEXT NOT NULL,
        row_count INTEGER NOT NULL CHECK (row_count >= 0),
        card TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(card)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (name, version)
      );

      CREATE TABLE checkpoints (
        id TEXT PRIMARY KEY,
        parent_id TEXT REFERENCES checkpoints(id) ON DELETE RESTRICT,
        run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
        kind TEXT NOT NULL,
        location TEXT NOT NULL,
        data_version TEXT,
        config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
        metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
        created_at TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
      );
      CREATE INDEX checkpoints_parent ON checkpoints(parent_id);

      CREATE TABLE metrics (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step INTEGER NOT NULL,
        name TEXT NOT NULL,
        value REAL, -- NULL records a NaN (a diverged loss is data, not an error)
        created_at TEXT NOT NULL,
        PRIMARY KEY (run_id, step, name)
      ) WITHOUT ROWID;
    `);
  },
};
