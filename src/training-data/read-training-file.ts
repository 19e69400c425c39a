import { readFileSync } from "node:fs";
import { BreakfixError, sha256Hex } from "../core/index.js";
import { decodeText, forEachJsonObjectLine } from "../datasets/index.js";
import { type KtoRow, pairKtoRows, parseKtoRow } from "./input-only-formats.js";
import { detectFormat, parsePreferenceRow, parseSftRow } from "./parse-row.js";
import type { InputFormat, PreferencePair, SftExample, TrainingData } from "./types.js";

export interface ReadTrainingFile {
  data: TrainingData;
  /** sha256 of the file's bytes: the data version recorded with every checkpoint trained on it. */
  dataVersion: string;
}

export interface ReadOptions {
  /**
   * Keep KTO rows that cannot pair out of the data and list them in `unpairedLines` (for `train convert`,
   * which reports them). Without it such a file is refused, so training never loses rows unseen.
   */
  allowUnpaired?: boolean;
}

const convertHint = (file: string) =>
  `run \`breakfix train convert ${file} --from kto --to trl --out pairs.jsonl\` (it reports the rows left out) and train on pairs.jsonl`;

/** Parses training JSONL text; every bad row is rejected with its file and line. */
export function parseTrainingJsonl(
  text: string,
  file: string,
  format: InputFormat | "auto" = "auto",
  options: ReadOptions = {},
): TrainingData {
  let chosen: InputFormat | undefined = format === "auto" ? undefined : format;
  const sft: SftExample[] = [];
  const pairs: PreferencePair[] = [];
  const kto: KtoRow[] = [];
  forEachJsonObjectLine(text, file, "write one JSON object per line", (r, place) => {
    chosen ??= detectFormat(r, place);
    if (chosen === "openai" || chosen === "prompt-completion") sft.push(parseSftRow(r, place, chosen));
    else if (chosen === "kto") kto.push(parseKtoRow(r, place));
    else pairs.push(parsePreferenceRow(r, chosen, place));
  });
  if (chosen === undefined) {
    throw new BreakfixError("DATA_INVALID", `${file} has no rows`, {
      fix: "write one JSON object per line",
      location: { file },
    });
  }
  if (chosen === "openai" || chosen === "prompt-completion") {
    return { kind: "sft", format: "openai", rows: sft, ...readAs(chosen) };
  }
  if (chosen !== "kto")
    return {
      kind: "preference",
      format: chosen === "pku-saferlhf" ? "trl" : chosen,
      rows: pairs,
      ...readAs(chosen),
    };
  const paired = pairKtoRows(kto, file);
  if (paired.unpairedLines.length > 0 && !options.allowUnpaired) {
    throw new BreakfixError(
      "DATA_INVALID",
      `${paired.unpairedLines.length} of ${kto.length} KTO rows have no completion of the other label for their prompt (lines ${lineList(paired.unpairedLines)}) and cannot become DPO pairs`,
      { fix: convertHint(file), location: { file } },
    );
  }
  if (paired.pairs.length === 0) {
    throw new BreakfixError(
      "DATA_INVALID",
      `${file}: no prompt has both a desirable and an undesirable completion`,
      {
        fix: "KTO rows pair per prompt: give each prompt at least one label true and one label false completion",
        location: { file },
      },
    );
  }
  return {
    kind: "preference",
    format: "trl",
    rows: paired.pairs,
    readAs: "kto",
    unpairedLines: paired.unpairedLines,
  };
}

const readAs = (f: InputFormat) =>
  f === "prompt-completion" || f === "kto" || f === "pku-saferlhf" ? { readAs: f } : {};

/** The first lines of a list, then how many more. */
export const lineList = (lines: readonly number[]): string =>
  lines.length <= 10 ? lines.join(", ") : `${lines.slice(0, 10).join(", ")} and ${lines.length - 10} more`;

export function readTrainingFile(
  file: string,
  format: InputFormat | "auto" = "auto",
  options: ReadOptions = {},
): ReadTrainingFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BreakfixError("NOT_FOUND", `cannot read training data ${file}: ${(e as Error).message}`, {
      fix: "check the --data path",
      location: { file },
    });
  }
  return {
    // Strict UTF-8: a binary file is one line naming the byte, never its bytes quoted back.
    data: parseTrainingJsonl(decodeText(bytes, file), file, format, options),
    dataVersion: sha256Hex(bytes),
  };
}
