import type { Framing } from "./meaning-tokens.js";

/**
 * Meaning overlap between a candidate and every indexed evaluation text, on content tokens (see
 * meaning-tokens.ts). Each token is weighted by its rarity across the indexed texts (inverse document
 * frequency), so "bomb" or "python" counts for more than "make" or "write". A candidate matches an indexed
 * text when the shared weight covers most of the indexed text (`coverage`), most of the candidate is about
 * it (`precision`, read over windows of a long candidate, so a paraphrase inside a long prompt still
 * counts), and the shared part is specific enough on its own (`minShared`): a single common word, or two
 * words that half the evaluation set uses, never match.
 */

export interface MeaningThresholds {
  /** Share of the indexed text's weight the candidate must hold (default 0.6). */
  coverage?: number;
  /** Share of the candidate window's weight that is shared (default 0.6). */
  precision?: number;
  /** Shared weight needed, in units of a rare word's weight (default 1.2). */
  minShared?: number;
  /** Shared weight needed when the two hold the same words (default 0.7). */
  exactShared?: number;
  /** Harmonic mean of coverage and precision needed (default 0.6). */
  score?: number;
  /** Reject a match whose two texts each have a rarest word the other lacks (default true). */
  distinctSubjects?: boolean;
  /** Texts of at most this many content tokens are compared for distinct subjects (default 4). */
  subjectTokens?: number;
}

export interface MeaningMatch {
  index: number;
  /** Harmonic mean of coverage and precision. */
  score: number;
  coverage: number;
  precision: number;
}

export interface MeaningDoc {
  tokens: readonly string[];
  framing?: Framing;
}

export interface MeaningIndex {
  readonly size: number;
  /** Indexed texts the token sequence matches, best window each. */
  matches(doc: MeaningDoc, thresholds?: MeaningThresholds): MeaningMatch[];
  /** Whether a token occurs in any indexed text. */
  knows(token: string): boolean;
  /** Share of indexed text `index`'s weight that the tokens hold (1 for a text with no content tokens). */
  coverage(tokens: readonly string[], index: number): number;
}

/** Candidate windows: long texts are read a window of this many tokens at a time, half overlapping. */
const WINDOW = 24;
/** Tokens in more than this share of the texts are not looked up through postings, only added after. */
const COMMON_SHARE = 0.03;
/** How close to the rarest shared word each side's own rarest word must come to name another subject. */
const SUBJECT_MARGIN = 0.95;
/** Texts of at most this many content tokens are compared for distinct subjects. */
const SHORT = 4;

/** Scripts whose texts are counted apart for rarity; everything else counts with Latin. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["han", /^\p{Script=Han}/u],
  ["hangul", /^\p{Script=Hangul}/u],
  ["thai", /^\p{Script=Thai}/u],
  ["bengali", /^\p{Script=Bengali}/u],
  ["arabic", /^\p{Script=Arabic}/u],
  ["cyrillic", /^\p{Script=Cyrillic}/u],
  ["devanagari", /^\p{Script=Devanagari}/u],
  ["kana", /^[\p{Script=Hiragana}\p{Script=Katakana}]/u],
];
const scriptOf = (token: string): string => SCRIPTS.find(([, re]) => re.test(token))?.[0] ?? "latin";

export function createMeaningIndex(docs: readonly MeaningDoc[]): MeaningIndex {
  const n = Math.max(1, docs.length);
  const df = new Map<string, number>();
  const sets = docs.map((d) => new Set(d.tokens));
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  // Rarity among the texts written in the token's script: in a mostly English set every Chinese character
  // is rare, and "的" or "什么" would weigh as much as "炸弹" (bomb) does.
  const docsInScript = new Map<string, number>();
  for (const s of sets)
    for (const script of new Set([...s].map(scriptOf)))
      docsInScript.set(script, (docsInScript.get(script) ?? 0) + 1);
  const idf = (t: string): number => Math.log(1 + (docsInScript.get(scriptOf(t)) ?? n) / (df.get(t) ?? 0.5));
  // A word in one text of a thousand (or of all, in a smaller set) weighs about 7: floors are scaled from it.
  const rare = Math.log(1 + Math.min(n, 1000));
  const weights = sets.map((s) => [...s].reduce((sum, t) => sum + idf(t), 0));
  const commonCut = Math.max(20, COMMON_SHARE * n);
  const postings = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const t of s) {
      if ((df.get(t) ?? 0) > commonCut) continue;
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });

  const windowsOf = (tokens: readonly string[]): Array<Set<string>> => {
    const whole = new Set(tokens);
    if (whole.size <= WINDOW) return [whole];
    const out: Array<Set<string>> = [];
    for (let start = 0; start < tokens.length; start += WINDOW / 2) {
      out.push(new Set(tokens.slice(start, start + WINDOW)));
      if (start + WINDOW >= tokens.length) break;
    }
    return out;
  };

  /**
   * Two short texts whose rarest words differ, each rarer than anything they share, are about different
   * subjects: "break into the film industry" and "... the music industry".
   */
  const distinctSubjects = (window: Set<string>, own: Set<string>, short: number): boolean => {
    if (window.size > short || own.size > short) return false;
    let shared = 0;
    let onlyOwn = 0;
    let onlyWindow = 0;
    for (const t of own) {
      if (window.has(t)) shared = Math.max(shared, idf(t));
      else onlyOwn = Math.max(onlyOwn, idf(t));
    }
    for (const t of window) if (!own.has(t)) onlyWindow = Math.max(onlyWindow, idf(t));
    return onlyOwn >= SUBJECT_MARGIN * shared && onlyWindow >= SUBJECT_MARGIN * shared;
  };

  return {
    size: docs.length,
    knows: (t) => df.has(t),
    coverage(tokens, index) {
      const own = sets[index] as Set<string>;
      const total = weights[index] as number;
      if (total === 0) return 1;
      let shared = 0;
      for (const t of new Set(tokens)) if (own.has(t)) shared += idf(t);
      return shared / total;
    },
    matches(doc, o = {}) {
      const minCoverage = o.coverage ?? 0.6;
      const minPrecision = o.precision ?? 0.6;
      const minShared = (o.minShared ?? 1.2) * rare;
      const exactShared = (o.exactShared ?? 0.7) * rare;
      const minScore = o.score ?? 0.6;
      const best = new Map<number, MeaningMatch>();
      for (const window of windowsOf(doc.tokens)) {
        let windowWeight = 0;
        const common: string[] = [];
        const shared = new Map<number, number>();
        for (const t of window) {
          const w = idf(t);
          windowWeight += w;
          const list = postings.get(t);
          if (!list) {
            if (df.has(t)) common.push(t);
            continue;
          }
          for (const i of list) shared.set(i, (shared.get(i) ?? 0) + w);
        }
        for (const [i, rareShared] of shared) {
          let s = rareShared;
          for (const t of common) if ((sets[i] as Set<string>).has(t)) s += idf(t);
          const coverage = s / (weights[i] as number);
          const precision = s / windowWeight;
          if (coverage < minCoverage || precision < minPrecision) continue;
          const score = (2 * coverage * precision) / (coverage + precision);
          if (score < minScore) continue;
          // The same few words and nothing else may be generic; a larger overlap must be specific.
          if (s < (coverage >= 0.95 && precision >= 0.95 ? exactShared : minShared)) continue;
          const framing = docs[i]?.framing;
          if (framing && doc.framing && framing !== doc.framing) continue;
          if (
            o.distinctSubjects !== false &&
            distinctSubjects(window, sets[i] as Set<string>, o.subjectTokens ?? SHORT)
          )
            continue;
          if (score > (best.get(i)?.score ?? 0)) best.set(i, { index: i, score, coverage, precision });
        }
      }
      return [...best.values()];
    },
  };
}
