import { readFileSync } from "node:fs";
import { BreakfixError, sha256Hex } from "../../core/index.js";
import { detectFormat, parsePreferenceRow, parseSftRow } from "./parse-row.js";
import { forEachJsonObjectLine } from "./row-error.js";
import type { PreferencePair, SftExample, TrainingData, TrainingFormat } from "./types.js";

export interface ReadTrainingFile {
  data: TrainingData;
  /** sha256 of the file's bytes: the data version recorded with every checkpoint trained on it. */
  dataVersion: string;
}

/** Parses training JSONL text; every bad row is rejected with its file and line. */
export function parseTrainingJsonl(
  text: string,
  file: string,
  format: TrainingFormat | "auto" = "auto",
): TrainingData {
  let chosen: TrainingFormat | undefined = format === "auto" ? undefined : format;
  const sft: SftExample[] = [];
  const pairs: PreferencePair[] = [];
  forEachJsonObjectLine(text, file, "write one JSON object per line", (r, place) => {
    chosen ??= detectFormat(r, place);
    if (chosen === "openai") sft.push(parseSftRow(r, place));
    else pairs.push(parsePreferenceRow(r, chosen, place));
  });
  if (chosen === undefined) {
    throw new BreakfixError("DATA_INVALID", `${file} has no rows`, {
      fix: "write one JSON object per line",
      location: { file },
    });
  }
  return chosen === "openai"
    ? { kind: "sft", format: chosen, rows: sft }
    : { kind: "preference", format: chosen, rows: pairs };
}

export function readTrainingFile(file: string, format: TrainingFormat | "auto" = "auto"): ReadTrainingFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BreakfixError("NOT_FOUND", `cannot read training data ${file}: ${(e as Error).message}`, {
      fix: "check the --data path",
      location: { file },
    });
  }
  return { data: parseTrainingJsonl(bytes.toString("utf8"), file, format), dataVersion: sha256Hex(bytes) };
}
