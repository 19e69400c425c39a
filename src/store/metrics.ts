import { nowIso } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

export interface MetricPoint {
  runId: string;
  step: number;
  name: string;
  /** NaN is kept (stored as NULL): a diverged loss is worth seeing on the curve. */
  value: number;
}

/**
 * Training curves: one value per (run, step, name). Unlike result rows, a rewrite replaces the value (last
 * write wins): training resumed from an earlier checkpoint repeats steps, and the values of the repeat are
 * the ones that led to the final weights.
 */
export function createMetricRepo(db: Db, stmt: (sql: string) => Statement) {
  const put = (p: MetricPoint): void => {
    stmt(
      `INSERT INTO metrics (run_id, step, name, value, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step, name) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
    ).run(p.runId, p.step, p.name, Number.isNaN(p.value) ? null : p.value, nowIso());
  };

  return {
    /** Logs several named values at one step, in one transaction. */
    log(runId: string, step: number, values: Record<string, number>): void {
      db.transaction(() => {
        for (const [name, value] of Object.entries(values)) put({ runId, step, name, value });
      })();
    },

    logMany(points: readonly MetricPoint[]): void {
      db.transaction(() => {
        for (const p of points) put(p);
      })();
    },

    /** One metric's curve in step order. */
    series(runId: string, name: string): { step: number; value: number }[] {
      const rows = stmt("SELECT step, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step").all(
        runId,
        name,
      ) as { step: number; value: number | null }[];
      return rows.map((r) => ({ step: r.step, value: r.value ?? Number.NaN }));
    },

    names(runId: string): string[] {
      const rows = stmt("SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name").all(runId) as {
        name: string;
      }[];
      return rows.map((r) => r.name);
    },

    /** The highest step logged, to resume a curve; undefined when nothing was logged. */
    lastStep(runId: string): number | undefined {
      const row = stmt("SELECT max(step) AS step FROM metrics WHERE run_id = ?").get(runId) as {
        step: number | null;
      };
      return row.step ?? undefined;
    },
  };
}

export type MetricRepo = ReturnType<typeof createMetricRepo>;
