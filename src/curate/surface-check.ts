import { createMinHasher, createNgramIndex, estimateJaccard, normalizeText } from "../datasets/index.js";
import { CONFUSABLES } from "./confusables.js";

/**
 * A text reduced to its letters: diacritics stripped, look-alikes folded, everything that is not a letter
 * or digit dropped (spaces, zero-width characters, punctuation), so spaced-out or obfuscated copies match.
 */
export function skeleton(text: string): string {
  const folded = Array.from(text.normalize("NFKD").toLowerCase(), (c) => CONFUSABLES[c] ?? c).join("");
  return folded.replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]/gu, "");
}

/** Exact character n-gram containment: the share of an indexed text's n-grams found in a queried text. */
function createCharGramIndex(n: number) {
  const owners = new Map<string, string[]>();
  const counts = new Map<string, number>();
  const grams = (text: string): Set<string> => {
    const out = new Set<string>();
    for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
    return out;
  };
  return {
    add(id: string, text: string): void {
      const own = grams(text);
      counts.set(id, own.size);
      for (const g of own) {
        const list = owners.get(g);
        if (list) list.push(id);
        else owners.set(g, [id]);
      }
    },
    matches(text: string, minContainment: number): Array<{ id: string; containment: number }> {
      const shared = new Map<string, number>();
      for (const g of grams(text))
        for (const id of owners.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      return [...shared]
        .map(([id, k]) => ({ id, containment: k / (counts.get(id) as number) }))
        .filter((m) => m.containment >= minContainment);
    },
  };
}

const SKELETON_GRAM = 12;
const MIN_CONTAINED_WORDS = 3;

export interface SurfaceOptions {
  ngram: number;
  minContainment: number;
  nearDuplicate: number;
  seed: number;
}

export interface SurfaceHit {
  /** Position of the matched text in the indexed list. */
  index: number;
  method: "ngram" | "skeleton" | "minhash";
  score: number;
}

/**
 * The surface checks over a list of texts, each exhaustive (nothing sampled or bucketed away): normalised
 * word n-gram containment (verbatim and re-cased copies, copies inside a longer prompt), character n-gram
 * containment on letter skeletons (spacing, homoglyph, diacritic and zero-width obfuscation), and MinHash
 * similarity of character shingles (light edits). Containment is the share of the indexed text's n-grams
 * found in the candidate. Texts under 3 words or 12 letters must match whole.
 */
export function createSurfaceCheck(
  texts: readonly string[],
  o: SurfaceOptions,
): (text: string) => SurfaceHit[] {
  const words = createNgramIndex(o.ngram);
  const letters = createCharGramIndex(SKELETON_GRAM);
  const hasher = createMinHasher({ seed: o.seed });
  // Slot i's minimum → the texts with that minimum in slot i: equal slots are counted by lookup, exactly
  // as a comparison with every text would count them.
  const slots = hasher.numHashes;
  const bySlot = Array.from({ length: slots }, () => new Map<number, number[]>());
  // Very short texts ("hello there") would be contained in half of everything: they must match whole.
  const whole = new Map<string, number>();
  texts.forEach((text, index) => {
    const norm = normalizeText(text);
    if (norm === "") return;
    const key = String(index);
    const bones = skeleton(text);
    const longEnough = norm.split(" ").length >= MIN_CONTAINED_WORDS;
    if ((!longEnough || bones.length < SKELETON_GRAM) && !whole.has(bones)) whole.set(bones, index);
    if (longEnough) words.add(key, text);
    if (bones.length >= SKELETON_GRAM) letters.add(key, bones);
    const signature = hasher.signature(text);
    if (estimateJaccard(signature, signature) === 0) return;
    signature.forEach((v, slot) => {
      const map = bySlot[slot] as Map<number, number[]>;
      const list = map.get(v);
      if (list) list.push(index);
      else map.set(v, [index]);
    });
  });
  return (text) => {
    const hits: SurfaceHit[] = [];
    const bones = skeleton(text);
    const exact = whole.get(bones);
    if (exact !== undefined) hits.push({ index: exact, method: "skeleton", score: 1 });
    for (const m of words.matches(text, o.minContainment))
      hits.push({ index: Number(m.id), method: "ngram", score: m.containment });
    for (const m of letters.matches(bones, o.minContainment))
      hits.push({ index: Number(m.id), method: "skeleton", score: m.containment });
    const signature = hasher.signature(text);
    if (estimateJaccard(signature, signature) > 0) {
      const needed = Math.ceil(o.nearDuplicate * slots);
      const same = new Map<number, number>();
      signature.forEach((v, slot) => {
        for (const index of (bySlot[slot] as Map<number, number[]>).get(v) ?? [])
          same.set(index, (same.get(index) ?? 0) + 1);
      });
      for (const [index, k] of same)
        if (k >= needed) hits.push({ index, method: "minhash", score: k / slots });
    }
    return hits;
  };
}
