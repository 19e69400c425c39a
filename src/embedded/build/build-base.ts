import { readFileSync } from "node:fs";
import path from "node:path";
import { type Progress, sha256Hex } from "../../core/index.js";
import {
  CHECKPOINT_FILES,
  saveCheckpoint,
  saveSafetensorsFile,
  writeFileAtomic,
} from "../../engine/formats/index.js";
import { createLlama, paramCount } from "../../engine/model/index.js";
import { trainBpe } from "../../engine/tokenizer/index.js";
import { createTrainer, train } from "../../engine/training-loop/index.js";
import { CORPUS_VERSION, generateCorpus } from "../corpus/generate-corpus.js";
import type { BaseRecipe } from "./base-recipe.js";
import { drawBatch, encodeCorpus } from "./encode-corpus.js";

export const BUILD_MANIFEST = "build.json";

export interface BuildReport {
  corpusVersion: number;
  recipe: BaseRecipe;
  params: number;
  vocabSize: number;
  conversations: number;
  droppedTooLong: number;
  firstLoss: number;
  finalLoss: number;
  /** Mean loss of the last 5% of steps (less noisy than the last step). */
  tailLoss: number;
  seconds: number;
  /** sha256 of model.safetensors (float16). */
  weightsSha256: string;
}

/**
 * Builds the base model from the generated corpus: BPE tokenizer, Llama model, masked SFT on assistant
 * tokens. Deterministic for a recipe (seeded corpus, init and batches). Writes an engine checkpoint with
 * float16 weights (half the size; the engine widens them on load) and a `build.json` manifest.
 */
export function buildBase(recipe: BaseRecipe, outDir: string, progress: Progress): BuildReport {
  const started = performance.now();
  const corpus = generateCorpus({ seed: recipe.seed, conversations: recipe.conversations });
  progress.note(`corpus v${CORPUS_VERSION}: ${corpus.length} conversations`);
  const tokenizer = trainBpe(
    corpus.flatMap((c) => c.messages.map((m) => m.content)),
    { vocabSize: recipe.vocabSize },
  );
  const config = { ...recipe.model, vocabSize: tokenizer.vocabSize };
  const { encoded, dropped } = encodeCorpus(tokenizer, corpus, config.contextLength);
  const model = createLlama(config, recipe.seed);
  progress.note(`tokenizer: ${tokenizer.vocabSize} tokens; model: ${paramCount(config)} parameters`);

  const trainer = createTrainer(
    model,
    (_step, _micro, rng) => drawBatch(encoded, tokenizer, recipe.batchSize, config.contextLength, rng),
    {
      steps: recipe.steps,
      learningRate: recipe.learningRate,
      warmupSteps: recipe.warmupSteps,
      seed: recipe.seed,
    },
  );
  const stats = train(trainer, progress, { noteEvery: 50 });
  const tail = stats.slice(-Math.max(1, Math.round(stats.length / 20)));

  saveCheckpoint(outDir, { config, tensors: [...model.params], tokenizer });
  const weightsFile = path.join(outDir, CHECKPOINT_FILES.weights);
  saveSafetensorsFile(weightsFile, [...model.params], {
    dtype: "F16",
    metadata: { format: "pt", producer: "breakfix", corpus: `v${CORPUS_VERSION}` },
  });
  const report: BuildReport = {
    corpusVersion: CORPUS_VERSION,
    recipe,
    params: paramCount(config),
    vocabSize: tokenizer.vocabSize,
    conversations: encoded.length,
    droppedTooLong: dropped,
    firstLoss: stats[0]?.loss ?? Number.NaN,
    finalLoss: stats.at(-1)?.loss ?? Number.NaN,
    tailLoss: tail.reduce((s, x) => s + x.loss, 0) / tail.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    weightsSha256: sha256Hex(readFileSync(weightsFile)),
  };
  writeFileAtomic(path.join(outDir, BUILD_MANIFEST), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
