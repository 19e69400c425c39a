import { heapPop, heapPush } from "./binary-heap.js";

/** Min-heap order on packed (rank, position) numbers. */
const lower = (a: number, b: number): boolean => a < b;
/**
 * Applies BPE merges to one pre-tokenized word. Candidate pairs sit in a min-heap ordered by (merge rank,
 * position), so each merge costs O(log n) instead of a rescan of the word; stale heap entries are
 * discarded when popped. Equal ranks merge leftmost first, as Hugging Face tokenizers and llama.cpp do.
 */
const POS_BITS = 2 ** 21;

export function pairKey(left: number, right: number): number {
  return left * POS_BITS + right;
}

export interface MergeTable {
  /** pairKey(left, right) → merge rank (0 = first learned). */
  readonly rankOf: Map<number, number>;
  /** Token id produced by the merge of each rank. */
  readonly mergedId: Int32Array;
}

export function mergeWord(ids: readonly number[], table: MergeTable): number[] {
  const n = ids.length;
  if (n < 2) return ids.slice();
  const tok = Int32Array.from(ids);
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  const heap: number[] = [];
  const consider = (pos: number) => {
    if (pos < 0) return;
    const right = next[pos] as number;
    if (right < 0) return;
    const rank = table.rankOf.get(pairKey(tok[pos] as number, tok[right] as number));
    if (rank !== undefined) heapPush(heap, rank * POS_BITS + pos, lower);
  };
  for (let i = 0; i + 1 < n; i++) consider(i);
  const alive = new Uint8Array(n).fill(1);
  while (heap.length > 0) {
    const entry = heapPop(heap, lower);
    const rank = Math.floor(entry / POS_BITS);
    const pos = entry - rank * POS_BITS;
    const right = next[pos] as number;
    if (!alive[pos] || right < 0) continue;
    if (table.rankOf.get(pairKey(tok[pos] as number, tok[right] as number)) !== rank) continue;
    tok[pos] = table.mergedId[rank] as number;
    alive[right] = 0;
    const after = next[right] as number;
    next[pos] = after;
    if (after >= 0) prev[after] = pos;
    consider(prev[pos] as number);
    consider(pos);
  }
  const out: number[] = [];
  for (let i = 0; i >= 0; i = next[i] as number) out.push(tok[i] as number);
  return out;
}
