import { BreakfixError } from "../../core/index.js";
import { heapPop, heapPush } from "./binary-heap.js";
import { pairKey } from "./bpe-merge.js";
import { BpeTokenizer, type SpecialToken } from "./bpe-tokenizer.js";
import { CHAT_SPECIAL_TOKENS } from "./chat-template.js";
import { preTokenize } from "./pretokenize.js";

export interface TrainBpeOptions {
  /** Final vocab size: 256 byte tokens + learned merges + special tokens. */
  vocabSize: number;
  /** Special tokens appended after the merges (default: the chat template's). */
  specials?: readonly string[];
  /** Pairs seen fewer times than this are never merged, so a small corpus may yield a smaller vocab. */
  minFrequency?: number;
}

interface Candidate {
  count: number;
  key: number;
}

const KEY_BASE = 2 ** 21;

/**
 * Learns byte-level BPE merges from a corpus. Deterministic: the most frequent pair wins and ties go to
 * the smallest (left id, right id), so the result depends only on the multiset of words, not on order.
 * Pair counts are updated incrementally and candidates come from a lazy max-heap.
 */
export function trainBpe(corpus: Iterable<string>, options: TrainBpeOptions): BpeTokenizer {
  const specials = options.specials ?? CHAT_SPECIAL_TOKENS;
  const minFrequency = Math.max(1, options.minFrequency ?? 2);
  const targetMerges = options.vocabSize - 256 - specials.length;
  if (!Number.isInteger(options.vocabSize) || targetMerges < 0) {
    throw new BreakfixError("USAGE", `vocabSize ${options.vocabSize} is too small`, {
      fix: `use at least ${256 + specials.length} (256 bytes + ${specials.length} special tokens)`,
    });
  }
  const wordCounts = new Map<string, number>();
  for (const text of corpus) {
    for (const word of preTokenize(text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  }
  const utf8 = new TextEncoder();
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [word, count] of wordCounts) {
    words.push(Array.from(utf8.encode(word)));
    counts.push(count);
  }

  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  words.forEach((w, wi) => {
    for (let i = 0; i + 1 < w.length; i++) {
      const key = pairKey(w[i] as number, w[i + 1] as number);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + (counts[wi] as number));
      addWordToPair(pairWords, key, wi);
    }
  });
  const heap: Candidate[] = [];
  for (const [key, count] of pairCounts) heapPush(heap, { count, key }, before);

  const tokens: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  const merges: Array<[number, number]> = [];
  while (merges.length < targetMerges && heap.length > 0) {
    const top = heapPop(heap, before);
    if (pairCounts.get(top.key) !== top.count) continue; // stale entry
    if (top.count < minFrequency) break;
    const left = Math.floor(top.key / KEY_BASE);
    const right = top.key - left * KEY_BASE;
    const merged = tokens.length;
    tokens.push(concat(tokens[left] as Uint8Array, tokens[right] as Uint8Array));
    merges.push([left, right]);
    const deltas = new Map<number, number>();
    const add = (key: number, delta: number) => deltas.set(key, (deltas.get(key) ?? 0) + delta);
    for (const wi of pairWords.get(top.key) ?? []) {
      const w = words[wi] as number[];
      const mergedWord = mergePairIn(w, left, right, merged);
      if (mergedWord.length === w.length) continue;
      const c = counts[wi] as number;
      for (let i = 0; i + 1 < w.length; i++) add(pairKey(w[i] as number, w[i + 1] as number), -c);
      for (let i = 0; i + 1 < mergedWord.length; i++) {
        const key = pairKey(mergedWord[i] as number, mergedWord[i + 1] as number);
        add(key, c);
        addWordToPair(pairWords, key, wi);
      }
      words[wi] = mergedWord;
    }
    pairWords.delete(top.key);
    for (const [key, delta] of deltas) {
      if (delta === 0) continue;
      const count = (pairCounts.get(key) ?? 0) + delta;
      if (count > 0) {
        pairCounts.set(key, count);
        heapPush(heap, { count, key }, before);
      } else pairCounts.delete(key);
    }
  }
  const specialTokens: SpecialToken[] = specials.map((content, i) => ({ id: tokens.length + i, content }));
  return new BpeTokenizer({ tokens, merges, specials: specialTokens });
}

function addWordToPair(pairWords: Map<number, Set<number>>, key: number, word: number): void {
  const set = pairWords.get(key);
  if (set) set.add(word);
  else pairWords.set(key, new Set([word]));
}

function mergePairIn(word: number[], left: number, right: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === left && word[i + 1] === right) {
      out.push(merged);
      i++;
    } else out.push(word[i] as number);
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Max-heap order: higher count first, then smaller pair key (left id, then right id). */
const before = (x: Candidate, y: Candidate) => x.count > y.count || (x.count === y.count && x.key < y.key);
