import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { SqlOp } from "./sql-writer-thread.js";

/** What the main thread sends: a transaction as one JSON string (cheaper than cloning every row), or close. */
export type WriterMessage = { id: number; json: string } | { close: true };
export interface WriterData {
  file: string;
  busyTimeoutMs: number;
}

// Its own connection, configured like `openDatabase` (WAL, NORMAL sync, foreign keys): each transaction is
// as durable as one committed on the main thread, and a kill leaves a batch whole or absent.
const { file, busyTimeoutMs } = workerData as WriterData;
const port = parentPort;
if (!port) throw new Error("sql-writer-worker runs as a worker thread");
const db = new Database(file, { timeout: busyTimeoutMs });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
const statements = new Map<string, Database.Statement>();
const prepare = (sql: string): Database.Statement => {
  let s = statements.get(sql);
  if (!s) {
    s = db.prepare(sql);
    statements.set(sql, s);
  }
  return s;
};

const apply = db.transaction((ops: SqlOp[]) => {
  for (const [i, op] of ops.entries()) {
    const stmt = prepare(op.sql);
    for (const [j, row] of op.rows.entries()) {
      if (stmt.run(...row).changes === 0 && op.requireChange) {
        throw Object.assign(new Error("unchanged"), { unchanged: [i, j] });
      }
    }
  }
});

port.on("message", (m: WriterMessage) => {
  if ("close" in m) {
    db.close();
    port.close();
    return;
  }
  try {
    apply(JSON.parse(m.json) as SqlOp[]);
    port.postMessage({ id: m.id });
  } catch (e) {
    const err = e as { message?: unknown; code?: string; unchanged?: [number, number] };
    port.postMessage({
      id: m.id,
      error: { message: String(err?.message), code: err?.code, unchanged: err?.unchanged },
    });
  }
});
