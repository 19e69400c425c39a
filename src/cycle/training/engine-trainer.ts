import path from "node:path";
import { resolveEngineCheckpoint, runEngineTraining } from "../../train/index.js";
import type { CycleTrainer } from "./cycle-trainer.js";

/**
 * The built-in CPU trainer: SFT or DPO on an engine checkpoint (DPO's reference is its starting model, the
 * SFT result). Deterministic for a seed, so a stage redone after a crash gives the same weights.
 */
export function engineTrainer(cwd: string): CycleTrainer {
  return {
    backend: "engine",
    async train(r, io) {
      const s = r.method === "sft" ? r.settings.sft : r.settings.dpo;
      const dpo = r.settings.dpo;
      const result = runEngineTraining(
        {
          method: r.method,
          checkpointDir: resolveEngineCheckpoint(r.model, cwd),
          dataFile: r.dataFile,
          format: "auto",
          outDir: r.outDir,
          steps: s.steps,
          batchSize: s.batchSize,
          learningRate: s.learningRate,
          seed: r.seed,
          validationFraction: r.validationFraction,
          // Validation once at the end: a cycle round trains for a fixed budget, no early stop.
          evalEvery: s.steps,
          patience: 0,
          beta: dpo.beta,
          loss: "sigmoid",
          sftWeight: dpo.sftWeight,
          resume: false,
        },
        io,
      );
      return {
        runId: result.runId,
        model: `engine:${path.resolve(result.outDir)}`,
        checkpointDir: path.resolve(result.outDir),
        metrics: { ...result.metrics, steps: result.steps },
      };
    },
  };
}
