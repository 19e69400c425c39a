import path from "node:path";
import type { AppEnv } from "../app/index.js";
import { BreakfixError } from "../core/index.js";
import type { ModelAliases } from "../models/index.js";
import type { CycleReportFiles, JudgeCalibrationRow } from "../report/index.js";
import { measureJudgeCalibration } from "../stats/index.js";
import type { Store } from "../store/index.js";
import type { CycleConfig } from "./cycle-config.js";
import { buildCycleState, cycleRunConfig, finishedStages } from "./cycle-record.js";
import { writeCycleReportFiles } from "./cycle-report.js";
import { type CycleOutcome, lastVerdict } from "./run-cycle.js";
import { plannedStages } from "./stage-table.js";

/** A stored cycle's configuration and finished stages, its model ids read with the aliases as when it ran. */
export function storedCycle(store: Store, cycleId: string, aliases: ModelAliases) {
  const run = cycleRunConfig(store, cycleId, aliases);
  return { ...run, records: finishedStages(store, cycleId, run.config.model) };
}

/** A cycle's stages (done or to do), its state and last gate verdict, as `cycle show` prints them. */
export function cycleSummary(store: Store, cycleId: string, aliases: ModelAliases) {
  const { config, outDir, records } = storedCycle(store, cycleId, aliases);
  const run = store.runs.require(cycleId);
  const done = new Set(records.map((r) => `${r.round}/${r.stage}`));
  return {
    cycleId,
    status: run.status,
    outDir,
    stages: plannedStages(config.rounds).map((s) => ({ ...s, done: done.has(`${s.round}/${s.stage}`) })),
    state: buildCycleState(cycleId, config, records),
    verdict: lastVerdict(records) ?? null,
  };
}

/** The cycles in the store, newest first, with their last verdict. */
export function listCycles(store: Store) {
  return store.runs.list({ kind: "cycle" }).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    createdAt: r.createdAt,
    verdict: (r.summary?.["verdict"] as CycleOutcome["verdict"]) ?? null,
  }));
}

/** Writes a stored cycle's report into `dir` (default: the cycle folder's report/). */
export async function writeStoredCycleReport(
  env: Pick<AppEnv, "store" | "datasets" | "progress">,
  cycleId: string,
  aliases: ModelAliases,
  dir?: string,
): Promise<CycleReportFiles> {
  const { config, outDir, records } = storedCycle(env.store, cycleId, aliases);
  const state = buildCycleState(cycleId, config, records);
  const calibration = await judgeCalibration(env, config);
  return writeCycleReportFiles(env.store, state, config, dir ?? path.join(outDir, "report"), {
    ...(calibration ? { judgeCalibration: calibration } : {}),
  });
}

/**
 * The judges' agreement with human labels, when the labelled sets are at hand (`../shared/datasets`); a
 * fresh clone has none, and the report then says calibration was not measured rather than failing.
 */
async function judgeCalibration(
  env: Pick<AppEnv, "store" | "datasets" | "progress">,
  config: CycleConfig,
): Promise<JudgeCalibrationRow[] | undefined> {
  try {
    // Kept in the store per judge version and fold as each finishes, so writing the report again measures
    // nothing twice and a kill mid-way keeps the finished folds.
    return await measureJudgeCalibration(["refusal:learned", config.redteam.judge.id], env.datasets, {
      store: env.store,
      progress: env.progress,
    });
  } catch (e) {
    if (e instanceof BreakfixError && (e.code === "NOT_FOUND" || e.code === "DATA_INVALID")) return undefined;
    throw e;
  }
}
