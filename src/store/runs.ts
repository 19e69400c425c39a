import { randomBytes } from "node:crypto";
import { BreakfixError, contentHash } from "../core/index.js";
import { clean, fromJson, nowIso, opt, toJson, toJsonOrNull } from "./json.js";
import type { Db, Statement } from "./sqlite.js";

/** Stage that owns a run. Open-ended so new stages need no schema change. */
export type RunKind = "bench" | "redteam" | "train" | "cycle" | "curate" | (string & {});
export type RunStatus = "running" | "done" | "failed" | "interrupted";

export interface NewRun {
  /** Stable id; pass the same id to resume. See `newRunId`. */
  id: string;
  kind: RunKind;
  name: string;
  /** The resolved configuration the run uses; resuming with a different one is refused. */
  config?: Record<string, unknown>;
  seed?: number;
  /** The run this one belongs to (a cycle round's bench run points at the cycle run). */
  parentId?: string;
}

export interface Run {
  id: string;
  kind: RunKind;
  name: string;
  status: RunStatus;
  config: Record<string, unknown>;
  configHash: string;
  seed?: number;
  parentId?: string;
  error?: string;
  summary?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface RunFilter {
  kind?: RunKind;
  status?: RunStatus;
  parentId?: string;
  /** Newest first; default 100. */
  limit?: number;
}

interface RunRowDb {
  id: string;
  kind: string;
  name: string;
  status: RunStatus;
  config: string;
  config_hash: string;
  seed: number | null;
  parent_id: string | null;
  error: string | null;
  summary: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** `bench-20261127-223000-a1b2c3`: sortable by time, unique without coordination. */
export function newRunId(kind: RunKind, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${kind}-${stamp}-${randomBytes(3).toString("hex")}`;
}

export function createRunRepo(db: Db, stmt: (sql: string) => Statement) {
  const get = (id: string): Run | undefined => {
    const row = stmt("SELECT * FROM runs WHERE id = ?").get(id) as RunRowDb | undefined;
    return row && toRun(row);
  };
  const startRun = (run: NewRun): { run: Run; resumed: boolean } => {
    const config = run.config ?? {};
    const configHash = contentHash(config);
    const existing = get(run.id);
    const now = nowIso();
    if (existing) {
      if (existing.kind !== run.kind || existing.configHash !== configHash) {
        throw new BreakfixError(
          "USAGE",
          `run ${run.id} already exists with a different ${existing.kind !== run.kind ? "kind" : "configuration"}`,
          { fix: "resume it with its original configuration, or start a new run with another id" },
        );
      }
      stmt(
        "UPDATE runs SET status = 'running', error = NULL, finished_at = NULL, updated_at = ? WHERE id = ?",
      ).run(now, run.id);
      return { run: get(run.id)!, resumed: true };
    }
    stmt(
      `INSERT INTO runs (id, kind, name, status, config, config_hash, seed, parent_id, created_at, updated_at)
       VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.id,
      run.kind,
      run.name,
      toJson(config),
      configHash,
      run.seed ?? null,
      run.parentId ?? null,
      now,
      now,
    );
    return { run: get(run.id)!, resumed: false };
  };

  return {
    get,

    require(id: string): Run {
      const run = get(id);
      if (!run)
        throw new BreakfixError("NOT_FOUND", `no run with id ${id}`, {
          fix: "check the run id, or start a new run",
        });
      return run;
    },

    /**
     * Creates the run, or resumes it when the id exists with the same kind and config (status goes back to
     * `running`). A different config under the same id is refused: the items already done would mix two
     * experiments.
     */
    start(run: NewRun): { run: Run; resumed: boolean } {
      // One transaction, so two processes starting the same id cannot both insert it.
      return db.transaction(() => startRun(run)).immediate();
    },

    /** Records how the run ended. `error` is redacted; `summary` holds the stage's headline numbers. */
    finish(
      id: string,
      status: Exclude<RunStatus, "running">,
      extra: { error?: string; summary?: Record<string, unknown> } = {},
    ): void {
      const now = nowIso();
      const res = stmt(
        "UPDATE runs SET status = ?, error = ?, summary = coalesce(?, summary), updated_at = ?, finished_at = ? WHERE id = ?",
      ).run(status, clean(extra.error), toJsonOrNull(extra.summary), now, now, id);
      if (res.changes === 0) throw new BreakfixError("NOT_FOUND", `no run with id ${id}`);
    },

    list(filter: RunFilter = {}): Run[] {
      const rows = stmt(
        `SELECT * FROM runs
         WHERE (@kind IS NULL OR kind = @kind) AND (@status IS NULL OR status = @status)
           AND (@parent IS NULL OR parent_id = @parent)
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      ).all({
        kind: filter.kind ?? null,
        status: filter.status ?? null,
        parent: filter.parentId ?? null,
        limit: filter.limit ?? 100,
      }) as RunRowDb[];
      return rows.map(toRun);
    },
  };
}

export type RunRepo = ReturnType<typeof createRunRepo>;

function toRun(r: RunRowDb): Run {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    config: fromJson(r.config),
    configHash: r.config_hash,
    seed: opt(r.seed),
    parentId: opt(r.parent_id),
    error: opt(r.error),
    summary: fromJson(r.summary),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: opt(r.finished_at),
  };
}
