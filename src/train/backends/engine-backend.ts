import path from "node:path";
import { parseModelRef } from "../../models/index.js";
import { resolveEngineCheckpoint } from "../resolve-start-model.js";
import { runEngineTraining } from "../run-engine-training.js";
import { DEFAULT_ENGINE_LR, type TrainingBackend } from "./training-job.js";

/**
 * The built-in CPU trainer: SFT or DPO on an engine checkpoint (DPO's reference is its starting model).
 * Deterministic for a seed, so a training redone after a crash gives the same weights.
 */
export function engineBackend(cwd: string): TrainingBackend {
  return {
    backend: "engine",
    async train(job, io) {
      const { model, suffix: _suffix, lrMultiplier: _multiplier, ...settings } = job;
      const result = runEngineTraining(
        {
          ...settings,
          checkpointDir: resolveEngineCheckpoint(model, cwd),
          dataFile: path.resolve(cwd, job.dataFile),
          outDir: path.resolve(cwd, job.outDir),
          learningRate: job.learningRate ?? DEFAULT_ENGINE_LR[job.method],
          // Without an interval, validation once, at the end (the trainers always validate the last step).
          evalEvery: job.evalEvery ?? Number.MAX_SAFE_INTEGER,
        },
        io,
      );
      const dir = path.resolve(result.outDir);
      return {
        runId: result.runId,
        model: parseModelRef(`engine:${dir}`),
        checkpointDir: dir,
        metrics: { ...result.metrics, steps: result.steps },
        detail: { backend: "engine", result },
      };
    },
  };
}
