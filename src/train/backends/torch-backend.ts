import { existsSync } from "node:fs";
import path from "node:path";
import { parseModelRef } from "../../models/index.js";
import type { LaunchPlan } from "../torch/launch-command.js";
import { runTorchTraining } from "../torch/run-torch-training.js";
import type { TrainingBackend } from "./training-job.js";

/** How the PyTorch script runs: its launcher and processes, and LoRA (rank 0 = a full fine-tune). */
export interface TorchSettings {
  plan: LaunchPlan;
  loraRank: number;
}

/**
 * The PyTorch backend (GPUs): the training script under python, accelerate or torchrun. An engine model
 * comes back as an engine checkpoint; a Hugging Face model as a Hugging Face folder, evaluated through
 * whichever provider serves it.
 */
export function torchBackend(cwd: string, torch: TorchSettings): TrainingBackend {
  return {
    backend: "torch",
    async train(job, io) {
      // A Hugging Face folder is found from the working directory; a hub name goes to the script as written.
      const folder = job.model.kind === "folder" ? path.resolve(cwd, job.model.path) : undefined;
      const result = await runTorchTraining(
        {
          method: job.method,
          model: folder && existsSync(folder) ? parseModelRef(folder) : job.model,
          dataFile: path.resolve(cwd, job.dataFile),
          format: job.format,
          outDir: path.resolve(cwd, job.outDir),
          // As the engine: steps win, else the epochs (default one pass).
          ...(job.steps === undefined ? { epochs: job.epochs ?? 1 } : { steps: job.steps }),
          validationFraction: job.validationFraction,
          evalEvery: job.evalEvery,
          batchSize: job.batchSize,
          learningRate: job.learningRate ?? 1e-5,
          beta: job.beta,
          loss: job.loss,
          sftWeight: job.sftWeight,
          seed: job.seed,
          loraRank: torch.loraRank,
          plan: torch.plan,
          runId: job.runId,
        },
        { ...io, cwd },
      );
      const engine = job.model.kind === "engine";
      const dir = path.resolve(engine ? result.outDir : result.hfOut);
      return {
        runId: result.runId,
        model: parseModelRef(engine ? `engine:${dir}` : dir),
        checkpointDir: dir,
        metrics: { ...result.metrics, steps: result.steps },
        detail: { backend: "torch", result },
      };
    },
  };
}
