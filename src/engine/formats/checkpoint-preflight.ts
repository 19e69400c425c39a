import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { BreakfixError, isBreakfixError } from "../../core/index.js";
import type { LlamaConfig } from "../model/config.js";
import { checkShapesFitConfig } from "../model/index.js";
import { type BpeTokenizer, fromHfTokenizerJson } from "../tokenizer/index.js";
import { assertTokenizerFits, CHECKPOINT_FILES, parseCheckpointConfig } from "./checkpoint.js";
import { parseSafetensorsHeader, type SafetensorsEntry, safetensorsHeaderLength } from "./safetensors.js";
import { readJsonFile } from "./tensor-file.js";

/**
 * Checks an engine checkpoint folder without loading its weights: config.json's fields, the safetensors
 * header (every size and offset against the file's length) against that config, and tokenizer.json (every
 * token id below the config's vocabSize). Reads the config, the header and the tokenizer only, so a
 * crafted or truncated checkpoint fails in milliseconds with one DATA_INVALID line naming the file, before
 * anything is allocated from its numbers. Returns the config.
 */
export function checkCheckpointFolder(dir: string): LlamaConfig {
  const configFile = path.join(dir, CHECKPOINT_FILES.config);
  const config = parseCheckpointConfig(readJsonFile(configFile, "checkpoint config"), configFile);
  const weightsFile = path.join(dir, CHECKPOINT_FILES.weights);
  checkShapesFitConfig(config, readSafetensorsEntries(weightsFile), weightsFile);
  readTokenizerFile(path.join(dir, CHECKPOINT_FILES.tokenizer), config);
  return config;
}

/** The tensor table of a safetensors file, read from its header alone and checked against its length. */
export function readSafetensorsEntries(file: string): SafetensorsEntry[] {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    throw new BreakfixError("NOT_FOUND", `cannot read the weights: ${(err as NodeJS.ErrnoException).code}`, {
      location: { file },
      fix: "a checkpoint folder holds config.json, model.safetensors and tokenizer.json",
    });
  }
  try {
    const size = fstatSync(fd).size;
    const first8 = new Uint8Array(8);
    readSync(fd, first8, 0, 8, 0);
    const headerLength = safetensorsHeaderLength(first8, size, file);
    const header = new Uint8Array(headerLength);
    readSync(fd, header, 0, headerLength, 8);
    return parseSafetensorsHeader(header, size - 8 - headerLength, file).entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads tokenizer.json; with `config`, every token id must have an embedding row (checked before the
 * tokenizer is built, so an id of 10¹² cannot size an array).
 */
export function readTokenizerFile(file: string, config?: LlamaConfig): BpeTokenizer {
  const json = readJsonFile(file, "tokenizer");
  const fail = (message: string) =>
    new BreakfixError("DATA_INVALID", message, {
      location: { file },
      fix: "use the tokenizer.json written with this checkpoint",
    });
  if (config) {
    const root = json as { model?: { vocab?: unknown }; added_tokens?: unknown } | null;
    const vocab = root?.model?.vocab;
    const ids = [
      ...(vocab && typeof vocab === "object" ? Object.values(vocab) : []),
      ...(Array.isArray(root?.added_tokens) ? root.added_tokens.map((t) => (t as { id?: unknown })?.id) : []),
    ];
    const bad = ids.find((id) => typeof id === "number" && !(id >= 0 && id < config.vocabSize));
    if (bad !== undefined) throw fail(`token id ${bad} is outside the model's vocabSize ${config.vocabSize}`);
  }
  let tokenizer: BpeTokenizer;
  try {
    tokenizer = fromHfTokenizerJson(json, file);
  } catch (err) {
    if (isBreakfixError(err)) throw err;
    throw fail(`not a usable tokenizer (${(err as Error).message})`);
  }
  if (config) assertTokenizerFits({ config, tokenizer }, file);
  return tokenizer;
}
