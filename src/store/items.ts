import { BreakfixError } from "../core/index.js";
import { clean, fromJson, nowIso, opt, toJsonOrNull } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export type ItemStatus = "pending" | "done" | "failed";

export interface PlannedItem {
  /** Stable id within the run (a sample id, an objective id, a training shard). */
  id: string;
  /** What the stage needs to process the item on resume (the Sample, the objective, ...). */
  payload?: unknown;
}

export interface RunItem<P = unknown> {
  runId: string;
  itemId: string;
  /** Planned order; `pending` returns items in this order. */
  seq: number;
  status: ItemStatus;
  payload?: P;
  error?: string;
  updatedAt: string;
}

export interface ItemCounts {
  total: number;
  pending: number;
  done: number;
  failed: number;
}

interface ItemRowDb {
  run_id: string;
  item_id: string;
  seq: number;
  status: ItemStatus;
  payload: string | null;
  error: string | null;
  updated_at: string;
}

/** The insert behind `plan` (a known id is kept as it is), and its parameters for one item at `seq`. */
export const PLAN_ITEM_SQL = `INSERT INTO run_items (run_id, item_id, seq, status, payload, updated_at)
 VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT (run_id, item_id) DO NOTHING`;

export function planRow(runId: string, item: PlannedItem, seq: number, updatedAt = nowIso()): unknown[] {
  return [runId, item.id, seq, toJsonOrNull(item.payload), updatedAt];
}

/** The status update behind `markDone`/`markFailed` (exactly one row must change: the item was planned). */
export const SET_ITEM_STATUS_SQL =
  "UPDATE run_items SET status = ?, error = ?, updated_at = ? WHERE run_id = ? AND item_id = ?";

export function itemStatusRow(
  runId: string,
  itemId: string,
  status: ItemStatus,
  error: string | null,
  updatedAt = nowIso(),
): unknown[] {
  return [status, error, updatedAt, runId, itemId];
}

export const unplannedItemError = (runId: string, itemId: string): BreakfixError =>
  new BreakfixError("INTERNAL", `item ${itemId} was never planned in run ${runId}`);

/**
 * The planned work of a run. Planning is idempotent (known ids are kept as they are, with their status), so
 * a resumed stage re-plans the same list and then asks for `pending` items.
 */
export function createItemRepo(db: Db, stmt: (sql: string) => Statement) {
  const setStatus = (runId: string, itemId: string, status: ItemStatus, error: string | null): void => {
    const res = stmt(SET_ITEM_STATUS_SQL).run(...itemStatusRow(runId, itemId, status, error));
    if (res.changes === 0) throw unplannedItemError(runId, itemId);
  };

  return {
    /** Adds the items not planned yet, in the given order, in one transaction; returns how many were new. */
    plan(runId: string, items: readonly PlannedItem[]): number {
      return db.transaction(() => {
        const base = (
          stmt("SELECT coalesce(max(seq) + 1, 0) AS n FROM run_items WHERE run_id = ?").get(runId) as {
            n: number;
          }
        ).n;
        const insert = stmt(PLAN_ITEM_SQL);
        const now = nowIso();
        let added = 0;
        for (const item of items) added += insert.run(...planRow(runId, item, base + added, now)).changes;
        return added;
      })();
    },

    /** Items still to do, in planned order. `includeFailed` also returns items marked failed (to retry them). */
    pending<P = unknown>(
      runId: string,
      options: { includeFailed?: boolean; limit?: number } = {},
    ): RunItem<P>[] {
      const rows = stmt(
        `SELECT * FROM run_items WHERE run_id = ? AND (status = 'pending' OR (? AND status = 'failed'))
         ORDER BY seq LIMIT ?`,
      ).all(runId, options.includeFailed ? 1 : 0, options.limit ?? -1) as ItemRowDb[];
      return rows.map((r) => toItem<P>(r));
    },

    list<P = unknown>(runId: string): RunItem<P>[] {
      const rows = stmt("SELECT * FROM run_items WHERE run_id = ? ORDER BY seq").all(runId) as ItemRowDb[];
      return rows.map((r) => toItem<P>(r));
    },

    /** Marks items done (in one transaction). Marking a done item again is a no-op. */
    markDone(runId: string, itemIds: readonly string[]): void {
      db.transaction(() => {
        for (const id of itemIds) setStatus(runId, id, "done", null);
      })();
    },

    /** Marks an item failed with its (redacted) reason; `pending(..., { includeFailed })` retries it. */
    markFailed(runId: string, itemId: string, error: string): void {
      setStatus(runId, itemId, "failed", clean(error));
    },

    counts(runId: string): ItemCounts {
      const rows = stmt("SELECT status, count(*) AS n FROM run_items WHERE run_id = ? GROUP BY status").all(
        runId,
      ) as { status: ItemStatus; n: number }[];
      const counts: ItemCounts = { total: 0, pending: 0, done: 0, failed: 0 };
      for (const r of rows) {
        counts[r.status] = r.n;
        counts.total += r.n;
      }
      return counts;
    },
  };
}

export type ItemRepo = ReturnType<typeof createItemRepo>;

function toItem<P>(r: ItemRowDb): RunItem<P> {
  return {
    runId: r.run_id,
    itemId: r.item_id,
    seq: r.seq,
    status: r.status,
    payload: fromJson<P>(r.payload),
    error: opt(r.error),
    updatedAt: r.updated_at,
  };
}
