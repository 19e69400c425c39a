/**
 * The store: one SQLite file (better-sqlite3, WAL, foreign keys on) through which every stage persists, so
 * that an interrupted run resumes where it stopped. Schema changes are numbered migrations
 * (`migrations/NNN-*.ts`, tracked in `PRAGMA user_version`, each in its own transaction); a database newer
 * than the code is refused.
 *
 * Tables (repository on the Store in brackets):
 * - runs [runs]: one row per bench / redteam / train / cycle run: status, config (+ hash), seed, parent run.
 * - run_items [items]: the planned items of a run with pending | done | failed, so resume knows what is left.
 * - generations [generations]: model calls: request messages + params, reply or failure, usage, latency.
 * - scores [scores]: judge verdicts on generations (judge id + version + prompt hash, label, severity, ...).
 * - attack_attempts [attacks]: red-team attempts with transcripts, outcome and the judges' scores.
 * - findings [findings]: confirmed breaks. datasets [datasets]: dataset versions with sha256 and card.
 * - checkpoints [checkpoints]: model states with parent lineage. metrics [metrics]: training curves.
 * - manual_sessions [manualSessions]: manual red-teaming chats of `breakfix ui` (model, system prompt, tree).
 * - vulnerabilities [vulnerabilities]: per-round vulnerability snapshots (scope, round, id), replaced whole
 *   per round by the vuln stage (so identifying a round again rewrites it, never duplicates it).
 * - labels [labels]: human labels on generations, per (generation, label space, labeller); an upsert.
 *
 * Idempotency policy: every result row has a natural key enforced by a UNIQUE constraint —
 * generations (run, item, attempt, turn), scores (run, item, attempt, turn, judge id, judge version),
 * attack_attempts (run, objective, attempt), findings / checkpoints (id), datasets (name, version),
 * run_items (run, item). Writes use `ON CONFLICT DO NOTHING`: the first write wins and a repeated write is a
 * no-op, so a resumed run neither loses nor duplicates work. Two exceptions, on purpose: metrics (run, step,
 * name) are upserts (last write wins, see metrics.ts) and run/item status fields are updated in place.
 * A stage writes each batch of results and its `items.markDone` in one `store.transaction`, so a kill
 * leaves either the whole batch or none of it. `openResultWriter` does the same for a stream of batches,
 * committing them on a worker thread with its own connection (file stores), off the main thread.
 *
 * Text from the outside world (replies, error reasons, transcripts, judge output) passes `redactSecrets`
 * before it is written. Every SQLite failure surfaces as a one-line BreakfixError STORE with a fix.
 */

import { existsSync } from "node:fs";
import { BreakfixError } from "../core/index.js";
import { type AttackRepo, createAttackRepo } from "./attacks.js";
import { type CheckpointRepo, createCheckpointRepo } from "./checkpoints.js";
import { createDatasetRepo, type DatasetRepo } from "./datasets.js";
import { createFindingRepo, type FindingRepo } from "./findings.js";
import { createGenerationRepo, type GenerationRepo } from "./generations.js";
import { createItemRepo, type ItemRepo } from "./items.js";
import { createLabelRepo, type LabelRepo } from "./labels.js";
import { createManualSessionRepo, type ManualSessionRepo } from "./manual-sessions.js";
import { createMetricRepo, type MetricRepo } from "./metrics.js";
import { assertNotNewer, latestVersion, migrate, schemaVersionOf } from "./migrate.js";
import { MIGRATIONS } from "./migrations/index.js";
import { createRunRepo, type RunRepo } from "./runs.js";
import { createScoreRepo, type ScoreRepo } from "./scores.js";
import { createStatementCache, openDatabase, withStoreErrors } from "./sqlite.js";
import { createVulnerabilityRepo, type VulnerabilityRepo } from "./vulnerabilities.js";

export type { AttackSummary, StoredAttack } from "./attacks.js";
export type { CheckpointInput, StoredCheckpoint } from "./checkpoints.js";
export type { DatasetRecord, StoredDataset } from "./datasets.js";
export type { FindingFilter, StoredFinding } from "./findings.js";
export type { Generation, GenerationInput, GenerationOutcome, GenerationParams } from "./generations.js";
export { resultKey } from "./generations.js";
export type { ItemCounts, ItemStatus, PlannedItem, RunItem } from "./items.js";
export type { LabelFilter, LabelInput, SampleRef, StoredLabel } from "./labels.js";
export type { ManualSession, ManualTurn } from "./manual-sessions.js";
export type { MetricPoint } from "./metrics.js";
export type { ResultBatch, ResultWriter, ResultWriterOptions } from "./result-writer.js";
export { openResultWriter } from "./result-writer.js";
export type { NewRun, Run, RunFilter, RunKind, RunStatus } from "./runs.js";
export { newRunId } from "./runs.js";
export type { ScoreInput, StoredScore } from "./scores.js";
export type { VulnerabilityFilter } from "./vulnerabilities.js";
export type {
  AttackRepo,
  CheckpointRepo,
  DatasetRepo,
  FindingRepo,
  GenerationRepo,
  ItemRepo,
  LabelRepo,
  ManualSessionRepo,
  MetricRepo,
  RunRepo,
  ScoreRepo,
  VulnerabilityRepo,
};

/** The schema version this code writes (the last migration's). */
export const SCHEMA_VERSION = latestVersion(MIGRATIONS);

export interface StoreOptions {
  /** Apply pending migrations on open (default true). `breakfix db info` opens without, to report them. */
  migrate?: boolean;
  /** How long a write waits for another process's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** Create the file when absent (default true); when false a missing file is a NOT_FOUND error. */
  create?: boolean;
}

export interface Store {
  readonly path: string;
  readonly runs: RunRepo;
  readonly items: ItemRepo;
  readonly generations: GenerationRepo;
  readonly scores: ScoreRepo;
  readonly attacks: AttackRepo;
  readonly findings: FindingRepo;
  readonly datasets: DatasetRepo;
  readonly checkpoints: CheckpointRepo;
  readonly metrics: MetricRepo;
  readonly vulnerabilities: VulnerabilityRepo;
  /** Saved manual red-teaming chats of the web console (migration 005). */
  readonly manualSessions: ManualSessionRepo;
  readonly labels: LabelRepo;
  /**
   * Runs `fn` in one transaction: all its writes commit together, or none if it throws (the error is
   * rethrown). `fn` must be synchronous — do the model calls first, then write their results here. Nests.
   */
  transaction<T>(fn: () => T): T;
  /** The database's `user_version`. */
  schemaVersion(): number;
  /** The version this code migrates to. */
  readonly latestSchemaVersion: number;
  /** Applies pending migrations; returns those applied (empty when up to date). */
  migrate(): { version: number; name: string }[];
  /** Row count of every table. */
  tableCounts(): Record<string, number>;
  /** Safe to call twice. */
  close(): void;
}

/**
 * Opens (creating when absent, with its directory) the database at `file` and, unless told otherwise,
 * brings its schema up to date. Throws BreakfixError STORE for a corrupt, locked or newer database.
 * `openStore(":memory:")` gives a private in-memory store, handy in other stages' tests.
 */
export function openStore(file: string, options: StoreOptions = {}): Store {
  if (options.create === false && !existsSync(file)) {
    throw new BreakfixError("NOT_FOUND", "no database here yet", {
      location: { file },
      fix: "run any stage (or `breakfix db migrate`) to create it, or point --db at an existing file",
    });
  }
  const db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
  try {
    withStoreErrors(file, () => (options.migrate === false ? assertNotNewer(db, file) : migrate(db, file)));
  } catch (err) {
    db.close();
    throw err;
  }
  const stmt = createStatementCache(db);
  const guarded = <T extends object>(repo: T): T => guardMethods(repo, file);
  return {
    path: file,
    runs: guarded(createRunRepo(db, stmt)),
    items: guarded(createItemRepo(db, stmt)),
    generations: guarded(createGenerationRepo(db, stmt)),
    scores: guarded(createScoreRepo(db, stmt)),
    attacks: guarded(createAttackRepo(db, stmt)),
    findings: guarded(createFindingRepo(db, stmt)),
    datasets: guarded(createDatasetRepo(stmt)),
    checkpoints: guarded(createCheckpointRepo(stmt)),
    metrics: guarded(createMetricRepo(db, stmt)),
    vulnerabilities: guarded(createVulnerabilityRepo(db, stmt)),
    manualSessions: guarded(createManualSessionRepo(stmt)),
    labels: guarded(createLabelRepo(db, stmt)),
    transaction: (fn) => withStoreErrors(file, () => db.transaction(fn)()),
    schemaVersion: () => withStoreErrors(file, () => schemaVersionOf(db)),
    latestSchemaVersion: SCHEMA_VERSION,
    migrate: () =>
      withStoreErrors(file, () => migrate(db, file).map((m) => ({ version: m.version, name: m.name }))),
    tableCounts: () =>
      withStoreErrors(file, () => {
        const tables = db
          .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          )
          .all() as { name: string }[];
        const counts: Record<string, number> = {};
        for (const { name } of tables) {
          counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
        }
        return counts;
      }),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Wraps every method so SQLite errors raised by a repository become STORE errors with a fix. */
function guardMethods<T extends object>(repo: T, file: string): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repo)) {
    out[key] =
      typeof value === "function"
        ? (...args: unknown[]) =>
            withStoreErrors(file, () => (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return out as T;
}
