import path from "node:path";
import { BreakfixError } from "../core/index.js";
import type { ModelAliases } from "../models/index.js";
import { newRunId } from "../store/index.js";
import type { CycleConfig } from "./cycle-config.js";
import type { CycleEnv } from "./cycle-env.js";
import {
  buildCycleState,
  cycleRunConfig,
  finishedStages,
  recordStage,
  type StageRecord,
  stageItemId,
  startCycleRun,
  writeCycleStateFile,
} from "./cycle-record.js";
import type { CycleState } from "./cycle-state.js";
import { prepareCycle, runStage } from "./run-stage.js";
import { plannedSteps } from "./stage-table.js";

export interface CycleOutcome {
  cycleId: string;
  outDir: string;
  resumed: boolean;
  state: CycleState;
  /** Release-gate verdict of the last trained round (absent when no round reached its gates). */
  verdict?: { round: number; pass: boolean; failed: string[] };
}

/** Starts a cycle under a new id (or the given one) with its folder under `outRoot`. */
export async function runCycle(
  env: CycleEnv,
  input: { config: CycleConfig; outRoot: string; cycleId?: string },
): Promise<CycleOutcome> {
  const cycleId = input.cycleId ?? newRunId("cycle");
  const outDir = path.resolve(env.cwd, input.outRoot, cycleId);
  return continueCycle(env, cycleId, { config: input.config, outDir });
}

/**
 * Continues a stored cycle at the first stage that did not finish, with its stored configuration (its model
 * ids read with breakfix.yaml's `aliases`).
 */
export async function resumeCycle(
  env: CycleEnv,
  cycleId: string,
  aliases: ModelAliases = {},
): Promise<CycleOutcome> {
  return continueCycle(env, cycleId, cycleRunConfig(env.store, cycleId, aliases));
}

/**
 * Runs every stage not yet recorded, in order. Each finished stage is written to the store (the cycle run's
 * items) and to `cycle-state.json` before the next starts; sub-runs (bench, red-team) have ids derived from
 * the cycle id, round and stage, so a stage cut short resumes its own partial results.
 */
async function continueCycle(
  env: CycleEnv,
  cycleId: string,
  run: { config: CycleConfig; outDir: string },
): Promise<CycleOutcome> {
  const { config, outDir } = run;
  const { resumed } = startCycleRun(env.store, cycleId, run);
  try {
    const records = finishedStages(env.store, cycleId, config.model);
    const done = new Set(records.map((r) => stageItemId(r.round, r.stage)));
    const plan = plannedSteps(config.rounds);
    const prepared = await prepareCycle(env, { cycleId, config, outDir });
    for (const [index, step] of plan.entries()) {
      if (done.has(stageItemId(step.round, step.stage.name))) continue;
      if (env.signal?.aborted) throw abortedAt(cycleId);
      const state = buildCycleState(cycleId, config, records);
      env.progress.note(
        `cycle ${cycleId}: round ${step.round}/${config.rounds} · ${step.stage.name} (stage ${index + 1}/${plan.length})`,
      );
      const started = performance.now();
      const result = await runStage(env, prepared, state, step);
      const record: StageRecord = {
        round: step.round,
        stage: step.stage.name,
        seconds: Math.round((performance.now() - started) / 10) / 100,
        ...result,
      };
      recordStage(env.store, cycleId, record);
      records.push(record);
      writeCycleStateFile(outDir, buildCycleState(cycleId, config, records));
    }
    const state = buildCycleState(cycleId, config, records);
    writeCycleStateFile(outDir, state);
    const verdict = lastVerdict(records);
    env.store.runs.finish(cycleId, "done", {
      summary: { rounds: config.rounds, ...(verdict ? { verdict } : {}) },
    });
    return { cycleId, outDir, resumed, state, ...(verdict ? { verdict } : {}) };
  } catch (e) {
    const aborted = env.signal?.aborted || (e instanceof BreakfixError && e.code === "ABORTED");
    env.store.runs.finish(cycleId, aborted ? "interrupted" : "failed", {
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  }
}

/** The gates verdict of the latest round that reached its gates. */
export function lastVerdict(records: readonly StageRecord[]): CycleOutcome["verdict"] {
  const gates = records.filter((r) => r.stage === "gates" && r.verdict).sort((a, b) => a.round - b.round);
  const last = gates.at(-1);
  return last?.verdict ? { round: last.round, ...last.verdict } : undefined;
}

function abortedAt(cycleId: string): BreakfixError {
  return new BreakfixError("ABORTED", `cycle ${cycleId} was interrupted; finished stages are kept`, {
    fix: `resume it with \`breakfix cycle resume ${cycleId}\``,
  });
}
