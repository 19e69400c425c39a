import type { Progress } from "../../core/index.js";
import type { ModelRef } from "../../models/index.js";
import type { Store } from "../../store/index.js";
import type { InputFormat } from "../../training-data/index.js";
import type { DpoLossType } from "../dpo/dpo-loss.js";
import type { HostedFineTuneResult } from "../hosted/run-hosted-fine-tune.js";
import type { EngineTrainingResult, TrainMethod } from "../run-engine-training.js";
import type { TorchTrainingResult } from "../torch/run-torch-training.js";

/** Learning rates that trained the embedded model in its tests; large models want far smaller ones. */
export const DEFAULT_ENGINE_LR: Record<TrainMethod, number> = { sft: 1e-3, dpo: 1e-4 };

/**
 * One SFT or DPO training, as every backend takes it: `breakfix train sft|dpo` builds one from its flags, a
 * cycle's train stage from its config. A backend ignores what it has no use for (a hosted job has no
 * batch size to set; the engine no name suffix).
 */
export interface TrainingJob {
  method: TrainMethod;
  /** The starting model (an engine checkpoint, a Hugging Face folder or hub name, a provider's model). */
  model: ModelRef;
  dataFile: string;
  format: InputFormat | "auto";
  /** Where a local backend writes the trained checkpoint. */
  outDir: string;
  seed: number;
  /**
   * The store run to record into (default: a new one). A caller that may redo the training after a crash
   * passes the same id each time: the engine continues that run, a hosted backend follows the job it
   * started under that id instead of paying for a second one.
   */
  runId?: string;
  /** Optimizer steps; without them `epochs` passes over the data (default one). */
  steps?: number;
  epochs?: number;
  batchSize: number;
  /** Peak learning rate (default: engine DEFAULT_ENGINE_LR, torch 1e-5; a hosted job: the provider's). */
  learningRate?: number;
  /** Share of the rows held out for validation (0 when the caller held them out already). */
  validationFraction: number;
  /** Validation every n steps (default: once, at the end). */
  evalEvery?: number;
  /** Early stopping after this many validations without improvement (0 = off). */
  patience: number;
  beta: number;
  loss: DpoLossType;
  sftWeight: number;
  /** Engine: continue from the newest intact training checkpoint of `outDir` instead of starting over. */
  resume: boolean;
  /** Engine: steps between training checkpoints (0 = only on interruption). */
  checkpointEvery?: number;
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
