import type { Message } from "../core/index.js";
import type { WeightedMessage } from "../datasets/index.js";

export type { WeightedMessage };

/** One SFT conversation; the loss falls on assistant messages whose weight is not 0. */
export interface SftExample {
  messages: WeightedMessage[];
}

/**
 * One preference pair: a shared prompt and two completions (assistant turns). Every reader checks the
 * prompt-prefix invariant: both completions continue the same prompt.
 */
export interface PreferencePair {
  prompt: Message[];
  chosen: Message[];
  rejected: Message[];
}

export type SftFormat = "openai";
export type PreferenceFormat = "openai-dpo" | "trl" | "hh";
export type TrainingFormat = SftFormat | PreferenceFormat;
export const TRAINING_FORMATS: readonly TrainingFormat[] = ["openai", "openai-dpo", "trl", "hh"];

/**
 * Formats that are read but never written: each is read into a canonical format (prompt-completion → SFT
 * `openai`; kto and pku-saferlhf → preference `trl`), so every writer stays as it is.
 */
export type InputOnlyFormat = "prompt-completion" | "kto" | "pku-saferlhf";
export type InputFormat = TrainingFormat | InputOnlyFormat;
export const INPUT_FORMATS: readonly InputFormat[] = [
  ...TRAINING_FORMATS,
  "prompt-completion",
  "kto",
  "pku-saferlhf",
];

/** What reading left behind: KTO rows whose prompt has no completion of the other label (file lines). */
export interface ReadNotes {
  readAs?: InputOnlyFormat;
  unpairedLines?: number[];
}

export type TrainingData = ReadNotes &
  (
    | { kind: "sft"; format: SftFormat; rows: SftExample[] }
    | { kind: "preference"; format: PreferenceFormat; rows: PreferencePair[] }
  );
