import { clean, nowIso } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

/** The stored generation a label is about: (run, item, attempt, turn), the generations table's key. */
export interface SampleRef {
  runId: string;
  itemId: string;
  attempt: number;
  turn: number;
}

/** One person's label on a sample in a label space (`refusal`, `binary`, ...). */
export interface LabelInput extends SampleRef {
  space: string;
  labeller: string;
  label: string;
}

export interface StoredLabel extends LabelInput {
  createdAt: string;
  updatedAt: string;
}

export interface LabelFilter {
  space?: string;
  labeller?: string;
  runId?: string;
}

interface LabelRowDb {
  run_id: string;
  item_id: string;
  attempt: number;
  turn: number;
  space: string;
  labeller: string;
  label: string;
  created_at: string;
  updated_at: string;
}

/**
 * Human labels, keyed by (sample, space, labeller). Unlike results, a label is an upsert: labelling the
 * same sample again changes the label and `updatedAt` and keeps `createdAt`. Which labels a space allows is
 * the caller's business (the judges' label spaces); the store only refuses empty fields.
 */
export function createLabelRepo(db: Db, stmt: (sql: string) => Statement) {
  const get = (ref: SampleRef, space: string, labeller: string): StoredLabel | undefined => {
    const row = stmt(
      `SELECT * FROM labels WHERE run_id = ? AND item_id = ? AND attempt = ? AND turn = ?
         AND space = ? AND labeller = ?`,
    ).get(ref.runId, ref.itemId, ref.attempt, ref.turn, space, labeller) as LabelRowDb | undefined;
    return row && toLabel(row);
  };

  return {
    get,

    /** Records or replaces a label; says whether the row was new, changed or already so. */
    put(l: LabelInput): "created" | "updated" | "unchanged" {
      return db.transaction(() => {
        const labeller = clean(l.labeller);
        const before = get(l, l.space, labeller);
        if (before?.label === l.label) return "unchanged";
        const now = nowIso();
        stmt(
          `INSERT INTO labels (run_id, item_id, attempt, turn, space, labeller, label, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_id, item_id, attempt, turn, space, labeller)
           DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at`,
        ).run(l.runId, l.itemId, l.attempt, l.turn, l.space, labeller, l.label, now, now);
        return before ? "updated" : "created";
      })();
    },

    /** Labels in the order they were first given. */
    list(filter: LabelFilter = {}): StoredLabel[] {
      const rows = stmt(
        `SELECT * FROM labels WHERE (@space IS NULL OR space = @space)
           AND (@labeller IS NULL OR labeller = @labeller) AND (@runId IS NULL OR run_id = @runId)
         ORDER BY created_at, run_id, item_id, attempt, turn, labeller`,
      ).all({
        space: filter.space ?? null,
        labeller: filter.labeller ?? null,
        runId: filter.runId ?? null,
      }) as LabelRowDb[];
      return rows.map(toLabel);
    },

    /** Forgets one label; false when there was none. */
    remove(ref: SampleRef, space: string, labeller: string): boolean {
      return (
        stmt(
          `DELETE FROM labels WHERE run_id = ? AND item_id = ? AND attempt = ? AND turn = ?
             AND space = ? AND labeller = ?`,
        ).run(ref.runId, ref.itemId, ref.attempt, ref.turn, space, labeller).changes === 1
      );
    },
  };
}

export type LabelRepo = ReturnType<typeof createLabelRepo>;

function toLabel(r: LabelRowDb): StoredLabel {
  return {
    runId: r.run_id,
    itemId: r.item_id,
    attempt: r.attempt,
    turn: r.turn,
    space: r.space,
    labeller: r.labeller,
    label: r.label,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
