import Database from "better-sqlite3";
import { BreakfixError, startModuleWorker } from "../core/index.js";
import type { WriterData, WriterMessage } from "./sql-writer-worker.js";
import { translateSqliteError } from "./sqlite.js";

/** One statement run over many parameter rows. */
export interface SqlOp {
  sql: string;
  rows: unknown[][];
  /** Every row must change a row (an UPDATE of a row that exists), else the whole transaction fails. */
  requireChange?: boolean;
}

/** Thrown (the transaction rolled back) when a `requireChange` row changed nothing. */
export class UnchangedRowError extends Error {
  constructor(
    readonly op: number,
    readonly row: number,
  ) {
    super(`statement ${op} changed no row for parameter row ${row}`);
  }
}

export interface SqlWriterThread {
  /**
   * Runs the ops in order in one transaction on the writer thread; resolves once it is committed. Row
   * values travel as JSON: strings, finite numbers, booleans and null.
   */
  run(ops: SqlOp[]): Promise<void>;
  /** Transactions handed over and not yet committed. */
  readonly backlog: number;
  /** Lets the queued transactions finish, then closes the thread's connection. Safe to call twice. */
  close(): Promise<void>;
}

interface Reply {
  id: number;
  error?: { message: string; code?: string; unchanged?: [number, number] };
}

/**
 * A worker thread with its own connection to `file` that commits transactions handed to it, in order, off
 * the main thread (which keeps serving model replies meanwhile). The thread keeps the process alive only
 * while it has work queued.
 */
export function startSqlWriterThread(file: string, busyTimeoutMs: number): SqlWriterThread {
  const workerData: WriterData = { file, busyTimeoutMs };
  const worker = startModuleWorker(import.meta.url, "sql-writer-worker", { workerData });
  worker.unref();
  const waiting = new Map<number, { resolve(): void; reject(e: unknown): void }>();
  let nextId = 0;
  let dead: unknown;
  let closing: Promise<void> | undefined;

  const settleAll = (error: unknown): void => {
    dead ??= error;
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  worker.on("message", (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (waiting.size === 0 && !closing) worker.unref();
    if (!reply.error) return w.resolve();
    const { message, code, unchanged } = reply.error;
    if (unchanged) return w.reject(new UnchangedRowError(unchanged[0], unchanged[1]));
    w.reject(translateSqliteError(code ? new Database.SqliteError(message, code) : new Error(message), file));
  });
  worker.on("error", (e) => settleAll(translateSqliteError(e, file)));
  const exited = new Promise<void>((resolve) => {
    worker.once("exit", () => {
      settleAll(new BreakfixError("INTERNAL", "the store's writer thread stopped"));
      resolve();
    });
  });

  return {
    run(ops) {
      if (dead !== undefined) return Promise.reject(dead);
      if (closing)
        return Promise.reject(new BreakfixError("INTERNAL", "the store's writer thread is closed"));
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.ref();
      // One string rather than a structured clone of every row: about half the main thread's cost.
      worker.postMessage({ id, json: JSON.stringify(ops) } satisfies WriterMessage);
      return done;
    },
    get backlog() {
      return waiting.size;
    },
    close() {
      closing ??= (async () => {
        if (dead === undefined) {
          worker.ref();
          worker.postMessage({ close: true } satisfies WriterMessage);
        }
        await exited;
      })();
      return closing;
    },
  };
}
