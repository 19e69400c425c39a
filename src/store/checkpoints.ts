import { BreakfixError, type CheckpointRecord } from "../core/index.js";
import { fromJson, nowIso, opt, toJson } from "./json.js";
import type { Statement } from "./sqlite.js";

export interface CheckpointInput extends CheckpointRecord {
  /** The training run that produced it. */
  runId?: string;
}

export interface StoredCheckpoint extends CheckpointRecord {
  runId?: string;
  createdAt: string;
}

interface CheckpointRowDb {
  id: string;
  parent_id: string | null;
  run_id: string | null;
  kind: string;
  location: string;
  data_version: string | null;
  config: string;
  metrics: string;
  created_at: string;
}

/**
 * Model states and their lineage. A checkpoint names its parent, which must already be stored, and the
 * parent never changes afterwards, so lineage is a tree with no cycles. Keyed by id; first write wins.
 */
export function createCheckpointRepo(stmt: (sql: string) => Statement) {
  const get = (id: string): StoredCheckpoint | undefined => {
    const row = stmt("SELECT * FROM checkpoints WHERE id = ?").get(id) as CheckpointRowDb | undefined;
    return row && toCheckpoint(row);
  };

  return {
    get,

    /** Returns false when a checkpoint with this id is already stored (it is left as it was). */
    put(c: CheckpointInput): boolean {
      if (c.parentId !== undefined && !get(c.parentId)) {
        throw new BreakfixError(
          "NOT_FOUND",
          `parent checkpoint ${c.parentId} of ${c.id} is not in the store`,
          {
            fix: "store the parent checkpoint first (a base model is stored with no parent)",
          },
        );
      }
      return (
        stmt(
          `INSERT INTO checkpoints (id, parent_id, run_id, kind, location, data_version, config, metrics, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        ).run(
          c.id,
          c.parentId ?? null,
          c.runId ?? null,
          c.kind,
          c.location,
          c.dataVersion ?? null,
          toJson(c.config ?? {}),
          toJson(c.metrics ?? {}),
          c.createdAt ?? nowIso(),
        ).changes === 1
      );
    },

    /** Merges evaluation numbers into the checkpoint's metrics (later values for a name win). */
    addMetrics(id: string, metrics: Record<string, number>): void {
      const res = stmt("UPDATE checkpoints SET metrics = json_patch(metrics, ?) WHERE id = ?").run(
        toJson(metrics),
        id,
      );
      if (res.changes === 0) throw new BreakfixError("NOT_FOUND", `no checkpoint with id ${id}`);
    },

    /** The parent, grandparent, ... up to the base model (nearest first); empty for a base model. */
    ancestors(id: string): StoredCheckpoint[] {
      const rows = stmt(
        `WITH RECURSIVE up(id, depth) AS (
           SELECT parent_id, 1 FROM checkpoints WHERE id = ? AND parent_id IS NOT NULL
           UNION ALL
           SELECT c.parent_id, up.depth + 1 FROM checkpoints c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL
         )
         SELECT c.* FROM up JOIN checkpoints c ON c.id = up.id ORDER BY up.depth`,
      ).all(id) as CheckpointRowDb[];
      return rows.map(toCheckpoint);
    },

    /** Checkpoints trained from this one, directly. */
    children(id: string): StoredCheckpoint[] {
      const rows = stmt("SELECT * FROM checkpoints WHERE parent_id = ? ORDER BY created_at, id").all(
        id,
      ) as CheckpointRowDb[];
      return rows.map(toCheckpoint);
    },

    list(): StoredCheckpoint[] {
      return (stmt("SELECT * FROM checkpoints ORDER BY created_at, id").all() as CheckpointRowDb[]).map(
        toCheckpoint,
      );
    },
  };
}

export type CheckpointRepo = ReturnType<typeof createCheckpointRepo>;

function toCheckpoint(r: CheckpointRowDb): StoredCheckpoint {
  return {
    id: r.id,
    parentId: opt(r.parent_id),
    runId: opt(r.run_id),
    kind: r.kind,
    location: r.location,
    dataVersion: opt(r.data_version),
    config: fromJson<Record<string, unknown>>(r.config),
    metrics: fromJson<Record<string, number>>(r.metrics),
    createdAt: r.created_at,
  };
}
