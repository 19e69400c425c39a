import { setMaxListeners } from "node:events";
import {
  BreakfixError,
  type ChatModel,
  createRng,
  type GenerateOptions,
  type Judge,
  type Progress,
  type Sample,
  silentProgress,
} from "../core/index.js";
import type { JudgeSpec } from "../judges/index.js";
import { newRunId, openResultWriter, type ResultWriter, type Store } from "../store/index.js";
import { chooseJudges, judgeInfo } from "./bench-judges.js";
import type { ItemRecord } from "./metric-spec.js";
import { lastAttempts, type PlayedItem, playItem } from "./play-item.js";
import { recordOfPlayed } from "./played-records.js";
import { buildRunReport, type RunReport, reportFromRecords, reportHeadline } from "./run-report.js";
import type { BenchItem, JudgeInfo, Suite, UserSimulator } from "./suite.js";
import type { SuiteRegistry } from "./suite-registry.js";
import { templateUserSimulator } from "./user-simulators.js";

export interface RunBenchOptions {
  store: Store;
  registry: SuiteRegistry;
  /** Resumes the run when it exists (same configuration), else starts it under this id. */
  runId?: string;
  suites: readonly string[];
  model: ChatModel;
  /** `--judge` judges: each replaces the default judge of the suites whose role it fits. */
  judges?: readonly JudgeSpec[];
  /** Judge per suite, taking precedence over `judges` (a resumed run's own choice). */
  judgeBySuite?: Readonly<Record<string, JudgeSpec>>;
  createJudge(spec: JudgeSpec): Judge | Promise<Judge>;
  loadSamples(datasetId: string): Promise<Sample[]>;
  /** Plays the user in multi-turn suites; the template-driven escalating user when absent. */
  simulator?: UserSimulator;
  limit?: number;
  seed?: number;
  /** Items in flight at once (the provider's own concurrency limit still applies underneath). */
  concurrency?: number;
  generate?: Omit<GenerateOptions, "signal">;
  /** Suite options (capabilityFile, turns, ...): part of the run's configuration. */
  suiteOptions?: Record<string, unknown>;
  progress?: Progress;
  signal?: AbortSignal;
  /** Also redo the items that failed (a model or simulator call failed), as a new attempt. */
  retryFailed?: boolean;
  /** Items written per transaction (default 64); a batch is also written after 1 s. */
  batchSize?: number;
  /** Commit the batches on a worker thread (default true; in-memory stores always write inline). */
  backgroundWrites?: boolean;
}

export interface RunBenchResult {
  runId: string;
  resumed: boolean;
  status: "done" | "interrupted";
  report: RunReport;
}

/** What a bench run records as its configuration (resuming with another is refused). */
export interface BenchRunConfig {
  suites: string[];
  model: string;
  judges: Record<string, { id: string; scoreId: string; version: string; gradesSeverity: boolean }>;
  simulator: string;
  limit: number | null;
  seed: number;
  generate: Omit<GenerateOptions, "signal">;
  options: Record<string, unknown>;
}

/**
 * Runs suites against a model: plans every item into the store, skips the done ones on resume, queries and
 * judges with bounded concurrency, and writes results in batched transactions (committed on a writer
 * thread for a file store). The metrics of a resumed run are computed from the store, so it reports exactly
 * like an uninterrupted one; a fresh run computes them from the same results kept in memory, once all are
 * committed. Cancelling keeps finished work.
 */
export async function runBench(o: RunBenchOptions): Promise<RunBenchResult> {
  const suites = o.suites.map((id) => o.registry.get(id));
  const specs = chooseJudges(suites, o.judges ?? []);
  for (const [suite, spec] of Object.entries(o.judgeBySuite ?? {})) specs.set(suite, spec);
  const judges = new Map<string, { judge: Judge; info: JudgeInfo }>();
  for (const s of suites) {
    const spec = specs.get(s.id) as JudgeSpec;
    const judge = await o.createJudge(spec);
    judges.set(s.id, { judge, info: judgeInfo(spec, judge) });
  }
  const seed = o.seed ?? 1;
  const simulator = o.simulator ?? templateUserSimulator;
  const generate = o.generate ?? { temperature: 0, maxTokens: 512 };
  const config: BenchRunConfig = {
    suites: suites.map((s) => s.id),
    model: o.model.id,
    judges: Object.fromEntries(
      suites.map((s) => {
        const j = judges.get(s.id)!;
        return [
          s.id,
          {
            id: specs.get(s.id)!.id,
            scoreId: j.judge.id,
            version: j.judge.version,
            gradesSeverity: j.info.gradesSeverity,
          },
        ];
      }),
    ),
    simulator: simulator.id,
    limit: o.limit ?? null,
    seed,
    generate,
    options: o.suiteOptions ?? {},
  };
  const runId = o.runId ?? newRunId("bench");
  const { resumed, run } = o.store.runs.start({
    id: runId,
    kind: "bench",
    name: config.suites.join("+"),
    config: { ...config },
    seed,
  });
  try {
    const fresh = o.store.items.counts(runId).total === 0 ? await loadItems(o, suites, seed) : undefined;
    const records = new Map<string, ItemRecord>();
    const status = await execute(o, runId, judges, simulator, generate, fresh, records);
    // A fresh run holds every result it wrote, so it reports from memory; a resumed one from the store.
    const report = fresh
      ? reportFromRecords(
          { runId, status: run.status, createdAt: run.createdAt },
          config,
          fresh.map(
            (p) => records.get(p.id) ?? { itemId: p.id, item: p.payload, status: "pending", turns: [] },
          ),
          o.registry,
        )
      : buildRunReport(o.store, runId, o.registry);
    o.store.runs.finish(runId, status === "done" ? "done" : "interrupted", {
      summary: reportHeadline(report),
    });
    return { runId, resumed, status, report: { ...report, status } };
  } catch (e) {
    o.store.runs.finish(runId, "failed", { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/** Batches handed to the writer and not yet committed, beyond which the lanes wait for it. */
const MAX_WRITE_BACKLOG = 4;

type PlannedBenchItem = { id: string; payload: BenchItem };

async function loadItems(
  o: RunBenchOptions,
  suites: readonly Suite[],
  seed: number,
): Promise<PlannedBenchItem[]> {
  const rng = createRng(seed);
  const planned: PlannedBenchItem[] = [];
  for (const suite of suites) {
    const items = await suite.load({
      loadSamples: o.loadSamples,
      rng: rng.fork(suite.id),
      limit: o.limit,
      options: o.suiteOptions ?? {},
    });
    if (items.length === 0) {
      throw new BreakfixError("DATA_INVALID", `suite ${suite.id} has no items to run`, {
        fix: "check its dataset (breakfix data list) or the --limit",
      });
    }
    for (const item of items) planned.push({ id: `${suite.id}/${item.sampleId}`, payload: item });
  }
  return planned;
}

async function execute(
  o: RunBenchOptions,
  runId: string,
  judges: Map<string, { judge: Judge }>,
  simulator: UserSimulator,
  generate: Omit<GenerateOptions, "signal">,
  fresh: PlannedBenchItem[] | undefined,
  /** Filled with each finished item of a fresh run (a resumed run's report reads the store). */
  records: Map<string, ItemRecord>,
): Promise<"done" | "interrupted"> {
  const { store, signal } = o;
  const pending = fresh
    ? fresh.map((p) => ({ itemId: p.id, payload: p.payload }))
    : store.items.pending<BenchItem>(runId, { includeFailed: o.retryFailed });
  const attempts = fresh ? new Map<string, number>() : lastAttempts(store.generations.doneKeys(runId));
  const counts = fresh ? { total: fresh.length, pending: fresh.length } : store.items.counts(runId);
  const progress = o.progress ?? silentProgress;
  progress.start(`bench ${runId}`, counts.total, counts.total - counts.pending);
  // The writer (its thread) is opened and a fresh run's items are planned (one transaction, through the
  // writer, so before any result) once the first calls are in flight: both overlap the model's latency.
  let writer: ResultWriter | undefined;
  const openWriter = (): ResultWriter =>
    (writer ??= openResultWriter(store, { background: o.backgroundWrites }));
  let planned = fresh === undefined;
  const ensurePlanned = (): void => {
    if (planned || !fresh) return;
    planned = true;
    track(openWriter().plan(runId, fresh));
  };
  const batchSize = o.batchSize ?? 64;
  const concurrency = Math.max(1, Math.min(o.concurrency ?? 16, pending.length));
  // Every call in flight listens on the run's signal (and middleware may add a listener or two).
  if (signal) setMaxListeners(Math.max(10, concurrency * 4), signal);
  const buffer: PlayedItem[] = [];
  let lastFlush = performance.now();
  let writeError: { error: unknown } | undefined;
  const writing = new Set<Promise<void>>();
  const track = (write: Promise<void>): void => {
    const settled = write
      .catch((error: unknown) => {
        writeError ??= { error };
      })
      .finally(() => writing.delete(settled));
    writing.add(settled);
  };
  const write = (batch: PlayedItem[]): void =>
    track(
      openWriter().write({
        runId,
        generations: batch.flatMap((p) => p.generations),
        scores: batch.flatMap((p) => p.scores),
        done: batch.filter((p) => p.failure === undefined).map((p) => p.itemId),
        failed: batch.flatMap((p) =>
          p.failure === undefined ? [] : [{ itemId: p.itemId, error: p.failure }],
        ),
      }),
    );
  let flushQueued = false;
  /** Writes the full batches buffered, and the rest too at the end or once a second has passed. */
  const flush = (all: boolean): void => {
    flushQueued = false;
    const due = all || performance.now() - lastFlush > 1000;
    if (buffer.length === 0 || (!due && buffer.length < batchSize)) return;
    ensurePlanned();
    lastFlush = performance.now();
    while (buffer.length >= batchSize || (due && buffer.length > 0)) write(buffer.splice(0, batchSize));
  };
  // Run after the replies already received are handled, so their lanes send their next calls first.
  const queueFlush = (): void => {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(flush, false);
  };
  const judgeKey = (suite: string) => {
    const { judge } = judges.get(suite)!;
    return { scoreId: judge.id, version: judge.version };
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!signal?.aborted && !writeError && next < pending.length) {
      const entry = pending[next++]!;
      const item = entry.payload as BenchItem;
      const played = await playItem(
        entry.itemId,
        item,
        {
          runId,
          model: o.model,
          judge: judges.get(item.suite)!.judge,
          simulator,
          generate,
          signal,
        },
        (attempts.get(entry.itemId) ?? 0) + 1,
      );
      if (!played) return;
      buffer.push(played);
      // Kept as the small record the report needs, not the whole played item (its requests, usage, ...).
      if (fresh) records.set(entry.itemId, recordOfPlayed(entry.itemId, item, played, judgeKey(item.suite)));
      progress.advance();
      if (buffer.length >= batchSize || performance.now() - lastFlush > 1000) queueFlush();
      // Backpressure: a writer that falls behind holds the lanes rather than the results piling up.
      while (writing.size > MAX_WRITE_BACKLOG) await Promise.race(writing);
    }
  };
  try {
    const workers = Promise.all(Array.from({ length: concurrency }, worker));
    await new Promise((resolve) => setImmediate(resolve));
    ensurePlanned();
    await workers;
  } finally {
    ensurePlanned();
    flush(true);
    // Finished only once every result is committed (a resumed run's report reads them back).
    await writer?.close();
    progress.finish();
  }
  if (writeError) throw writeError.error;
  return signal?.aborted ? "interrupted" : "done";
}
