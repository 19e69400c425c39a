import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BreakfixError } from "../core/index.js";

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface SqliteOptions {
  /** How long a write waits for another process's lock before failing, in ms. */
  busyTimeoutMs: number;
}

/**
 * Opens (creating the parent directory and the file when absent) and configures a connection: WAL so
 * readers never block the writer and a killed writer loses only its uncommitted transaction; foreign keys
 * on (SQLite defaults them off); NORMAL sync, which is durable at every checkpoint in WAL mode.
 */
export function openDatabase(file: string, options: SqliteOptions): Db {
  return withStoreErrors(file, () => {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    if (file !== ":memory:" && existsSync(file) && statSync(file).isDirectory()) {
      throw new BreakfixError("DATA_INVALID", "is a folder, not a database file", {
        location: { file },
        fix: "point --db (or $BREAKFIX_DB) at a file, e.g. .breakfix/breakfix.db",
      });
    }
    const db = new Database(file, { timeout: options.busyTimeoutMs });
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      // Forces a read of the header, so a non-SQLite file fails here and not on the first query.
      db.pragma("user_version", { simple: true });
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  });
}

/** Prepared statements are compiled once per connection and reused (same SQL text, same statement). */
export function createStatementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}

/** Runs `fn`, turning SQLite's own errors into one-line STORE errors with a fix; others pass through. */
export function withStoreErrors<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translateSqliteError(err, file);
  }
}

export function translateSqliteError(err: unknown, file: string): unknown {
  if (err instanceof BreakfixError) return err;
  if (!(err instanceof Database.SqliteError) && !isFsError(err)) return err;
  const code = (err as { code?: string }).code ?? "";
  const at = { location: { file }, cause: err };
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    // A file that is not SQLite is bad input (exit 2), not a failed run.
    return new BreakfixError("DATA_INVALID", `not a breakfix database, or the file is corrupt (${code})`, {
      ...at,
      fix: "point --db (or $BREAKFIX_DB) at another file, or move this one away so a fresh database is created",
    });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new BreakfixError("STORE", "database is locked by another process", {
      ...at,
      fix: "wait for the other breakfix process to finish, or use a different --db",
    });
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY") || isFsError(err)) {
    return new BreakfixError("STORE", `cannot open the database for writing (${code || "file system"})`, {
      ...at,
      fix: "check that the directory exists and is writable, or use a different --db",
    });
  }
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    // The schema's checks caught a write the calling stage should never make (unknown run, bad severity).
    return new BreakfixError("INTERNAL", `the store rejected a write: ${(err as Error).message}`, at);
  }
  if (code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR")) {
    return new BreakfixError("STORE", `disk error while writing the database (${code})`, {
      ...at,
      fix: "free disk space or move the database to another disk with --db",
    });
  }
  return new BreakfixError("STORE", `database error: ${(err as Error).message} (${code})`, {
    ...at,
    fix: "run `breakfix db migrate`; if it persists, report it with the command that failed",
  });
}

function isFsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && err instanceof Error;
}
