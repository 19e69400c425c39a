import { BreakfixError } from "../core/index.js";
import { toHhText } from "./hh-text.js";
import type { PreferencePair, SftExample, TrainingData, TrainingFormat } from "./types.js";

function preferenceRow(p: PreferencePair, format: "openai-dpo" | "trl" | "hh", line: number): object {
  if (format === "openai-dpo") {
    return { input: { messages: p.prompt }, preferred_output: p.chosen, non_preferred_output: p.rejected };
  }
  if (format === "trl") return { prompt: p.prompt, chosen: p.chosen, rejected: p.rejected };
  const place = { file: "<hh output>", line };
  return {
    chosen: toHhText([...p.prompt, ...p.chosen], place),
    rejected: toHhText([...p.prompt, ...p.rejected], place),
  };
}

const sftRow = (e: SftExample): object => ({ messages: e.messages });

/**
 * Converts training data to another format. Preference pairs become SFT rows on their chosen side;
 * SFT rows cannot become pairs (there is no rejected answer).
 */
export function convertTrainingData(data: TrainingData, to: TrainingFormat): TrainingData {
  if (data.kind === "preference") {
    if (to === "openai") {
      return {
        kind: "sft",
        format: to,
        rows: data.rows.map((p) => ({ messages: [...p.prompt, ...p.chosen] })),
      };
    }
    return { kind: "preference", format: to, rows: data.rows };
  }
  if (to !== "openai") {
    throw new BreakfixError("USAGE", `SFT data cannot be converted to the preference format ${to}`, {
      fix: "preference formats need a rejected answer for each prompt; convert preference data instead",
    });
  }
  return data;
}

/** JSONL text of the data in its format. */
export function toTrainingJsonl(data: TrainingData): string {
  const rows =
    data.kind === "sft"
      ? data.rows.map(sftRow)
      : data.rows.map((p, i) => preferenceRow(p, data.format, i + 1));
  return rows.map((r) => `${JSON.stringify(r)}\n`).join("");
}
