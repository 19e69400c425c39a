import type { Message } from "../../core/index.js";

/** A chat message with OpenAI's optional per-message training weight (0 = not trained on). */
export interface WeightedMessage extends Message {
  weight?: 0 | 1;
}

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

export type TrainingData =
  | { kind: "sft"; format: SftFormat; rows: SftExample[] }
  | { kind: "preference"; format: PreferenceFormat; rows: PreferencePair[] };
