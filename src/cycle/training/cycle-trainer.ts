import type { Progress } from "../../core/index.js";
import type { ModelRef } from "../../models/index.js";
import type { Store } from "../../store/index.js";
import type { CycleConfig } from "../cycle-config.js";

/** One post-training step of a round: SFT from the round's starting model, or DPO from the SFT result. */
export interface CycleTrainingRequest {
  method: "sft" | "dpo";
  /** Starting model (`engine:<dir>`, a Hugging Face folder, a provider model). */
  model: ModelRef;
  /** Training data in OpenAI chat (SFT) or OpenAI preference (DPO) JSONL. */
  dataFile: string;
  /** Where the result goes (a checkpoint folder for local backends). */
  outDir: string;
  seed: number;
  /**
   * The store run id, derived from the cycle id, round and method: a stage redone after a crash records
   * into the same run (local backends) instead of leaving the first attempt `running` forever.
   */
  runId: string;
  settings: CycleConfig["training"];
  validationFraction: number;
}

export interface CycleTrainingResult {
  runId: string;
  /** The trained model, ready to evaluate (`engine:<dir>`, `openai:<fine-tuned id>`). */
  model: ModelRef;
  /** Checkpoint folder (local backends) or the provider's model id. */
  checkpointDir: string;
  metrics: Record<string, number>;
}

/** A training backend as the cycle uses it: engine (CPU, built in), PyTorch, or a hosted API. */
export interface CycleTrainer {
  readonly backend: string;
  train(
    request: CycleTrainingRequest,
    io: { store: Store; progress: Progress; signal?: AbortSignal },
  ): Promise<CycleTrainingResult>;
}

/** The hyperparameters the engine and PyTorch backends take the same way from a cycle request. */
export function localTrainingSettings(r: CycleTrainingRequest) {
  const s = r.method === "sft" ? r.settings.sft : r.settings.dpo;
  return {
    method: r.method,
    dataFile: r.dataFile,
    format: "auto" as const,
    outDir: r.outDir,
    steps: s.steps,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    seed: r.seed,
    runId: r.runId,
    beta: r.settings.dpo.beta,
    loss: "sigmoid" as const,
    sftWeight: r.settings.dpo.sftWeight,
  };
}
