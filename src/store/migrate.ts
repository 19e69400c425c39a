import { BreakfixError } from "../core/index.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";
import type { Db } from "./sqlite.js";

export function schemaVersionOf(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Refuses a database written by a newer breakfix: old code could corrupt tables it does not know. */
export function assertNotNewer(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersionOf(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new BreakfixError(
      "STORE",
      `database schema version ${current} is newer than this breakfix supports (${latest})`,
      {
        location: { file },
        fix: "upgrade breakfix, or point --db at another file",
      },
    );
  }
}

/**
 * Applies the pending migrations, each in its own IMMEDIATE transaction together with its `user_version`
 * bump, so a crash leaves the database at a whole version. The version is re-read inside the transaction,
 * so two processes migrating at once apply each step once. Returns the migrations applied.
 */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  assertNotNewer(db, file, migrations);
  const applied: Migration[] = [];
  for (const m of migrations) {
    const step = db.transaction(() => {
      if (schemaVersionOf(db) >= m.version) return false;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (step.immediate()) applied.push(m);
  }
  const broken = applied.length > 0 ? (db.pragma("foreign_key_check") as unknown[]) : [];
  if (broken.length > 0) {
    throw new BreakfixError("STORE", `${broken.length} rows break foreign keys after migrating`, {
      location: { file },
      fix: "restore the database from a backup, or point --db at a fresh file",
    });
  }
  return applied;
}
