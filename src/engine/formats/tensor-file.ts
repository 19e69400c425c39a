import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import type { NamedTensor } from "../model/config.js";
import { readSafetensors, type SafetensorsFile, writeSafetensors } from "./safetensors.js";

/** Writes via a temporary file and a rename, so a crash never leaves a half-written checkpoint file. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function readFileOrThrow(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new BreakfixError("NOT_FOUND", `Cannot read ${what} ${file}: ${(err as Error).message}`, {
      location: { file },
      fix: `check the path; a checkpoint folder holds config.json, model.safetensors and tokenizer.json`,
      cause: err,
    });
  }
}

export function readJsonFile(file: string, what: string): unknown {
  const bytes = readFileOrThrow(file, what);
  try {
    // Strict UTF-8, so the parser's message never quotes binary junk back.
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    if (err instanceof TypeError)
      throw new BreakfixError("DATA_INVALID", `${what} is not UTF-8 text (a binary file?)`, {
        location: { file },
        fix: "restore or re-export the file",
      });
    throw new BreakfixError("DATA_INVALID", `${what} is not valid JSON: ${(err as Error).message}`, {
      location: { file },
      fix: "restore or re-export the file",
    });
  }
}

export function saveSafetensorsFile(
  file: string,
  tensors: readonly NamedTensor[],
  options: { dtype?: "F32" | "F16"; metadata?: Record<string, string> } = {},
): void {
  writeFileAtomic(file, writeSafetensors(tensors, options));
}

export function loadSafetensorsFile(file: string): SafetensorsFile {
  return readSafetensors(readFileOrThrow(file, "safetensors file"), file);
}
