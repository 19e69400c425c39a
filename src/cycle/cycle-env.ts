import type { ChatModel, Judge, Progress, Sample } from "../core/index.js";
import type { JudgeSpec } from "../judges/index.js";
import type { ModelRef } from "../models/index.js";
import type { Store } from "../store/index.js";
import type { CycleTrainer } from "./training/cycle-trainer.js";

/**
 * What the cycle is given by its caller (the CLI, or a test): the store, how to reach models, judges and
 * datasets, and how to train. The cycle itself never resolves a provider or reads a key.
 */
export interface CycleEnv {
  store: Store;
  /** Resolves a parsed model id (`engine:<dir>`, `openai:...`, an alias, a served checkpoint). */
  resolveModel(model: ModelRef): Promise<ChatModel>;
  /** Builds a judge from its parsed id (the config's judges, and the built-in ones the cycle uses). */
  createJudge(spec: JudgeSpec): Judge;
  /** Samples of a dataset by registry id (objectives and dataset-backed suites). */
  loadSamples(datasetId: string): Promise<Sample[]>;
  trainer: CycleTrainer;
  progress: Progress;
  signal?: AbortSignal;
  /** Where relative paths (engine checkpoints, capability files) resolve. */
  cwd: string;
  /** Releases what the environment started for the cycle (a checkpoint's inference server). */
  close?(): Promise<void>;
}
