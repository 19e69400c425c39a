import path from "node:path";
import { BreakfixError, type Progress } from "../core/index.js";
import { loadCheckpoint, saveCheckpoint } from "../engine/formats/index.js";
import { activeKernelBackend } from "../engine/kernels/index.js";
import type { Trainer } from "../engine/training-loop/index.js";
import type { Store } from "../store/index.js";
import {
  convertTrainingData,
  type InputFormat,
  readTrainingFile,
  type SftExample,
} from "../training-data/index.js";
import type { DpoLossType } from "./dpo/dpo-loss.js";
import { trainDpo } from "./engine-trainers/dpo-trainer.js";
import { trainSft } from "./engine-trainers/sft-trainer.js";
import { recordLineage } from "./lineage.js";
import { splitValidation } from "./split-validation.js";
import { createCheckpointer, DEFAULT_CHECKPOINT_EVERY } from "./training-checkpointer.js";

export type TrainMethod = "sft" | "dpo";

export interface EngineTrainingRequest {
  method: TrainMethod;
  /** The starting checkpoint folder (also the DPO reference). */
  checkpointDir: string;
  dataFile: string;
  format: InputFormat | "auto";
  outDir: string;
  steps?: number;
  epochs?: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  validationFraction: number;
  evalEvery: number;
  patience: number;
  beta: number;
  loss: DpoLossType;
  sftWeight: number;
  /**
   * Continue from the newest intact checkpoint in `<outDir>/training-state` (one of the same settings);
   * without it earlier checkpoints are removed and the run starts at step 0.
   */
  resume: boolean;
  /** Steps between checkpoints (default DEFAULT_CHECKPOINT_EVERY; 0 = none but the one on interruption). */
  checkpointEvery?: number;
  /**
   * The store run to record into (default: a new id). A caller that may redo the training after a crash
   * passes the same id each time, so the redo continues that run instead of orphaning a `running` one.
   */
  runId?: string;
}

export interface EngineTrainingResult {
  runId: string;
  checkpointId?: string;
  parentId?: string;
  outDir: string;
  steps: number;
  metrics: Record<string, number>;
  dropped: number;
  resumedFromStep: number;
}

/**
 * Trains a checkpoint with SFT or DPO on the engine, saves the result as a checkpoint, streams metrics to
 * the store and records the lineage. Training checkpoints every `checkpointEvery` steps (and on
 * interruption) let a killed run resume mid-way to the same weights; they are removed once it finished.
 */
export function runEngineTraining(
  r: EngineTrainingRequest,
  io: { store?: Store; progress: Progress; signal?: AbortSignal },
): EngineTrainingResult {
  const { data, dataVersion } = readTrainingFile(r.dataFile, r.format);
  if (r.method === "dpo" && data.kind !== "preference") {
    throw new BreakfixError("USAGE", `DPO needs preference pairs; ${r.dataFile} holds SFT conversations`, {
      fix: "pass a preference file (openai-dpo, trl or hh), or run `breakfix train sft`",
    });
  }
  const start = loadCheckpoint(r.checkpointDir);
  // Neither flag changes the weights, so a resumed run records the same config as the run it continues.
  const { resume: _resume, checkpointEvery: _every, ...settings } = r;
  const checkpoints = createCheckpointer({
    outDir: r.outDir,
    resume: r.resume,
    every: r.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    batchSize: r.batchSize,
    seed: r.seed,
    runId: r.runId,
    fingerprint: {
      ...settings,
      runId: undefined,
      outDir: undefined,
      dataFile: path.resolve(r.dataFile),
      checkpointDir: path.resolve(r.checkpointDir),
      dataVersion,
    },
  });
  if (checkpoints.notice) io.progress.note(checkpoints.notice);
  const state = checkpoints.resumeFrom;
  const model = state?.model ?? start.model;
  const resumedFromStep = state?.optimizer.step ?? 0;
  // The kernels are part of what produced the weights: "native" ones differ in the last bits per machine.
  const config = {
    ...settings,
    checkpointDir: path.resolve(r.checkpointDir),
    dataVersion,
    kernels: activeKernelBackend(),
  };
  const runId = checkpoints.runId;
  io.store?.runs.start({
    id: runId,
    kind: "train",
    name: `${r.method} ${path.basename(r.dataFile)}`,
    config,
    seed: r.seed,
  });
  const log = (step: number, values: Record<string, number>) => io.store?.metrics.log(runId, step, values);
  const common = {
    steps: r.steps,
    epochs: r.epochs,
    batchSize: r.batchSize,
    learningRate: r.learningRate,
    seed: r.seed,
    evalEvery: r.evalEvery,
  };
  try {
    let metrics: Record<string, number>;
    let result: { trainer: Trainer; dropped: number };
    if (r.method === "sft") {
      const rows = convertTrainingData(data, "openai").rows as SftExample[];
      const split = splitValidation(rows, r.validationFraction, r.seed);
      const out = trainSft(
        model,
        start.tokenizer,
        split.train,
        split.validation,
        { ...common, patience: r.patience },
        {
          progress: io.progress,
          signal: io.signal,
          resume: state?.optimizer,
          resumeExtras: state?.extras,
          checkpoint: checkpoints.afterStep,
          onStep: (s) => log(s.step + 1, { loss: s.loss, learning_rate: s.lr, grad_norm: s.gradNorm }),
          onEval: (step, loss) => log(step, { eval_loss: loss }),
        },
      );
      metrics = {
        ...(out.lastLoss !== undefined ? { loss: out.lastLoss } : {}),
        ...(out.bestEvalLoss !== undefined ? { eval_loss: out.bestEvalLoss } : {}),
        ...(out.stoppedEarly ? { stopped_early_at: out.trainer.optimizer.step } : {}),
      };
      result = out;
    } else {
      if (data.kind !== "preference") throw new BreakfixError("INTERNAL", "checked above");
      const split = splitValidation(data.rows, r.validationFraction, r.seed);
      const out = trainDpo(
        model,
        start.tokenizer,
        split.train,
        split.validation,
        { ...common, beta: r.beta, loss: r.loss, sftWeight: r.sftWeight },
        {
          progress: io.progress,
          signal: io.signal,
          resume: state?.optimizer,
          resumeExtras: state?.extras,
          checkpoint: checkpoints.afterStep,
          // The reference is the starting checkpoint, whatever step the policy resumes at.
          reference: state ? start.model : undefined,
          onStep: (step, m) => log(step, { ...m }),
          onEval: (step, m) =>
            log(step, Object.fromEntries(Object.entries(m).map(([k, v]) => [`eval_${k}`, v]))),
        },
      );
      const lastEval = out.lastEval;
      metrics = {
        ...(out.lastStep ?? {}),
        ...(lastEval ? Object.fromEntries(Object.entries(lastEval).map(([k, v]) => [`eval_${k}`, v])) : {}),
      };
      result = out;
    }
    const steps = result.trainer.optimizer.step;
    if (io.signal?.aborted) {
      checkpoints.saveNow();
      io.store?.runs.finish(runId, "interrupted", { summary: { steps } });
      return { runId, outDir: r.outDir, steps, metrics, dropped: result.dropped, resumedFromStep };
    }
    saveCheckpoint(r.outDir, {
      config: start.config,
      tensors: [...model.params],
      tokenizer: start.tokenizer,
    });
    const ids = io.store
      ? recordLineage(io.store, {
          parentDir: r.checkpointDir,
          outDir: r.outDir,
          kind: r.method,
          dataVersion,
          config,
          metrics,
          runId,
        })
      : undefined;
    io.store?.runs.finish(runId, "done", { summary: { steps, ...metrics, checkpoint: ids?.id } });
    checkpoints.clear();
    return {
      runId,
      checkpointId: ids?.id,
      parentId: ids?.parentId,
      outDir: r.outDir,
      steps,
      metrics,
      dropped: result.dropped,
      resumedFromStep,
    };
  } catch (e) {
    io.store?.runs.finish(runId, "failed", { error: (e as Error).message });
    throw e;
  }
}
