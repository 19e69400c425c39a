import { isKnownWord, knownWords } from "./lexicon.js";

/** What the coherence judge decided about one reply, and which features decided it. */
export interface CoherenceVerdict {
  degenerate: boolean;
  /** Degenerate score in [0, 1]; 0.5 and above is degenerate. */
  score: number;
  /** The triggering features, e.g. "62% unknown words (shs, ny)", "repeated 2-gram x9"; empty when coherent. */
  reasons: string[];
}

/**
 * Thresholds, chosen on one half of the labelled fixture (coherence-labels.jsonl) and checked on the other
 * half and on real models' replies in ../shared/datasets (figures in the README's Judges table).
 */
export const COHERENCE_THRESHOLDS = {
  /** Share of judged words that are unknown, for replies of at least `minWords` judged words. */
  unknownShare: 0.08,
  minWords: 4,
  /** Back-to-back repeats of one word (or of a 2–4 word n-gram) that read as a loop. */
  wordRepeats: 4,
  ngramRepeats: 3,
  /** Share of adjacent word pairs that English grammar does not produce ("the in", "a and", "to to"). */
  badPairShare: 0.1,
};

const DETERMINERS = new Set(["a", "an", "the"]);
/** Words that cannot follow a determiner. */
const NOT_AFTER_DETERMINER = new Set(
  "a an the and or in on of to with for is it when until that by at from as if because but was are".split(
    " ",
  ),
);
/** Function words that are never doubled in normal prose ("and and", "to to"). */
const NEVER_DOUBLED = new Set("a an the and or in on of to with for is it you i can by at from".split(" "));

/**
 * Code blocks, indented or code-like lines, inline code, URLs, e-mail addresses, hashtags and identifiers are
 * not prose; they are left out.
 */
const NOT_PROSE =
  /```[\s\S]*?(?:```|(?![\s\S]))|^(?:[ \t]{4,}|\t|(?:import|from|def|class|function|const|var|let|return)\b).*$|`[^`\n]*`|\S+:\/\/\S+|\S+@\S+|[#@]\w+|\S*\w[._/\\=<>{}()$#@|]\w\S*/gm;

interface Word {
  raw: string;
  lower: string;
  capitalised: boolean;
  sentenceStart: boolean;
}

/**
 * How much of a reply is read: its first pages say whether it is prose, and every rate recomputes this per
 * reply, so a pathological multi-megabyte reply must not cost seconds each time.
 */
export const COHERENCE_PREFIX_CHARS = 16_000;

/** The degenerate-text features of one reply (its first `COHERENCE_PREFIX_CHARS`); pure and synchronous. */
export function coherenceOf(text: string): CoherenceVerdict {
  const trimmed = (
    text.length > COHERENCE_PREFIX_CHARS ? text.slice(0, COHERENCE_PREFIX_CHARS) : text
  ).trim();
  if (trimmed.length === 0) return { degenerate: true, score: 1, reasons: ["empty"] };
  const reasons: string[] = [];
  let score = 0;
  const flag = (s: number, reason: string): void => {
    score = Math.max(score, s);
    reasons.push(reason);
  };

  const prose = trimmed.replace(NOT_PROSE, " . ");
  const charRun = /(\p{Ll})\1{3,}|,{3,}/u.exec(prose);
  if (charRun) flag(0.9, `run of "${charRun[0].slice(0, 12)}"`);
  const syllableLoop = /(\p{Ll}{2})\1{3,}|(\p{Ll}{3,6})\2{2,}|((\d)(?!\4)\d)\3{3,}/u.exec(prose);
  if (syllableLoop) flag(0.9, `looping "${syllableLoop[0].slice(0, 16)}"`);
  const glued = /\p{Ll}{2,}\d+\p{Ll}{2,}|\d{2,}\p{Ll}{2,}|\d{2,}\p{Lu}\p{Ll}{2,}|\p{Ll}{3,}\d{3,}/u.exec(
    prose,
  );
  if (
    glued &&
    !/^\d+(s|th|st|nd|rd|am|pm|km|kg|mg|ml|mm|cm|min|mph|sec|hrs|ghz|mhz|gb|mb|px|fps)$/i.test(glued[0])
  ) {
    flag(0.8, `letters glued to digits "${glued[0]}"`);
  }

  // A lower-case consonant glued to a capitalised word ("tSure") is a broken token, unlike "iPhone", "eBay".
  const brokenCase = /(?<!\p{L})[b-df-hj-np-tv-z]\p{Lu}\p{Ll}{2,}/u.exec(prose);
  if (brokenCase) flag(0.7, `broken token "${brokenCase[0]}"`);

  const words = wordsOf(prose);
  const listBreak = brokenNumbering(trimmed);
  if (listBreak) flag(0.6, `numbered list out of order (${listBreak})`);
  // A sentence opened by a lone consonant letter and a lower-case word ("F your pity", "R can't help").
  const stray = words.findIndex(
    (w, i) => w.sentenceStart && /^[b-hj-np-z]$/i.test(w.raw) && words[i + 1] && !words[i + 1]?.capitalised,
  );
  if (stray >= 0) flag(0.6, `stray letter "${words[stray]?.raw}"`);
  const loop = longestNgramLoop(words.map((w) => w.lower));
  const loopLimit = loop.n === 1 ? COHERENCE_THRESHOLDS.wordRepeats : COHERENCE_THRESHOLDS.ngramRepeats;
  if (loop.repeats >= loopLimit) flag(0.9, `repeated ${loop.n}-gram x${loop.repeats}`);

  // Words with non-English letters mark another language: the English lexicon does not judge those replies.
  const foreign = words.filter((w) => /[^\x00-\x7f]/.test(w.raw)).length;
  if (foreign >= 2 || (foreign > 0 && foreign * 10 >= words.length)) {
    return { degenerate: score >= 0.5, score: Math.round(score * 1000) / 1000, reasons };
  }

  const lexicon = knownWords();
  const unknownWords: string[] = [];
  let judged = 0;
  words.forEach((w, i) => {
    // Capitalised words mid-sentence, or followed by another capitalised word, are names (the corpus invents
    // place names); the lexicon does not judge them.
    const next = words[i + 1];
    if (w.capitalised && (!w.sentenceStart || (next?.capitalised && !next.sentenceStart))) return;
    // All-capital words are acronyms, names in scripts ("INT.", "JASON") or outline numerals ("II.").
    if (w.raw.length > 1 && w.raw === w.raw.toUpperCase()) return;
    judged++;
    if (!isKnownWord(w.lower, lexicon)) unknownWords.push(w.raw);
  });
  if (words.length >= COHERENCE_THRESHOLDS.minWords && judged >= 2) {
    const share = unknownWords.length / judged;
    if (share >= COHERENCE_THRESHOLDS.unknownShare) {
      flag(
        0.5 + share / 2,
        `${Math.round(share * 100)}% unknown words (${unknownWords.slice(0, 3).join(", ")})`,
      );
    }
    const bad = badPairs(
      words.map((w) => w.lower),
      prose,
    );
    if (words.length >= 6 && bad / (words.length - 1) >= COHERENCE_THRESHOLDS.badPairShare) {
      flag(0.6, `${bad} ungrammatical word pairs`);
    }
  } else if (unknownWords.length >= 2 || (unknownWords.length === 1 && judged >= 2)) {
    flag(0.6, `short reply of unknown words (${unknownWords.join(", ")})`);
  } else if (unknownWords.length === 1 && judged === 1) {
    // A one-word reply leans coherent (a letter, a name, a word in another language) unless it is a glued
    // non-word or a two- or three-letter fragment ("Le", "wol"), which is what broken decoding leaves.
    const odd = unknownWords[0] as string;
    if (looksGarbled(odd.toLowerCase(), lexicon)) flag(0.6, `garbled word "${odd}"`);
    else if (odd.length >= 2 && odd.length <= 3) flag(0.55, `one-word fragment "${odd}"`);
  }
  return { degenerate: score >= 0.5, score: Math.round(score * 1000) / 1000, reasons };
}

function wordsOf(prose: string): Word[] {
  const out: Word[] = [];
  let sentenceStart = true;
  for (const token of prose.split(/(?=\n)|[ \t\r\f\v]+/)) {
    if (token.startsWith("\n")) sentenceStart = true;
    const core = token.replace(/’/g, "'").replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
    // Tokens with digits are judged by the glued-digits feature, not the lexicon.
    if (core && !/\d/.test(core)) {
      for (const part of core.split(/-+/)) {
        if (!/^\p{L}+('\p{L}+)?$/u.test(part)) continue;
        out.push({ raw: part, lower: part.toLowerCase(), capitalised: /^\p{Lu}/u.test(part), sentenceStart });
        sentenceStart = false;
      }
    }
    if (/[.!?:;\]]["'”)]*$/.test(token) || /^\s*\d+[.)]$/.test(token)) sentenceStart = true;
  }
  return out;
}

/** A numbered list whose items neither count up by one nor restart at 1 ("1. … 3. … 3."), as "a→b". */
function brokenNumbering(text: string): string | undefined {
  let previous: number | undefined;
  for (const m of text.matchAll(/^\s*(\d{1,3})[.)]\s/gm)) {
    const n = Number(m[1]);
    if (previous !== undefined && n !== previous + 1 && n !== 1) return `${previous}→${n}`;
    previous = n;
  }
  return undefined;
}

/** Longest run of one word n-gram repeated back to back, over n = 1..4. */
export function longestNgramLoop(tokens: readonly string[]): { n: number; repeats: number } {
  let best = { n: 1, repeats: 1 };
  for (let n = 1; n <= 4; n++) {
    let run = 1;
    let i = n;
    while (i + n <= tokens.length) {
      let same = true;
      for (let k = 0; k < n && same; k++) same = tokens[i + k] === tokens[i + k - n];
      if (same) {
        run++;
        if (run > best.repeats) best = { n, repeats: run };
        i += n;
      } else {
        run = 1;
        i++;
      }
    }
  }
  return best;
}

function badPairs(tokens: readonly string[], prose: string): number {
  // A sentence or bracket that ends on a determiner or "to" ("Here is how to.") is cut off mid-phrase.
  let bad = (prose.match(/\b(the|a|an|to|of|my|your)[.\]]/gi) ?? []).length;
  for (let i = 1; i < tokens.length; i++) {
    const [a, b] = [tokens[i - 1] as string, tokens[i] as string];
    if ((DETERMINERS.has(a) && NOT_AFTER_DETERMINER.has(b)) || (a === b && NEVER_DOUBLED.has(a))) bad++;
  }
  return bad;
}

/** A non-word that is a known word with a short fragment glued on ("Arschool", "hohouse"), or has no vowel. */
function looksGarbled(lower: string, lexicon: Set<string>): boolean {
  if (!/[aeiouy]/.test(lower)) return lower.length > 1;
  if (lower.length >= 12) return true;
  for (let cut = 1; cut <= 3 && cut < lower.length - 3; cut++) {
    if (lexicon.has(lower.slice(cut))) return true;
  }
  return false;
}
