import { sha256Hex } from "../core/index.js";
import { createLshIndex, normalizeText } from "../datasets/index.js";
import { type Candidate, exampleText } from "./example-text.js";
import type { RemovedExample } from "./removal.js";

export interface DedupeResult<T extends Candidate> {
  kept: T[];
  removed: RemovedExample[];
}

/**
 * Drops exact duplicates (same normalised text) and near-duplicates (estimated Jaccard of character
 * shingles ≥ `threshold`, among examples of the same kind), keeping the first of each group in input order.
 */
export function dedupe<T extends Candidate>(
  items: readonly T[],
  set: RemovedExample["set"],
  o: { threshold: number; seed: number },
): DedupeResult<T> {
  const seen = new Map<string, string>();
  const near = new Map<string, ReturnType<typeof createLshIndex>>();
  const kept: T[] = [];
  const removed: RemovedExample[] = [];
  for (const c of items) {
    const text = exampleText(c);
    const key = sha256Hex(normalizeText(text));
    const same = seen.get(key);
    const base = { id: c.id, set, kind: c.provenance.kind, harmArea: c.provenance.harmArea };
    if (same !== undefined) {
      removed.push({ ...base, reason: "exact-duplicate", duplicateOf: same });
      continue;
    }
    let index = near.get(c.provenance.kind);
    if (!index) {
      index = createLshIndex({ threshold: o.threshold, seed: o.seed });
      near.set(c.provenance.kind, index);
    }
    const hit = index.query(text)[0];
    if (hit) {
      removed.push({ ...base, reason: "near-duplicate", duplicateOf: hit.id, similarity: hit.similarity });
      continue;
    }
    seen.set(key, c.id);
    index.add(c.id, text);
    kept.push(c);
  }
  return { kept, removed };
}
