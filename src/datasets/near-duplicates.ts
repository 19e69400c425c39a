/**
 * Near-duplicate text detection: the shared tool for merging look-alike attacks (vuln), and for dedupe and
 * decontamination of training data (curate). Pure, synchronous, seeded; no I/O.
 *
 * API (stable; other stages code against these names):
 * - `normalizeText(text)`: NFKC, lower case, punctuation and symbols to spaces, whitespace collapsed.
 * - `wordShingles(text, n = 3)`, `charShingles(text, n = 5)`: sets of n-grams over the normalised text; a
 *   text shorter than n gives one shingle (itself), an empty text none.
 * - `jaccard(a, b)`: exact Jaccard similarity of two sets (0 when both are empty).
 * - `createMinHasher({ numHashes = 128, seed = 1, shingle = "char", shingleSize })`: `signature(text)` →
 *   Uint32Array of `numHashes` minima. Same options and seed → same signatures in every process.
 * - `estimateJaccard(sigA, sigB)`: share of equal slots (0 when either text was empty).
 * - `createLshIndex({ threshold = 0.7, ...MinHashOptions })`: banded LSH over MinHash signatures.
 *   `add(id, text)` (false for an empty text or a repeated id), `query(text, threshold?)` →
 *   `[{ id, similarity }]`, most similar first, estimated similarity ≥ threshold. Band candidates are
 *   probabilistic; `query(text, t, { exhaustive: true })` compares against every entry instead (and a
 *   threshold below the index's own is always answered exhaustively).
 * - `ngramOverlap(a, b, n = 8)`: word n-grams of `a` that also occur in `b` (`shared`, `containment` =
 *   shared / n-grams of a, `jaccard`). A text shorter than n words counts as one n-gram of its own length.
 * - `createNgramIndex(n = 8)`: `add(id, text)`; `matches(text, minContainment = 0)` → `[{ id, shared,
 *   containment }]`, where containment is the share of the *indexed* text's n-grams found in `text`.
 *   Exact and exhaustive: what decontamination needs for its hard guarantee.
 */

import { hashString32 } from "../core/index.js";

export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

function words(text: string): string[] {
  const norm = normalizeText(text);
  return norm === "" ? [] : norm.split(" ");
}

function gramsOf(tokens: readonly string[], n: number, joiner: string): Set<string> {
  const out = new Set<string>();
  if (tokens.length === 0) return out;
  if (tokens.length <= n) {
    out.add(tokens.join(joiner));
    return out;
  }
  for (let i = 0; i + n <= tokens.length; i++) out.add(tokens.slice(i, i + n).join(joiner));
  return out;
}

export function wordShingles(text: string, n = 3): Set<string> {
  assertSize(n, "word shingle size");
  return gramsOf(words(text), n, " ");
}

export function charShingles(text: string, n = 5): Set<string> {
  assertSize(n, "char shingle size");
  return gramsOf([...normalizeText(text)], n, "");
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface MinHashOptions {
  /** Signature length; more hashes → tighter estimates (std ≈ √(J(1−J)/numHashes)). Default 128. */
  numHashes?: number;
  seed?: number;
  /** `char` (default) tolerates small edits and obfuscations; `word` is faster on long texts. */
  shingle?: "char" | "word";
  /** Default 5 for char shingles, 3 for word shingles. */
  shingleSize?: number;
}

export interface MinHasher {
  readonly numHashes: number;
  signature(text: string): Uint32Array;
}

const EMPTY_SLOT = 0xffffffff;

/** murmur3's finaliser: a bijection on 32-bit ints with full avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createMinHasher(options: MinHashOptions = {}): MinHasher {
  const numHashes = options.numHashes ?? 128;
  assertSize(numHashes, "numHashes");
  const shingle = options.shingle ?? "char";
  const size = options.shingleSize ?? (shingle === "char" ? 5 : 3);
  // One seed per slot; xor-then-finalise gives each slot its own pseudo-random permutation of hash values.
  const seeds = new Uint32Array(numHashes);
  for (let i = 0; i < numHashes; i++) seeds[i] = fmix32((options.seed ?? 1) * 0x9e3779b1 + i * 0x632be5ab);
  return {
    numHashes,
    signature(text) {
      const sig = new Uint32Array(numHashes).fill(EMPTY_SLOT);
      const shingles = shingle === "char" ? charShingles(text, size) : wordShingles(text, size);
      for (const s of shingles) {
        const base = hashString32(s);
        for (let i = 0; i < numHashes; i++) {
          const v = fmix32(base ^ (seeds[i] as number));
          if (v < (sig[i] as number)) sig[i] = v;
        }
      }
      return sig;
    },
  };
}

function isEmptySignature(sig: Uint32Array): boolean {
  return sig.every((v) => v === EMPTY_SLOT);
}

export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signature lengths differ: ${a.length} vs ${b.length}`);
  if (a.length === 0 || isEmptySignature(a) || isEmptySignature(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export interface LshOptions extends MinHashOptions {
  /** Similarity the bands are tuned for, and the default query threshold. Default 0.7. */
  threshold?: number;
}

export interface SimilarMatch {
  id: string;
  similarity: number;
}

export interface LshIndex {
  readonly size: number;
  readonly threshold: number;
  add(id: string, text: string): boolean;
  has(id: string): boolean;
  query(text: string, threshold?: number, options?: { exhaustive?: boolean }): SimilarMatch[];
}

/**
 * Picks bands × rows = numHashes minimising the probability mass of misses (weighted 0.8: a missed
 * duplicate leaks into training data) and of false candidates (0.2: they are only re-checked).
 */
function chooseBands(numHashes: number, threshold: number): { bands: number; rows: number } {
  let best = { bands: numHashes, rows: 1, cost: Number.POSITIVE_INFINITY };
  for (let rows = 1; rows <= numHashes; rows++) {
    if (numHashes % rows !== 0) continue;
    const bands = numHashes / rows;
    const hit = (s: number) => 1 - (1 - s ** rows) ** bands;
    let falsePositive = 0;
    let falseNegative = 0;
    const steps = 200;
    for (let k = 0; k < steps; k++) {
      const s = (k + 0.5) / steps;
      if (s < threshold) falsePositive += hit(s) / steps;
      else falseNegative += (1 - hit(s)) / steps;
    }
    const cost = 0.2 * falsePositive + 0.8 * falseNegative;
    if (cost < best.cost) best = { bands, rows, cost };
  }
  return { bands: best.bands, rows: best.rows };
}

export function createLshIndex(options: LshOptions = {}): LshIndex {
  const threshold = options.threshold ?? 0.7;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`LSH threshold must be in (0, 1], got ${threshold}`);
  const hasher = createMinHasher(options);
  const { bands, rows } = chooseBands(hasher.numHashes, threshold);
  const buckets = new Map<string, string[]>();
  const signatures = new Map<string, Uint32Array>();
  const bandKeys = (sig: Uint32Array): string[] => {
    const keys: string[] = [];
    for (let b = 0; b < bands; b++) keys.push(`${b}:${sig.subarray(b * rows, (b + 1) * rows).join(",")}`);
    return keys;
  };
  return {
    get size() {
      return signatures.size;
    },
    threshold,
    has: (id) => signatures.has(id),
    add(id, text) {
      if (signatures.has(id)) return false;
      const sig = hasher.signature(text);
      if (isEmptySignature(sig)) return false;
      signatures.set(id, sig);
      for (const key of bandKeys(sig)) {
        const bucket = buckets.get(key);
        if (bucket) bucket.push(id);
        else buckets.set(key, [id]);
      }
      return true;
    },
    query(text, minSimilarity = threshold, queryOptions = {}) {
      const sig = hasher.signature(text);
      if (isEmptySignature(sig)) return [];
      const exhaustive = queryOptions.exhaustive === true || minSimilarity < threshold;
      const candidates = exhaustive ? new Set(signatures.keys()) : new Set<string>();
      if (!exhaustive)
        for (const key of bandKeys(sig)) for (const id of buckets.get(key) ?? []) candidates.add(id);
      const out: SimilarMatch[] = [];
      for (const id of candidates) {
        const similarity = estimateJaccard(sig, signatures.get(id) as Uint32Array);
        if (similarity >= minSimilarity) out.push({ id, similarity });
      }
      return out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}

export interface NgramOverlap {
  shared: number;
  /** Shared n-grams over the n-grams of the first text (0 when it has none). */
  containment: number;
  jaccard: number;
}

export function ngramOverlap(a: string, b: string, n = 8): NgramOverlap {
  assertSize(n, "n-gram size");
  const wa = words(a);
  const ga = gramsOf(wa, n, " ");
  // A short `a` is one gram of its own length: look for that exact word run in b.
  const gb = gramsOf(words(b), Math.max(1, Math.min(wa.length, n)), " ");
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return {
    shared,
    containment: ga.size === 0 ? 0 : shared / ga.size,
    jaccard: jaccard(ga, gb),
  };
}

export interface NgramMatch {
  id: string;
  shared: number;
  /** Share of the indexed text's n-grams that occur in the queried text. */
  containment: number;
}

export interface NgramIndex {
  readonly size: number;
  add(id: string, text: string): boolean;
  matches(text: string, minContainment?: number): NgramMatch[];
}

export function createNgramIndex(n = 8): NgramIndex {
  assertSize(n, "n-gram size");
  // gram → ids holding it; gram length (in words) is n, or a short text's own length.
  const owners = new Map<string, string[]>();
  const gramCount = new Map<string, number>();
  const lengths = new Set<number>();
  return {
    get size() {
      return gramCount.size;
    },
    add(id, text) {
      const tokens = words(text);
      if (tokens.length === 0 || gramCount.has(id)) return false;
      const grams = gramsOf(tokens, n, " ");
      lengths.add(Math.min(tokens.length, n));
      gramCount.set(id, grams.size);
      for (const g of grams) {
        const list = owners.get(g);
        if (list) list.push(id);
        else owners.set(g, [id]);
      }
      return true;
    },
    matches(text, minContainment = 0) {
      const tokens = words(text);
      const shared = new Map<string, number>();
      for (const len of lengths) {
        const seen = new Set<string>();
        for (let i = 0; i + len <= tokens.length; i++) {
          const g = tokens.slice(i, i + len).join(" ");
          if (seen.has(g)) continue;
          seen.add(g);
          for (const id of owners.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
        }
      }
      const out: NgramMatch[] = [];
      for (const [id, count] of shared) {
        const containment = count / (gramCount.get(id) as number);
        if (containment > 0 && containment >= minContainment) out.push({ id, shared: count, containment });
      }
      return out.sort((a, b) => b.containment - a.containment || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}

function assertSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
}
