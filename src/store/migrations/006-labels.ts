import type { Migration } from "./migration.js";

/**
 * Human labels on stored generations: one row per (generation, label space, labeller). Labelling a sample
 * again in the same space under the same name updates the row (label and `updated_at`), never adds one.
 * No foreign key to `generations`: a label is a person's judgement and outlives a forgotten attempt.
 */
export const labels: Migration = {
  version: 6,
  name: "labels",
  up(db) {
    db.exec(`
      CREATE TABLE labels (
        run_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        turn INTEGER NOT NULL DEFAULT 0,
        space TEXT NOT NULL CHECK (space <> ''),
        labeller TEXT NOT NULL CHECK (labeller <> ''),
        label TEXT NOT NULL CHECK (label <> ''),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run_id, item_id, attempt, turn, space, labeller)
      ) WITHOUT ROWID;
      CREATE INDEX labels_space ON labels(space, labeller);
    `);
  },
};
