import path from "node:path";
import { parseModelRef } from "../../models/index.js";
import { resolveEngineCheckpoint, runEngineTraining } from "../../train/index.js";
import { type CycleTrainer, localTrainingSettings } from "./cycle-trainer.js";

/**
 * The built-in CPU trainer: SFT or DPO on an engine checkpoint (DPO's reference is its starting model, the
 * SFT result). Deterministic for a seed, so a stage redone after a crash gives the same weights.
 */
export function engineTrainer(cwd: string): CycleTrainer {
  return {
    backend: "engine",
    async train(r, io) {
      const settings = localTrainingSettings(r);
      const result = runEngineTraining(
        {
          ...settings,
          checkpointDir: resolveEngineCheckpoint(r.model, cwd),
          validationFraction: r.validationFraction,
          // Validation once at the end: a cycle round trains for a fixed budget, no early stop.
          evalEvery: settings.steps,
          patience: 0,
          // A stage redone after a kill continues from its newest training checkpoint (same run, same
          // settings); the checkpoints are removed once the stage's training finished.
          resume: true,
          checkpointEvery: r.settings.checkpointEvery,
        },
        io,
      );
      return {
        runId: result.runId,
        model: parseModelRef(`engine:${path.resolve(result.outDir)}`),
        checkpointDir: path.resolve(result.outDir),
        metrics: { ...result.metrics, steps: result.steps },
      };
    },
  };
}
