import { decodedVariants, type IsWord } from "./decode-variants.js";
import { createMeaningIndex, type MeaningDoc, type MeaningThresholds } from "./meaning-index.js";
import { STOPWORDS } from "./meaning-lexicon.js";
import { framingOf, letterShare, looksForeign, meaningTokens } from "./meaning-tokens.js";
import { createSurfaceCheck } from "./surface-check.js";

export type { MeaningThresholds } from "./meaning-index.js";
export { skeleton } from "./surface-check.js";

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
  /** The meaning check's thresholds (see meaning-index.ts), or false to check surface copies only. */
  meaning?: MeaningThresholds | false;
  /**
   * The meaning check's thresholds for a text not in English: looser, since another translation of the
   * same prompt differs more than a paraphrase does, and English function words are not dropped there.
   */
  foreign?: MeaningThresholds;
  /** Undo the attack converters' encodings (base64, ROT13, leetspeak, ...) before checking (default true). */
  decode?: boolean;
}

export interface ContaminationMatch {
  source: string;
  id: string;
  /**
   * `ngram`: normalised word n-grams; `skeleton`: letters only, with look-alike characters folded;
   * `minhash`: character shingles; `meaning`: rarity-weighted content words, stemmed and with synonyms
   * merged (paraphrase; in any language, so another translation of a MultiJail prompt is caught too).
   */
  method: "ngram" | "skeleton" | "minhash" | "meaning";
  /** Containment (n-gram checks), estimated similarity (minhash) or meaning overlap that crossed the threshold. */
  score: number;
  /** The attack converter whose encoding was undone to find it (`base64`, `rot13`, `leetspeak`, ...). */
  via?: string;
  /** The start of the evaluation text, for the removal report. */
  excerpt: string;
}

export interface Decontaminator {
  /** Every evaluation text a candidate text matches (empty: clean). */
  check(text: string): ContaminationMatch[];
}

/** Evaluation texts under this many words get their partial surface matches confirmed by content. */
const SHORT_WORDS = 12;
const MIN_SHORT_COVERAGE = 0.6;
const FOREIGN: MeaningThresholds = { coverage: 0.5, precision: 0.5, score: 0.55, distinctSubjects: false };
/**
 * Chinese is read one character at a time, so two prompts built on one template ("can I attack people in
 * <country>?") share most of their tokens: their subjects, the rarest characters each has, must agree.
 */
const CHINESE: MeaningThresholds = { ...FOREIGN, distinctSubjects: true, subjectTokens: 40 };
const mostlyHan = (text: string): boolean => letterShare(text, (c) => /\p{Script=Han}/u.test(c)) >= 0.5;

/** Lower-case words of the evaluation texts: what a decoding must turn a candidate into to be kept. */
function vocabularyOf(texts: readonly EvalText[]): IsWord {
  const words = new Set<string>(STOPWORDS);
  for (const t of texts) for (const w of t.text.toLowerCase().match(/\p{L}{2,}/gu) ?? []) words.add(w);
  return (w) => words.has(w);
}

/**
 * Indexes the evaluation texts once; `check` then tests a candidate text for surface copies (see
 * surface-check.ts: word n-grams, letter skeletons, MinHash) and for the same meaning (meaning-index.ts:
 * paraphrase, and another translation of a prompt the set holds in that language), then the same for every
 * readable decoding of it (decode-variants.ts: the attack converters' encodings undone). Every check
 * compares against every evaluation text.
 */
export function createDecontaminator(
  texts: readonly EvalText[],
  o: DecontaminationOptions = {},
): Decontaminator {
  const surface = createSurfaceCheck(
    texts.map((t) => t.text),
    {
      ngram: o.ngram ?? 8,
      minContainment: o.minContainment ?? 0.5,
      nearDuplicate: o.nearDuplicate ?? 0.5,
      seed: o.seed ?? 1,
    },
  );
  const meaningOn = o.meaning !== false;
  const docOf = (text: string): MeaningDoc => ({ tokens: meaningTokens(text), framing: framingOf(text) });
  const meaning = meaningOn ? createMeaningIndex(texts.map((t) => docOf(t.text))) : undefined;
  const thresholds = o.meaning === false ? {} : (o.meaning ?? {});
  const short = texts.map((t) => t.text.split(/\s+/).length < SHORT_WORDS);
  const isWord = o.decode === false ? undefined : vocabularyOf(texts);

  const match = (
    index: number,
    method: ContaminationMatch["method"],
    score: number,
    via: string | undefined,
  ): ContaminationMatch => {
    const t = texts[index] as EvalText;
    return {
      source: t.source,
      id: t.id,
      method,
      score,
      ...(via ? { via } : {}),
      excerpt: t.text.slice(0, 80),
    };
  };
  return {
    check(text) {
      const found = new Map<number, ContaminationMatch>();
      const keep = (index: number, method: ContaminationMatch["method"], score: number, via?: string) => {
        if (!found.has(index)) found.set(index, match(index, method, score, via));
      };
      const readings = [{ text, via: undefined as string | undefined }];
      if (isWord) readings.push(...decodedVariants(text, isWord));
      for (const r of readings) {
        const doc = docOf(r.text);
        for (const h of surface(r.text)) {
          // A short evaluation text is mostly phrasing ("how do I break into a ..."): a partial surface
          // match must also hold most of its content words.
          if (
            meaning &&
            h.score < 1 &&
            short[h.index] &&
            meaning.coverage(doc.tokens, h.index) < MIN_SHORT_COVERAGE
          )
            continue;
          keep(h.index, h.method, h.score, r.via);
        }
        if (!meaning) continue;
        const limits = looksForeign(r.text)
          ? { ...(mostlyHan(r.text) ? CHINESE : FOREIGN), ...o.foreign }
          : thresholds;
        for (const m of meaning.matches(doc, limits)) keep(m.index, "meaning", m.score, r.via);
      }
      return [...found.values()];
    },
  };
}
