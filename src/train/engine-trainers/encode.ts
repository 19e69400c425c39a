import type { Batch } from "../../engine/model/index.js";
import { type BpeTokenizer, END_OF_TEXT, renderChat } from "../../engine/tokenizer/index.js";
import type { PreferencePair, SftExample } from "../../training-data/index.js";

/** One training sequence: inputs, next-token targets and the per-target loss weight. */
export interface EncodedSequence {
  tokens: number[];
  targets: number[];
  weights: number[];
}

/**
 * Shifts rendered ids into (input, target) pairs; the target at position t is trained when the token
 * t+1 is in `mask` (the assistant mask shifted by one).
 */
function shift(ids: readonly number[], mask: ArrayLike<number>): EncodedSequence {
  return {
    tokens: ids.slice(0, -1),
    targets: ids.slice(1),
    weights: Array.from({ length: ids.length - 1 }, (_, t) => mask[t + 1] ?? 0),
  };
}

/** An SFT conversation: loss on assistant tokens whose message weight is not 0 (multi-turn). */
export function encodeSft(tokenizer: BpeTokenizer, example: SftExample): EncodedSequence {
  const { ids, assistantMask } = renderChat(tokenizer, example.messages);
  const mask = Uint8Array.from(assistantMask);
  // Each message renders as its own pieces, so the prefix up to message i ends where message i ends.
  let start = 0;
  example.messages.forEach((m, i) => {
    const end = renderChat(tokenizer, example.messages.slice(0, i + 1)).ids.length;
    if (m.weight === 0) mask.fill(0, start, end);
    start = end;
  });
  return shift(ids, mask);
}

/** prompt + completion, trained on the completion's tokens only (earlier assistant turns are prompt). */
export function encodeCompletion(
  tokenizer: BpeTokenizer,
  pair: PreferencePair,
  side: "chosen" | "rejected",
): EncodedSequence {
  const { ids, assistantMask } = renderChat(tokenizer, [...pair.prompt, ...pair[side]]);
  const promptLength = renderChat(tokenizer, pair.prompt).ids.length;
  const mask = Uint8Array.from(assistantMask).fill(0, 0, promptLength);
  return shift(ids, mask);
}

/** Right-padded batch of sequences (padding has weight 0, so it is neither trained nor scored). */
export function toBatch(tokenizer: BpeTokenizer, sequences: readonly EncodedSequence[], T: number): Batch {
  const B = sequences.length;
  const pad = tokenizer.specialId(END_OF_TEXT) ?? 0;
  const tokens = new Int32Array(B * T).fill(pad);
  const targets = new Int32Array(B * T).fill(pad);
  const weights = new Float32Array(B * T);
  sequences.forEach((s, b) => {
    tokens.set(s.tokens, b * T);
    targets.set(s.targets, b * T);
    weights.set(s.weights, b * T);
  });
  return { tokens, B, T, targets, weights };
}

/** Trained (weighted) targets of a sequence. */
export const trainedTokens = (s: EncodedSequence): number =>
  s.weights.reduce((a, w) => a + (w > 0 ? 1 : 0), 0);
