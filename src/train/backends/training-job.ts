import type { Progress } from "../../core/index.js";
import type { ModelRef } from "../../models/index.js";
import type { Store } from "../../store/index.js";
import type { HostedFineTuneResult } from "../hosted/run-hosted-fine-tune.js";
import type { EngineTrainingRequest, EngineTrainingResult, TrainMethod } from "../run-engine-training.js";
import type { TorchTrainingResult } from "../torch/run-torch-training.js";

/** Learning rates that trained the embedded model in its tests; large models want far smaller ones. */
export const DEFAULT_ENGINE_LR: Record<TrainMethod, number> = { sft: 1e-3, dpo: 1e-4 };

/**
 * One SFT or DPO training, as every backend takes it: `breakfix train sft|dpo` builds one from its flags, a
 * cycle's train stage from its config. The settings the engine's run takes keep its meaning (the engine is
 * the reference backend); a backend ignores what it has no use for (a hosted job has no batch size to set,
 * the engine no name suffix). `runId`: a caller that may redo the training after a crash passes the same id
 * each time — the engine continues that run, a hosted backend follows the job it started under that id
 * instead of paying for a second one.
 */
export interface TrainingJob
  extends Pick<
    EngineTrainingRequest,
    | "method"
    | "dataFile"
    | "format"
    | "outDir"
    | "seed"
    | "runId"
    | "steps"
    | "epochs"
    | "batchSize"
    | "validationFraction"
    | "patience"
    | "beta"
    | "loss"
    | "sftWeight"
    | "resume"
    | "checkpointEvery"
  > {
  /** The starting model (an engine checkpoint, a Hugging Face folder or hub name, a provider's model). */
  model: ModelRef;
  /** Peak learning rate (default: engine DEFAULT_ENGINE_LR, torch 1e-5; a hosted job: the provider's). */
  learningRate?: number;
  /** Validation every n steps (default: once, at the end). */
  evalEvery?: number;
  /** Hosted: the suffix of the fine-tuned model's name, and the provider's learning-rate multiplier. */
  suffix?: string;
  lrMultiplier?: number;
}

/** What each backend's own run returned (printed whole by `--json`). */
export type TrainingDetail =
  | { backend: "engine"; result: EngineTrainingResult }
  | { backend: "torch"; result: TorchTrainingResult }
  | { backend: "openai"; result: HostedFineTuneResult };

export interface TrainedModel {
  runId: string;
  /** The trained model, ready to evaluate (`engine:<dir>`, a Hugging Face folder, `openai:<fine-tuned id>`). */
  model: ModelRef;
  /** The checkpoint folder (local backends) or the provider's model id. */
  checkpointDir: string;
  metrics: Record<string, number>;
  detail: TrainingDetail;
}

export interface TrainingIo {
  store: Store;
  progress: Progress;
  signal?: AbortSignal;
}

/** A way to train: the built-in engine (CPU), the PyTorch script (GPUs) or a hosted fine-tuning API. */
export interface TrainingBackend {
  readonly backend: TrainingDetail["backend"];
  train(job: TrainingJob, io: TrainingIo): Promise<TrainedModel>;
}
