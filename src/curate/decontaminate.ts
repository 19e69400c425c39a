import {
  createMinHasher,
  createNgramIndex,
  estimateJaccard,
  normalizeText,
} from "../datasets/near-duplicates.js";

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
  η: "h",
  μ: "m",
  ϲ: "c",
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

export interface Decontaminator {
  /** Every evaluation text a candidate text matches (empty: clean). */
  check(text: string): ContaminationMatch[];
}

const SKELETON_GRAM = 12;
const MIN_CONTAINED_WORDS = 3;

/**
 * Indexes the evaluation texts once; `check` then tests a candidate text three ways: normalised word
 * n-gram containment (verbatim and re-cased copies, copies inside a longer prompt), character n-gram
 * containment on letter skeletons (spacing, homoglyph, diacritic and zero-width obfuscation), and MinHash
 * similarity of character shingles (light paraphrase), compared against every evaluation text. All three
 * are exhaustive: nothing is sampled or bucketed away.
 */
export function createDecontaminator(
  texts: readonly EvalText[],
  o: DecontaminationOptions = {},
): Decontaminator {
  const minContainment = o.minContainment ?? 0.5;
  const nearDuplicate = o.nearDuplicate ?? 0.5;
  const words = createNgramIndex(o.ngram ?? 8);
  const letters = createCharGramIndex(SKELETON_GRAM);
  const hasher = createMinHasher({ seed: o.seed ?? 1 });
  const signatures: Array<{ key: string; signature: Uint32Array }> = [];
  const byKey = new Map<string, EvalText>();
  // Very short texts ("hello there") would be contained in half of everything: they must match whole.
  const whole = new Map<string, string>();
  texts.forEach((t, i) => {
    const norm = normalizeText(t.text);
    if (norm === "") return;
    const key = String(i);
    byKey.set(key, t);
    const bones = skeleton(t.text);
    const longEnough = norm.split(" ").length >= MIN_CONTAINED_WORDS;
    if (!longEnough || bones.length < SKELETON_GRAM) {
      if (!whole.has(bones)) whole.set(bones, key);
    }
    if (longEnough) words.add(key, t.text);
    if (bones.length >= SKELETON_GRAM) letters.add(key, bones);
    const signature = hasher.signature(t.text);
    if (estimateJaccard(signature, signature) > 0) signatures.push({ key, signature });
  });
  const match = (key: string, method: ContaminationMatch["method"], score: number): ContaminationMatch => {
    const t = byKey.get(key) as EvalText;
    return { source: t.source, id: t.id, method, score, excerpt: t.text.slice(0, 80) };
  };
  return {
    check(text) {
      const found = new Map<string, ContaminationMatch>();
      const keep = (key: string, method: ContaminationMatch["method"], score: number) => {
        if (!found.has(key)) found.set(key, match(key, method, score));
      };
      const bones = skeleton(text);
      const exact = whole.get(bones);
      if (exact !== undefined) keep(exact, "skeleton", 1);
      for (const m of words.matches(text, minContainment)) keep(m.id, "ngram", m.containment);
      for (const m of letters.matches(bones, minContainment)) keep(m.id, "skeleton", m.containment);
      const signature = hasher.signature(text);
      if (estimateJaccard(signature, signature) > 0) {
        // Equal slots needed to reach the threshold: a comparison stops as soon as it cannot get there.
        const slots = signature.length;
        const needed = Math.ceil(nearDuplicate * slots);
        for (const s of signatures) {
          let same = 0;
          for (let i = 0; i < slots && same + (slots - i) >= needed; i++)
            if (signature[i] === s.signature[i]) same++;
          if (same >= needed) keep(s.key, "minhash", same / slots);
        }
      }
      return [...found.values()];
    },
  };
}
