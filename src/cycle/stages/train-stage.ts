import path from "node:path";
import { createRng } from "../../core/index.js";
import type { ModelRef } from "../../models/index.js";
import type { CycleConfig } from "../cycle-config.js";
import type { CycleEnv } from "../cycle-env.js";
import { modelOf, type StageRecord } from "../cycle-record.js";
import type { RoundState } from "../cycle-state.js";
import { interrupted } from "./bench-stage.js";
import { defineStage, previousRound } from "./stage.js";

/**
 * One post-training step of round r: SFT from the previous round's model on the round's fix data, then DPO
 * from the SFT result (its reference). With no data for the method, or no DPO steps configured, the model
 * passes through unchanged and the stage says so by recording no training.
 */
export async function runTrainStage(
  env: CycleEnv,
  input: {
    method: "sft" | "dpo";
    /** The training's store run id (the stage's sub-run id, stable across resumes). */
    runId: string;
    round: RoundState;
    previousModel: ModelRef;
    config: CycleConfig;
    outDir: string;
  },
): Promise<StageRecord["patch"]> {
  const { method, round, config } = input;
  const startModel = method === "sft" ? input.previousModel : (round.model ?? input.previousModel);
  const dataFile = round.dataset?.files?.[method];
  const count = method === "sft" ? (round.dataset?.sft ?? 0) : (round.dataset?.dpo ?? 0);
  const settings = method === "sft" ? config.training.sft : config.training.dpo;
  // The configured steps, capped at maxEpochs passes: 30 passes over a late round's few examples overfit.
  const steps = Math.min(settings.steps, Math.ceil((settings.maxEpochs * count) / settings.batchSize));
  if (!dataFile || count === 0 || steps === 0) return { model: startModel };
  // Seeds per round and method, from the cycle seed: the same cycle trains the same weights.
  const seed = createRng(config.seed)
    .fork(`r${round.round}/${method}`)
    .int(2 ** 31);
  const result = await env.trainer.train(
    {
      method,
      model: startModel,
      dataFile,
      format: "auto",
      outDir: path.join(input.outDir, `round-${round.round}`, method),
      seed,
      // Stable across resumes: the engine continues this run, a hosted backend follows the job it started.
      runId: input.runId,
      steps,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      // Curation already held out the validation split: train on all of the training file, for a fixed
      // budget (no early stop).
      validationFraction: 0,
      patience: 0,
      beta: config.training.dpo.beta,
      loss: "sigmoid",
      sftWeight: config.training.dpo.sftWeight,
      // A stage redone after a kill continues from its newest training checkpoint (same run, same settings);
      // the checkpoints are removed once the stage's training finished.
      resume: true,
      checkpointEvery: config.training.checkpointEvery,
      suffix: `breakfix-${method}`,
    },
    { store: env.store, progress: env.progress, signal: env.signal },
  );
  // A training cut short saves no result: the stage is not done, and a resume continues the training from
  // its newest training checkpoint.
  if (env.signal?.aborted) throw interrupted(result.runId);
  return {
    model: result.model,
    training: [{ method, runId: result.runId, checkpointDir: result.checkpointDir, metrics: result.metrics }],
  };
}

const trainStage = <M extends "sft" | "dpo">(method: M) =>
  defineStage({
    name: method,
    rounds: "trained",
    reads: { current: method === "sft" ? ["dataset"] : ["dataset", "model"], previous: ["model"] },
    sets: ["model", "training"],
    run: async (ctx) => ({
      patch: await runTrainStage(ctx.env, {
        method,
        runId: ctx.runId,
        round: ctx.current,
        previousModel: modelOf(previousRound(ctx)),
        config: ctx.prepared.config,
        outDir: ctx.prepared.outDir,
      }),
    }),
  });

export const sftStage = trainStage("sft");
/** Starts from the SFT result (the round's model so far). */
export const dpoStage = trainStage("dpo");
