import { type GenerationInput, generationRow, INSERT_GENERATION_SQL } from "./generations.js";
import type { Store } from "./index.js";
import {
  itemStatusRow,
  PLAN_ITEM_SQL,
  type PlannedItem,
  planRow,
  SET_ITEM_STATUS_SQL,
  unplannedItemError,
} from "./items.js";
import { clean, nowIso } from "./json.js";
import { INSERT_SCORE_SQL, type ScoreInput, scoreRow } from "./scores.js";
import { type SqlOp, startSqlWriterThread, UnchangedRowError } from "./sql-writer-thread.js";

/** What a batch of finished items writes: their calls and verdicts, and each item's done/failed status. */
export interface ResultBatch {
  runId: string;
  generations: readonly GenerationInput[];
  scores: readonly ScoreInput[];
  done: readonly string[];
  failed: readonly { itemId: string; error: string }[];
}

export interface ResultWriter {
  /** `items.plan` through the writer: committed before any batch written after it. */
  plan(runId: string, items: readonly PlannedItem[]): Promise<void>;
  /**
   * Writes the batch in one transaction (results and statuses together, so a kill leaves all of it or
   * none); resolves once it is committed, rejects with the STORE/INTERNAL error if it was not.
   */
  write(batch: ResultBatch): Promise<void>;
  /** Waits for every batch handed over, then releases the writer. Safe to call twice. */
  close(): Promise<void>;
}

export interface ResultWriterOptions {
  /** Commit on a worker thread with its own connection (default); in-memory stores always write inline. */
  background?: boolean;
  busyTimeoutMs?: number;
}

/**
 * Opens the write path for a stage's results. On a file store the transactions run on a worker thread, so
 * the main thread's cost per batch is building the rows (JSON, redaction) and handing them over; the store's
 * guarantees hold unchanged (same statements, first write wins, one transaction per batch).
 */
export function openResultWriter(store: Store, options: ResultWriterOptions = {}): ResultWriter {
  if (options.background === false || store.path === ":memory:" || store.path === "") {
    return inlineWriter(store);
  }
  const thread = startSqlWriterThread(store.path, options.busyTimeoutMs ?? 5000);
  return {
    async plan(runId, items) {
      // `plan` numbers the items it adds without gaps, so the count is the next free seq.
      const base = store.items.counts(runId).total;
      const now = nowIso();
      await thread.run([
        { sql: PLAN_ITEM_SQL, rows: items.map((item, i) => planRow(runId, item, base + i, now)) },
      ]);
    },
    async write(batch) {
      // Built (and a bad verdict refused) before anything is handed to the thread.
      const ops = batchOps(batch);
      try {
        await thread.run(ops);
      } catch (e) {
        if (!(e instanceof UnchangedRowError)) throw e;
        const itemId = e.op === 2 ? batch.done[e.row] : batch.failed[e.row]?.itemId;
        throw unplannedItemError(batch.runId, itemId ?? "?");
      }
    },
    close: () => thread.close(),
  };
}

/** The batch as statements for the writer thread, in the order the inline writer runs them. */
function batchOps(batch: ResultBatch): SqlOp[] {
  const now = nowIso();
  const { runId } = batch;
  return [
    { sql: INSERT_GENERATION_SQL, rows: batch.generations.map((g) => generationRow(g, now)) },
    { sql: INSERT_SCORE_SQL, rows: batch.scores.map((s) => scoreRow(s, now)) },
    {
      sql: SET_ITEM_STATUS_SQL,
      rows: batch.done.map((id) => itemStatusRow(runId, id, "done", null, now)),
      requireChange: true,
    },
    {
      sql: SET_ITEM_STATUS_SQL,
      rows: batch.failed.map((f) => itemStatusRow(runId, f.itemId, "failed", clean(f.error), now)),
      requireChange: true,
    },
  ];
}

function inlineWriter(store: Store): ResultWriter {
  return {
    async plan(runId, items) {
      store.items.plan(runId, items);
    },
    async write(batch) {
      store.transaction(() => {
        store.generations.putMany(batch.generations);
        store.scores.putMany(batch.scores);
        store.items.markDone(batch.runId, batch.done);
        for (const f of batch.failed) store.items.markFailed(batch.runId, f.itemId, f.error);
      });
    },
    close: async () => {},
  };
}
