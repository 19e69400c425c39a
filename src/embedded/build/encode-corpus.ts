import type { Rng } from "../../core/index.js";
import type { Batch } from "../../engine/model/index.js";
import { type BpeTokenizer, END_OF_TEXT, renderChat } from "../../engine/tokenizer/index.js";
import type { CorpusConversation } from "../corpus/generate-corpus.js";

export interface EncodedConversation {
  ids: Int32Array;
  /** 1 where the token is assistant output. */
  mask: Uint8Array;
}

/** Renders each conversation to tokens; ones longer than the context are dropped (and counted). */
export function encodeCorpus(
  tokenizer: BpeTokenizer,
  corpus: readonly CorpusConversation[],
  contextLength: number,
): { encoded: EncodedConversation[]; dropped: number } {
  const encoded: EncodedConversation[] = [];
  let dropped = 0;
  for (const c of corpus) {
    const r = renderChat(tokenizer, c.messages);
    // The sequence is shifted by one for next-token targets, so it may be one longer than the context.
    if (r.ids.length > contextLength + 1) dropped++;
    else encoded.push({ ids: Int32Array.from(r.ids), mask: r.assistantMask });
  }
  return { encoded, dropped };
}

/**
 * A batch of `rows` rows, each packed with whole conversations drawn with `rng` until the next one would
 * not fit in `contextLength + 1` tokens (inputs are tokens 0..n-2, targets 1..n-1). Packing instead of
 * padding each conversation to the longest one keeps most of every step's tokens useful: conversations are
 * 20–120 tokens long. Only assistant tokens carry loss; each conversation starts with a role marker, so
 * the model learns not to lean on the unrelated text before it.
 */
export function drawBatch(
  data: readonly EncodedConversation[],
  tokenizer: BpeTokenizer,
  rows: number,
  contextLength: number,
  rng: Rng,
): Batch {
  const T = contextLength;
  const pad = tokenizer.specialId(END_OF_TEXT) ?? 0;
  const tokens = new Int32Array(rows * T).fill(pad);
  const targets = new Int32Array(rows * T).fill(pad);
  const weights = new Float32Array(rows * T);
  for (let b = 0; b < rows; b++) {
    const ids: number[] = [];
    const mask: number[] = [];
    for (;;) {
      const c = data[rng.int(data.length)] as EncodedConversation;
      if (ids.length > 0 && ids.length + c.ids.length > T + 1) break;
      ids.push(...c.ids);
      mask.push(...c.mask);
    }
    for (let t = 0; t + 1 < ids.length; t++) {
      tokens[b * T + t] = ids[t] as number;
      targets[b * T + t] = ids[t + 1] as number;
      weights[b * T + t] = mask[t + 1] as number;
    }
  }
  return { tokens, targets, weights, B: rows, T };
}
