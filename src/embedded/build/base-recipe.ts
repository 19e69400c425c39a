import type { LlamaConfig } from "../../engine/model/index.js";

/** Everything that determines the base model: the same recipe rebuilds the same weights. */
export interface BaseRecipe {
  seed: number;
  conversations: number;
  vocabSize: number;
  model: Omit<LlamaConfig, "vocabSize">;
  steps: number;
  /** Rows per step, each packed with whole conversations up to the context length. */
  batchSize: number;
  learningRate: number;
  warmupSteps: number;
}

/**
 * The shipped base model's recipe: context 512 so long wrappers, multi-turn conversations and passages fit;
 * 1.5M parameters, so it can hold a safety mode and declines beside its tasks; builds in about 15 minutes
 * on 2 CPU cores (measured figures in src/embedded/README.md).
 */
export const BASE_RECIPE: BaseRecipe = {
  seed: 1,
  conversations: 20_000,
  vocabSize: 1024,
  model: {
    dModel: 192,
    nLayers: 3,
    nHeads: 6,
    nKvHeads: 6,
    ffnDim: 512,
    contextLength: 512,
    ropeTheta: 10_000,
    normEps: 1e-5,
    tiedEmbeddings: true,
  },
  steps: 800,
  batchSize: 8,
  learningRate: 2.5e-3,
  warmupSteps: 40,
};

/** A recipe small enough for a test: it still drives the loss down, in seconds. */
export const TINY_RECIPE: BaseRecipe = {
  ...BASE_RECIPE,
  conversations: 400,
  vocabSize: 320,
  model: {
    ...BASE_RECIPE.model,
    dModel: 32,
    nLayers: 1,
    nHeads: 2,
    nKvHeads: 2,
    ffnDim: 64,
    contextLength: 256,
  },
  steps: 40,
  batchSize: 8,
  learningRate: 1e-2,
  warmupSteps: 4,
};
