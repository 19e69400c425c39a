import { type BreakfixConfig, resolveModelRef } from "../config/index.js";
import { BreakfixError, type ChatModel, type Judge, type Progress, type Sample } from "../core/index.js";
import { datasetRegistry, type LoadOptions } from "../datasets/index.js";
import { createJudge, type JudgeSpec, judgeModelIds } from "../judges/index.js";
import type { ModelRef } from "../models/index.js";
import type { Store } from "../store/index.js";
import {
  createTrainingBackend,
  type FineTuneClient,
  fineTuneClientFrom,
  type TrainerSpec,
  type TrainingBackend,
} from "../train/index.js";

/**
 * What a run (a bench run, a red-team campaign, a cycle stage) needs from whoever starts it: the store and
 * how to reach models, judges and datasets. A run never resolves a provider or reads a key itself.
 */
export interface RunEnv {
  store: Store;
  /** Resolves a parsed model id (`engine:<dir>`, `openai:...`, an alias, a served checkpoint). */
  resolveModel(model: ModelRef): Promise<ChatModel>;
  /** Builds a judge from its parsed id; asynchronous where an LLM judge's model is resolved first. */
  createJudge(spec: JudgeSpec): Judge | Promise<Judge>;
  /** Samples of a dataset by registry id (objectives and dataset-backed suites). */
  loadSamples(datasetId: string): Promise<Sample[]>;
  progress: Progress;
  signal?: AbortSignal;
  /** Where relative paths (engine checkpoints, suite and objective files) resolve. */
  cwd: string;
}

/** The environment of one command or request, built once from the config by the CLI (and the web app). */
export interface AppEnv extends RunEnv {
  /** Parses a model id or configured alias as typed (the configured default when undefined). */
  modelRef(id: string | undefined): ModelRef;
  /** Where datasets load from (the shared jailbreak templates too). */
  datasets: LoadOptions;
  /** A line the user sees even with --json or --quiet: a setting ignored, a fallback taken. */
  warn(message: string): void;
  /** The training backend asked for (`train --backend`, a cycle's `training`), the same for every caller. */
  trainer(spec: TrainerSpec): TrainingBackend;
  /** The hosted fine-tuning jobs API (`train attach`): $OPENAI_API_KEY, at `baseUrl` or $OPENAI_BASE_URL. */
  fineTuneClient(baseUrl?: string): FineTuneClient;
}

export interface AppEnvParts {
  config: BreakfixConfig;
  store: Store;
  resolveModel(model: ModelRef): Promise<ChatModel>;
  datasets: LoadOptions;
  progress: Progress;
  signal?: AbortSignal;
  cwd: string;
  warn(message: string): void;
  /** The process environment: where a hosted training backend finds its key. */
  processEnv: Readonly<Record<string, string | undefined>>;
}

export function createAppEnv(parts: AppEnvParts): AppEnv {
  // The process environment stays in here: the keys it holds reach the trainers, not the environment's users.
  const { config, processEnv, ...rest } = parts;
  const { resolveModel, datasets } = parts;
  const modelRef = (id: string | undefined) => resolveModelRef(config.models, id);
  return {
    ...rest,
    modelRef,
    trainer: (spec) => createTrainingBackend(spec, { cwd: parts.cwd, processEnv }),
    fineTuneClient: (baseUrl) => fineTuneClientFrom(processEnv, baseUrl),
    async createJudge(spec) {
      const lookup = await judgeModelLookup((id) => resolveModel(modelRef(id)), [spec]);
      return createJudge(spec, { resolveModel: lookup, taxonomy: config.taxonomy });
    },
    loadSamples: async (id) => (await datasetRegistry.get(id).load(datasets)).samples,
  };
}

/**
 * The models that the LLM judges among `judges` name (composite members too), resolved (aliases included) up
 * front: judges are built synchronously, so `createJudge` gets this lookup rather than the asynchronous
 * resolver. A model not among them is a bug, said as one.
 */
export async function judgeModelLookup(
  resolve: (id: string) => Promise<ChatModel>,
  judges: readonly JudgeSpec[],
): Promise<(id: string) => ChatModel> {
  const models = new Map<string, ChatModel>();
  for (const name of judges.flatMap(judgeModelIds))
    if (!models.has(name)) models.set(name, await resolve(name));
  return (id) => {
    const model = models.get(id);
    if (!model) {
      throw new BreakfixError("INTERNAL", `judge model "${id}" was not resolved before the judge was built`);
    }
    return model;
  };
}
