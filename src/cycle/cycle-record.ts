import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../core/index.js";
import { type ModelAliases, type ModelRef, parseModelRef } from "../models/index.js";
import type { Store } from "../store/index.js";
import { type CycleConfig, cycleConfigSchemaWith } from "./cycle-config.js";
import type { CycleState, RoundState } from "./cycle-state.js";
import type { StageName } from "./stage-table.js";

/** What a finished stage hands on: the part of its round's state it fills, and its wall time. */
export interface StageRecord {
  round: number;
  stage: StageName;
  seconds: number;
  /** Fields of the round's state this stage set. */
  patch: Partial<Omit<RoundState, "round" | "timings">>;
  /** Gate verdict (gates stage only). */
  verdict?: { pass: boolean; failed: string[] };
}

/** The cycle run's stored configuration: what a resume needs to continue exactly as started. */
export interface CycleRunConfig {
  config: CycleConfig;
  outDir: string;
}

export const stageItemId = (round: number, stage: StageName): string => `r${round}/${stage}`;

/** Starts the cycle run, or resumes it (same id, same configuration). */
export function startCycleRun(store: Store, cycleId: string, run: CycleRunConfig): { resumed: boolean } {
  const { resumed } = store.runs.start({
    id: cycleId,
    kind: "cycle",
    name: `cycle ${run.config.model} × ${run.config.rounds} rounds`,
    config: { ...run },
    seed: run.config.seed,
  });
  return { resumed };
}

/**
 * The stored configuration of a cycle run, its model ids read with breakfix.yaml's `aliases` as when it
 * started; a NOT_FOUND / USAGE error when the id is no cycle.
 */
export function cycleRunConfig(store: Store, cycleId: string, aliases: ModelAliases = {}): CycleRunConfig {
  const run = store.runs.require(cycleId);
  if (run.kind !== "cycle") {
    throw new BreakfixError("USAGE", `run ${cycleId} is a ${run.kind} run, not a cycle`, {
      fix: "list cycles with `breakfix cycle list`",
    });
  }
  // Stored as JSON, the judges and models are plain ids again: parsed as when the cycle started.
  const stored = run.config as unknown as { config: unknown; outDir: string };
  return { ...stored, config: cycleConfigSchemaWith(aliases).parse(stored.config) };
}

/** Records a finished stage as a done item of the cycle run (one transaction): a resume skips it. */
export function recordStage(store: Store, cycleId: string, record: StageRecord): void {
  const id = stageItemId(record.round, record.stage);
  store.transaction(() => {
    store.items.plan(cycleId, [{ id, payload: record }]);
    store.items.markDone(cycleId, [id]);
  });
}

/**
 * The finished stages of a cycle, in the order they finished, their models parsed again: the start model
 * as written (it may be an alias) is `startModel`, a trained one is an id of its own.
 */
export function finishedStages(store: Store, cycleId: string, startModel: ModelRef): StageRecord[] {
  const modelOf = (text: string) => (text === startModel.written ? startModel : parseModelRef(text));
  return store.items
    .list<StoredStageRecord>(cycleId)
    .filter((i) => i.status === "done" && i.payload)
    .map((i) => {
      const { patch, ...rest } = i.payload as StoredStageRecord;
      const { model, ...fields } = patch;
      return { ...rest, patch: { ...fields, ...(model ? { model: modelOf(model) } : {}) } };
    });
}

/** A stage record as stored: JSON, its model the id as written. */
type StoredStageRecord = Omit<StageRecord, "patch"> & {
  patch: Omit<StageRecord["patch"], "model"> & { model?: string };
};

/** The model a round evaluates; a round whose training has not finished has none yet. */
export function modelOf(round: RoundState): ModelRef {
  if (!round.model)
    throw new BreakfixError("INTERNAL", `round ${round.round} has no model before its training`);
  return round.model;
}

/** A round with no finished stage: round 0 evaluates the start model, a later round the model it trains. */
export function emptyRound(round: number, config: CycleConfig): RoundState {
  return {
    round,
    ...(round === 0 ? { model: config.model } : {}),
    benchRuns: {},
    campaignRuns: {},
    timings: {},
  };
}

/** Folds the finished stages into the cycle's state (round by round). */
export function buildCycleState(
  cycleId: string,
  config: CycleConfig,
  records: readonly StageRecord[],
): CycleState {
  const rounds = new Map<number, RoundState>();
  const roundOf = (round: number): RoundState => {
    let r = rounds.get(round);
    if (!r) {
      r = emptyRound(round, config);
      rounds.set(round, r);
    }
    return r;
  };
  for (const rec of records) {
    const r = roundOf(rec.round);
    const { campaignRuns, benchRuns, training, ...rest } = rec.patch;
    Object.assign(r, rest);
    if (campaignRuns) r.campaignRuns = { ...r.campaignRuns, ...campaignRuns };
    if (benchRuns) r.benchRuns = { ...r.benchRuns, ...benchRuns };
    if (training) r.training = [...(r.training ?? []), ...training];
    r.timings[rec.stage] = rec.seconds;
  }
  return {
    cycleId,
    seed: config.seed,
    startModel: config.model,
    rounds: [...rounds.values()].sort((a, b) => a.round - b.round),
  };
}

/** Writes the state as `cycle-state.json` in the cycle's folder (atomically: a kill leaves the old one). */
export function writeCycleStateFile(outDir: string, state: CycleState): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "cycle-state.json");
  const tmp = `${file}.partial`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}
