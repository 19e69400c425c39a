import { createLshIndex, createNgramIndex, normalizeText } from "../datasets/near-duplicates.js";

/** A text the training data must not contain: an evaluation prompt or a held-out attack. */
export interface EvalText {
  source: string;
  id: string;
  text: string;
}

export interface DecontaminationOptions {
  /** Word n-gram size of the normalised-overlap check (default 8; shorter texts count as one n-gram). */
  ngram?: number;
  /** Share of an evaluation text's n-grams found in a candidate that makes it contaminated (default 0.5). */
  minContainment?: number;
  /** Estimated Jaccard similarity of character shingles that makes two texts near-duplicates (default 0.5). */
  nearDuplicate?: number;
  seed?: number;
}

export interface ContaminationMatch {
  source: string;
  id: string;
  /** `ngram`: normalised word n-grams; `skeleton`: letters only, with look-alike characters folded; `minhash`. */
  method: "ngram" | "skeleton" | "minhash";
  /** Containment (n-gram checks) or estimated similarity (minhash) that crossed the threshold. */
  score: number;
  /** The start of the evaluation text, for the removal report. */
  excerpt: string;
}

// Look-alike letters (Cyrillic, Greek) and leetspeak digits folded onto ASCII so obfuscated copies match.
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/**
 * A text reduced to its letters: diacritics stripped, look-alikes folded, everything that is not a letter
 * or digit dropped (spaces, zero-width characters, punctuation). Spelled as space-separated characters so the
 * word n-gram index compares character runs.
 */
export function skeleton(text: string): string {
  const folded = Array.from(text.normalize("NFKD").toLowerCase(), (c) => CONFUSABLES[c] ?? c).join("");
  return Array.from(folded.replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]/gu, "")).join(" ");
}

export interface Decontaminator {
  /** Every evaluation text a candidate text matches (empty: clean). */
  check(text: string): ContaminationMatch[];
}

const SKELETON_GRAM = 12;
const MIN_CONTAINED_WORDS = 3;

/**
 * Indexes the evaluation texts once; `check` then tests a candidate text three ways: normalised word
 * n-gram containment (verbatim and re-cased copies, copies inside a longer prompt), the same on letter
 * skeletons (spacing, homoglyph, diacritic and zero-width obfuscation), and MinHash similarity of
 * character shingles (light paraphrase). The n-gram checks are exact and exhaustive; the MinHash index is
 * banded for a threshold well below the removal threshold, so a near-duplicate above it is all but never
 * missed.
 */
export function createDecontaminator(
  texts: readonly EvalText[],
  o: DecontaminationOptions = {},
): Decontaminator {
  const minContainment = o.minContainment ?? 0.5;
  const nearDuplicate = o.nearDuplicate ?? 0.5;
  const words = createNgramIndex(o.ngram ?? 8);
  const letters = createNgramIndex(SKELETON_GRAM);
  const similar = createLshIndex({ threshold: Math.max(0.2, nearDuplicate - 0.2), seed: o.seed ?? 1 });
  const byKey = new Map<string, EvalText>();
  // Very short texts ("hello there") would be contained in half of everything: they must match whole.
  const whole = new Map<string, string>();
  texts.forEach((t, i) => {
    const norm = normalizeText(t.text);
    if (norm === "") return;
    const key = String(i);
    byKey.set(key, t);
    const bones = skeleton(t.text);
    if (norm.split(" ").length < MIN_CONTAINED_WORDS || bones.length < 2 * SKELETON_GRAM - 1) {
      if (!whole.has(bones)) whole.set(bones, key);
    }
    if (norm.split(" ").length >= MIN_CONTAINED_WORDS) words.add(key, t.text);
    if (bones.length >= 2 * SKELETON_GRAM - 1) letters.add(key, bones);
    similar.add(key, t.text);
  });
  const match = (key: string, method: ContaminationMatch["method"], score: number): ContaminationMatch => {
    const t = byKey.get(key) as EvalText;
    return { source: t.source, id: t.id, method, score, excerpt: t.text.slice(0, 80) };
  };
  return {
    check(text) {
      const found = new Map<string, ContaminationMatch>();
      const keep = (m: ContaminationMatch, key: string) => {
        if (!found.has(key)) found.set(key, m);
      };
      const exact = whole.get(skeleton(text));
      if (exact !== undefined) keep(match(exact, "skeleton", 1), exact);
      for (const m of words.matches(text, minContainment)) keep(match(m.id, "ngram", m.containment), m.id);
      for (const m of letters.matches(skeleton(text), minContainment))
        keep(match(m.id, "skeleton", m.containment), m.id);
      for (const m of similar.query(text, nearDuplicate)) keep(match(m.id, "minhash", m.similarity), m.id);
      return [...found.values()];
    },
  };
}
