import { BreakfixError, createRng } from "../../core/index.js";
import type { EncodedSequence } from "./encode.js";
import { trainedTokens } from "./encode.js";

export interface KeptSequences<T> {
  items: T[];
  /** Rows longer than the context or with nothing to train on, skipped with their count reported. */
  dropped: number;
  /** Batch length: the longest kept sequence. */
  T: number;
}

/** Keeps the items whose sequences fit the context and carry trained tokens. */
export function keepTrainable<T>(
  items: readonly T[],
  sequencesOf: (item: T) => readonly EncodedSequence[],
  contextLength: number,
  what: string,
): KeptSequences<T> {
  const kept: T[] = [];
  let T = 1;
  for (const item of items) {
    const seqs = sequencesOf(item);
    if (seqs.every((s) => s.tokens.length <= contextLength && trainedTokens(s) > 0)) {
      kept.push(item);
      for (const s of seqs) T = Math.max(T, s.tokens.length);
    }
  }
  if (kept.length === 0 && items.length > 0) {
    throw new BreakfixError(
      "DATA_INVALID",
      `no ${what} fits the model's context of ${contextLength} tokens`,
      {
        fix: "shorten the conversations or train a model with a longer context",
      },
    );
  }
  return { items: kept, dropped: items.length - kept.length, T };
}

/** Index of the example at global position p of a seeded, per-epoch shuffled stream. */
export function epochOrder(n: number, seed: number): (position: number) => number {
  const orders = new Map<number, number[]>();
  return (position) => {
    const epoch = Math.floor(position / n);
    let order = orders.get(epoch);
    if (order === undefined) {
      // Derived from (seed, epoch) alone, so a resumed run sees the same order.
      order = createRng(seed)
        .fork(`epoch:${epoch}`)
        .shuffle(Array.from({ length: n }, (_, i) => i));
      orders.clear();
      orders.set(epoch, order);
    }
    return order[position % n] as number;
  };
}
