import { IRREGULAR, PHRASES, STOPWORDS, SYNONYM_GROUPS } from "./meaning-lexicon.js";

/** Scripts written without spaces between words (and Hangul, whose words carry particles): read as bigrams. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const UNSPACED_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;

/** Suffixes stripped, first match wins, keeping at least `min` letters; then the stem is cut to 6 letters. */
const SUFFIXES: ReadonlyArray<readonly [string, string, number]> = [
  ["ies", "y", 3],
  ["ied", "y", 3],
  // -ized and -izing before -ed and -ing, so euthanized reads as euthanize does (euthan), not euthaniz.
  ["izing", "", 4],
  ["ized", "", 4],
  ["ings", "", 3],
  ["ing", "", 3],
  ["edly", "", 3],
  ["ed", "", 3],
  ["ness", "", 3],
  ["ment", "", 3],
  ["ious", "", 3],
  ["ous", "", 4],
  ["ions", "", 3],
  ["ion", "", 3],
  ["ity", "", 4],
  ["ly", "", 4],
  ["ize", "", 4],
  ["ise", "", 4],
  ["sses", "ss", 2],
  ["ches", "ch", 2],
  ["shes", "sh", 2],
  ["xes", "x", 2],
  ["ss", "ss", 2],
  ["us", "us", 2],
  ["is", "is", 2],
  ["s", "", 3],
  ["e", "", 3],
];
const STEM_LENGTH = 7;

function stripOnce(w: string): string {
  for (const [suffix, replacement, min] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      const base = w.slice(0, w.length - suffix.length) + replacement;
      // kidnapped → kidnap, but kill and pass keep their double letters.
      return /([b-df-hj-km-np-rtv-z])\1$/.test(base) && !/(ll|ss|zz)$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return w;
}

/** A light English stemmer: irregular forms, one or two inflectional/derivational suffixes, then 7 letters. */
export function stem(word: string): string {
  const w = IRREGULAR[word] ?? word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  const once = stripOnce(w);
  // A second suffix goes from four letters on, so a plural reads as its base: tyres → tyre → tyr, as tyre.
  const twice = once.length > 3 && once !== w ? stripOnce(once) : once;
  return twice.length > STEM_LENGTH ? twice.slice(0, STEM_LENGTH) : twice;
}

/** Stem → the group's concept, for every word of every synonym group. */
function buildConcepts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of SYNONYM_GROUPS) {
    const words = group.split(" ");
    const head = `${stem(words[0] as string)}`;
    for (const w of words) out.set(stem(w), head);
  }
  return out;
}
const CONCEPTS = buildConcepts();
// Stopwords and their stems: "describing" and "steps" frame a request as much as "describe" and "step".
const STOP: ReadonlySet<string> = new Set([...STOPWORDS, ...[...STOPWORDS].map(stem)]);

/** The concept a word stands for: its stem, through the synonym groups; undefined for a stopword. */
export function conceptOf(word: string): string | undefined {
  if (STOP.has(word)) return undefined;
  const s = stem(word);
  if (STOP.has(s)) return undefined;
  return CONCEPTS.get(s) ?? s;
}

/**
 * British spellings read as American ones (a rewrite in the other spelling is the same request); applied to
 * both sides, so a rule may over-reach harmlessly as long as it merges no two different words.
 */
const BRITISH_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(\p{L}{3,})our(s|ed|ing|ite|ites|hood|able|ful)?\b/gu, "$1or$2"],
  [/paed/g, "ped"],
  [/haem/g, "hem"],
  [/anaem/g, "anem"],
  [/gynaec/g, "gynec"],
  [/foet/g, "fet"],
  [/oestr/g, "estr"],
  [/oesoph/g, "esoph"],
  [/diarrhoe/g, "diarrhe"],
  [/manoeuv/g, "maneuv"],
  [/\b(\p{L}{2,})(t|b)re(s|d)?\b/gu, "$1$2er$3"],
  [/\b(\p{L}{3,})ys(e|ed|es|ing)\b/gu, "$1yz$2"],
  [/\b(defen|offen|licen|preten)ce(s)?\b/g, "$1se$2"],
];

/** Lower case, compatibility forms folded, Latin diacritics dropped, fixed phrases joined, apostrophes gone. */
export function prepareText(text: string): string {
  let t = text.replace(/\bU\.S\.(?:A\.)?|\bUSA?\b/g, " usa ");
  t = t
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  // British -ise spellings read as -ize: organisation and organization are one word.
  t = t.replace(/\b(\p{L}{3,})is(e|ed|es|ing|ation|ations|er|ers)\b/gu, "$1iz$2");
  for (const [re, to] of BRITISH_SPELLINGS) t = t.replace(re, to);
  return t.replace(/['’]s\b/g, "").replace(/['’]/g, "");
}

/**
 * The content of a text in order: English words as concepts (stopwords dropped, stemmed, synonyms merged),
 * words of other spaced scripts as they are, and letter pairs of scripts written without spaces (with the
 * single characters too for Chinese and Korean).
 */
export function meaningTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of prepareText(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    if (!UNSPACED.test(run)) {
      const c = /^[a-z0-9]+$/.test(run) ? conceptOf(run) : run;
      if (c !== undefined) out.push(c);
      continue;
    }
    for (const part of run.match(UNSPACED_RUNS) ?? []) {
      if (!UNSPACED.test(part)) {
        const c = /^[a-z0-9]+$/.test(part) ? conceptOf(part) : part;
        if (c !== undefined) out.push(c);
        continue;
      }
      const chars = Array.from(part);
      // Chinese characters carry meaning one by one, and a pair across a word boundary is noise that a
      // reworded sentence loses twice over: Han is read as characters. Korean syllables carry meaning too,
      // and their pairs keep a word's shape; Thai letters only make sense in pairs.
      if (/\p{Script=Han}/u.test(part)) {
        out.push(...chars.filter((c) => /\p{L}/u.test(c)));
        continue;
      }
      const single = chars.length === 1 || /\p{Script=Hangul}/u.test(part);
      if (single) out.push(...chars.filter((c) => /\p{L}/u.test(c)));
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
    }
  }
  return out;
}

/** Share of a text's letters that `inScript` accepts (0 for a text without letters). */
export function letterShare(text: string, inScript: (letter: string) => boolean): number {
  let letters = 0;
  let inside = 0;
  for (const c of text) {
    if (!/\p{L}/u.test(c)) continue;
    letters++;
    if (inScript(c)) inside++;
  }
  return letters === 0 ? 0 : inside / letters;
}

/** Share of a text's letters in scripts other than Latin: above one half, the text is not read as English. */
export const nonLatinShare = (text: string): number => letterShare(text, (c) => !/\p{Script=Latin}/u.test(c));

/** How a request is framed: asking what something is, or asking for help doing it. */
export type Framing = "what" | "do" | undefined;

const ASKS_TO_DO =
  /\bhow (?:to|do|does|can|could|would|should|might|will)\b|\bhelp me\b|\binstructions?\b|\btutorial\b|\bguide\b|\bsteps?\b|\bways? (?:to|of)\b|^\s*(?:write|create|generate|draft|make|develop|design|build|teach|compose|explain how)\b/;
const ASKS_WHAT =
  /^\s*(?:what|who)(?: is|'s| are| was| were) (?:an? |the )?[\p{L}\p{N}' -]{1,40}\??\s*$|\bdefin(?:e|ition)\b|\bmeaning of\b|\bwhat does [\p{L}\p{N}' -]{1,40} mean\b/u;

/** "What is arson?" and "How can I commit arson?" share their one content word, not their request. */
export function framingOf(text: string): Framing {
  const t = text.toLowerCase().replace(/’/g, "'");
  if (ASKS_TO_DO.test(t)) return "do";
  return ASKS_WHAT.test(t) ? "what" : undefined;
}

/** A text not in English: mostly non-Latin letters, or few English function words among its words. */
export function looksForeign(text: string): boolean {
  if (nonLatinShare(text) >= 0.5) return true;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.length >= 4 && words.filter((w) => STOPWORDS.has(w)).length / words.length < 0.2;
}
