import type { RunEnv } from "../app/index.js";
import type { Judge } from "../core/index.js";
import type { JudgeSpec } from "../judges/index.js";
import type { TrainingBackend } from "../train/index.js";

/**
 * What the cycle is given by its caller (the CLI, or a test): a run's environment (store, models, judges,
 * datasets) and how to train. The cycle itself never resolves a provider or reads a key.
 */
export interface CycleEnv extends RunEnv {
  /** Built synchronously: the caller resolves the config's judge models up front. */
  createJudge(spec: JudgeSpec): Judge;
  trainer: TrainingBackend;
  /** Releases what the environment started for the cycle (a checkpoint's inference server). */
  close?(): Promise<void>;
}
