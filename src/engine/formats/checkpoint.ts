import path from "node:path";
import { BreakfixError, isBreakfixError } from "../../core/index.js";
import type { LlamaConfig, NamedTensor } from "../model/config.js";
import { type LlamaModel, llamaFromTensors, validateLlamaConfig } from "../model/index.js";
import { type BpeTokenizer, toHfTokenizerJson } from "../tokenizer/index.js";
import { readTokenizerFile } from "./checkpoint-preflight.js";
import { loadSafetensorsFile, readJsonFile, saveSafetensorsFile, writeFileAtomic } from "./tensor-file.js";

export const CHECKPOINT_FORMAT = "breakfix-llama";
export const CHECKPOINT_FILES = {
  config: "config.json",
  weights: "model.safetensors",
  tokenizer: "tokenizer.json",
};

export interface Checkpoint {
  config: LlamaConfig;
  /** Parameters in Hugging Face names and shapes (see `paramNames`). */
  tensors: NamedTensor[];
  tokenizer: BpeTokenizer;
}

/**
 * An engine checkpoint folder: `config.json` ({format, version, config: LlamaConfig}), `model.safetensors`
 * (float32, HF parameter names) and `tokenizer.json` (Hugging Face format). Training state, when a run
 * saves it, lives beside these files and is the trainer's business.
 */
export function saveCheckpoint(dir: string, checkpoint: Checkpoint): void {
  // Rejects missing, extra or misshapen tensors before anything is written.
  llamaFromTensors(checkpoint.config, checkpoint.tensors, path.join(dir, CHECKPOINT_FILES.weights));
  assertTokenizerFits(checkpoint);
  saveSafetensorsFile(path.join(dir, CHECKPOINT_FILES.weights), checkpoint.tensors, {
    metadata: { format: "pt", producer: "breakfix" },
  });
  writeFileAtomic(
    path.join(dir, CHECKPOINT_FILES.tokenizer),
    JSON.stringify(toHfTokenizerJson(checkpoint.tokenizer)),
  );
  // config.json last: its presence marks a complete checkpoint.
  const config = { format: CHECKPOINT_FORMAT, version: 1, config: checkpoint.config };
  writeFileAtomic(path.join(dir, CHECKPOINT_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
}

/** Reads a checkpoint folder; `model` holds the weights ready for the engine (`tensors` are its views). */
export function loadCheckpoint(dir: string): Checkpoint & { model: LlamaModel } {
  const configFile = path.join(dir, CHECKPOINT_FILES.config);
  const config = parseCheckpointConfig(readJsonFile(configFile, "checkpoint config"), configFile);
  const weightsFile = path.join(dir, CHECKPOINT_FILES.weights);
  const model = llamaFromTensors(config, loadSafetensorsFile(weightsFile).tensors, weightsFile);
  const tokenizer = readTokenizerFile(path.join(dir, CHECKPOINT_FILES.tokenizer), config);
  return { config, tensors: [...model.params], tokenizer, model };
}

/** Every token id must have an embedding row (the model may have more rows than the tokenizer has tokens). */
export function assertTokenizerFits(
  checkpoint: Pick<Checkpoint, "config" | "tokenizer">,
  file?: string,
): void {
  const { config, tokenizer } = checkpoint;
  if (tokenizer.vocabSize <= config.vocabSize) return;
  throw new BreakfixError(
    "DATA_INVALID",
    `tokenizer has ${tokenizer.vocabSize} tokens but the model's vocabSize is ${config.vocabSize}`,
    {
      ...(file ? { location: { file } } : {}),
      fix: "use the tokenizer the model was trained with, or a model config with vocabSize ≥ the tokenizer's",
    },
  );
}

const CONFIG_FIELDS: Record<keyof LlamaConfig, "number" | "boolean"> = {
  vocabSize: "number",
  dModel: "number",
  nLayers: "number",
  nHeads: "number",
  nKvHeads: "number",
  ffnDim: "number",
  contextLength: "number",
  ropeTheta: "number",
  normEps: "number",
  tiedEmbeddings: "boolean",
};

export function parseCheckpointConfig(json: unknown, file: string): LlamaConfig {
  const root = json as { format?: unknown; config?: Record<string, unknown> } | null;
  if (root?.format !== CHECKPOINT_FORMAT || typeof root.config !== "object" || root.config === null) {
    throw new BreakfixError("DATA_INVALID", `not a breakfix engine checkpoint config`, {
      location: { file, field: "format" },
      fix: `point at a folder written by the engine (config.json with "format": "${CHECKPOINT_FORMAT}")`,
    });
  }
  const raw = root.config;
  const out: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(CONFIG_FIELDS)) {
    if (typeof raw[field] !== type) {
      throw new BreakfixError("DATA_INVALID", `config.${field} must be a ${type}`, {
        location: { file, field: `config.${field}` },
        fix: "restore config.json from the run that wrote the checkpoint",
      });
    }
    out[field] = raw[field];
  }
  const config = out as unknown as LlamaConfig;
  try {
    validateLlamaConfig(config);
  } catch (err) {
    if (!isBreakfixError(err)) throw err;
    throw new BreakfixError("DATA_INVALID", err.message, {
      location: { file, field: `config.${err.location?.field ?? ""}` },
      ...(err.fix ? { fix: err.fix } : {}),
    });
  }
  return config;
}
