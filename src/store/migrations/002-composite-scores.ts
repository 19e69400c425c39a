import type { Migration } from "./migration.js";

/** Composite judges (ensembles, cascades) keep their member verdicts and whether the members disagreed. */
export const compositeScores: Migration = {
  version: 2,
  name: "composite-scores",
  up(db) {
    db.exec(`
      ALTER TABLE scores ADD COLUMN members TEXT CHECK (members IS NULL OR json_valid(members));
      ALTER TABLE scores ADD COLUMN disagreement INTEGER;
    `);
  },
};
