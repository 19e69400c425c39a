import type { Db } from "../sqlite.js";

/** One schema step. `version` is the `PRAGMA user_version` the database has once `up` has run. */
export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction; must not commit or change pragmas that cannot roll back. */
  up(db: Db): void;
}
