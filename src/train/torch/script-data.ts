import { writeFileSync } from "node:fs";
import path from "node:path";
import type { BpeTokenizer } from "../../engine/tokenizer/index.js";
import {
  convertTrainingData,
  type PreferencePair,
  type SftExample,
  type TrainingData,
  toTrainingJsonl,
} from "../../training-data/index.js";
import { type EncodedSequence, encodeCompletion, encodeSft } from "../engine-trainers/encode.js";
import { splitValidation } from "../split-validation.js";

export interface ScriptData {
  train: string;
  /** Held-out rows for the script's eval events, when a validation fraction was asked for. */
  validation?: string;
  trainRows: number;
}

/**
 * Writes what the training script reads. For an engine model the rows are pre-tokenised with the engine's
 * own chat template ({ids, mask}: the mask weights each token as a training target), so the script trains
 * on exactly the tokens the engine would, with or without transformers; otherwise text rows (OpenAI chat for
 * SFT, TRL conversational for DPO) that the script renders with the model's chat template.
 */
export function writeScriptData(
  data: TrainingData,
  method: "sft" | "dpo",
  dir: string,
  o: { tokenizer?: BpeTokenizer; validationFraction: number; seed: number },
): ScriptData {
  const converted = convertTrainingData(data, method === "sft" ? "openai" : "trl");
  const { train, validation } = splitValidation<SftExample | PreferencePair>(
    converted.rows,
    o.validationFraction,
    o.seed,
  );
  const write = (name: string, rows: (SftExample | PreferencePair)[]): string => {
    const file = path.join(dir, name);
    const text = o.tokenizer
      ? rows.map((r) => `${JSON.stringify(tokenised(o.tokenizer!, method, r))}\n`).join("")
      : toTrainingJsonl({ ...converted, rows } as TrainingData);
    writeFileSync(file, text);
    return file;
  };
  const kind = o.tokenizer ? "ids" : method === "sft" ? "openai" : "trl";
  return {
    train: write(`train.${kind}.jsonl`, train),
    ...(validation.length > 0 && { validation: write(`validation.${kind}.jsonl`, validation) }),
    trainRows: train.length,
  };
}

function tokenised(tokenizer: BpeTokenizer, method: "sft" | "dpo", row: SftExample | PreferencePair) {
  if (method === "sft") return idsAndMask(encodeSft(tokenizer, row as SftExample));
  const pair = row as PreferencePair;
  return {
    chosen: idsAndMask(encodeCompletion(tokenizer, pair, "chosen")),
    rejected: idsAndMask(encodeCompletion(tokenizer, pair, "rejected")),
  };
}

/** Back from (input, target, weight) to the rendered ids and a per-token target weight. */
function idsAndMask(s: EncodedSequence): { ids: number[]; mask: number[] } {
  return { ids: [...s.tokens, s.targets.at(-1) ?? 0], mask: [0, ...s.weights] };
}
