import path from "node:path";
import { parseModelRef } from "../../models/index.js";
import { runTorchTraining } from "../../train/index.js";
import type { CycleConfig } from "../cycle-config.js";
import { type CycleTrainer, localTrainingSettings } from "./cycle-trainer.js";

/**
 * The PyTorch backend (GPUs): the training script under python, accelerate or torchrun. An engine model
 * comes back as an engine checkpoint; a Hugging Face model as a Hugging Face folder, evaluated through
 * whichever provider serves it (the cycle records it by its folder path, which no provider resolves: serve it to evaluate).
 */
export function torchTrainer(cwd: string, torch: CycleConfig["training"]["torch"]): CycleTrainer {
  return {
    backend: "torch",
    async train(r, io) {
      const result = await runTorchTraining(
        {
          ...localTrainingSettings(r),
          model: r.model,
          validationFraction: r.validationFraction,
          loraRank: torch.loraRank,
          plan: {
            launcher: torch.launcher,
            gpusPerNode: torch.gpus,
            ...(torch.python ? { python: torch.python } : {}),
          },
        },
        { ...io, cwd },
      );
      const engine = r.model.kind === "engine";
      const dir = path.resolve(engine ? result.outDir : result.hfOut);
      return {
        runId: result.runId,
        model: parseModelRef(engine ? `engine:${dir}` : dir),
        checkpointDir: dir,
        metrics: { ...result.metrics, steps: result.steps },
      };
    },
  };
}
