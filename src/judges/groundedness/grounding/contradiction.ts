import { clauses, isContent, NEGATORS, stem, type Token } from "./text.js";

/**
 * Antonyms a reply may swap for the context's word ("open" for "closed", "lost" for "won"). Only plain
 * opposites whose swap flips a statement's meaning; pairs where both words are common with other senses
 * ("last" the verb, "light" the weight) are left out, as are words the stopword list already drops.
 */
const OPPOSITES: ReadonlyArray<[string, string]> = [
  ["open opens opened reopen", "closed close closes shut shuts"],
  ["allowed allow allows permitted permit welcome", "forbidden forbid banned ban prohibited prohibit"],
  ["accept accepted approve approved", "reject rejected refuse refused"],
  [
    "increase increased rise rose raise raised grow grew",
    "decrease decreased reduce reduced cut fall fell shrink",
  ],
  ["win won winner", "lose lost loser"],
  ["early earlier", "late later"],
  ["first", "last"],
  ["include included", "exclude excluded"],
  ["free", "cost costs pay pays paid charge charged"],
  ["cheap cheaper", "expensive dearer"],
  ["high higher", "low lower"],
  ["maximum", "minimum"],
  ["north northern", "south southern"],
  ["east eastern", "west western"],
  ["buy bought", "sell sold"],
  ["arrive arrival", "depart departure"],
  ["start started begin began", "finish finished end ended"],
  ["success succeed passed", "failure fail failed"],
  ["true", "false"],
  ["same", "different"],
  ["inside indoor indoors", "outside outdoor outdoors"],
  ["import imports", "export exports"],
  ["permanent", "temporary"],
  ["large big", "small"],
  ["long", "short"],
  ["old", "new"],
  ["weekday weekdays", "weekend weekends"],
  ["morning mornings", "evening evenings afternoon afternoons"],
  ["summer", "winter"],
  ["spring", "autumn"],
  ["present", "absent"],
  ["profit gain", "loss"],
  ["majority", "minority"],
  ["public", "private"],
  ["full", "empty"],
  ["light", "dark"],
  ["safe", "dangerous"],
];

const ANTONYMS = new Map<string, Set<string>>();
/** The words on one side of a pair say the same thing ("allowed", "permitted", "welcome"). */
const SYNONYMS = new Map<string, Set<string>>();
const addTo = (map: Map<string, Set<string>>, from: readonly string[], to: readonly string[]): void => {
  for (const w of from) for (const o of to) map.set(w, (map.get(w) ?? new Set()).add(o));
};
for (const [a, b] of OPPOSITES) {
  const left = a.split(" ").map(stem);
  const right = b.split(" ").map(stem);
  addTo(ANTONYMS, left, right);
  addTo(ANTONYMS, right, left);
  addTo(SYNONYMS, left, left);
  addTo(SYNONYMS, right, right);
}

/** The same word, or a word on the same side of an opposite pair. */
export const same = (a: string, b: string): boolean => a === b || SYNONYMS.get(a)?.has(b) === true;

const NEGATING_PREFIXES = ["un", "in", "im", "il", "ir", "dis", "non"];

/** Whether two stems are opposites: listed above, or one is the other with a negating prefix. */
export function opposite(a: string, b: string): boolean {
  if (ANTONYMS.get(a)?.has(b)) return true;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return short.length >= 4 && NEGATING_PREFIXES.some((p) => long === p + short);
}

/** A content word of a clause, and whether a negator before it in its clause denies it. */
interface Word {
  stem: string;
  negated: boolean;
}

/** A clause's content words with their polarity, and the first content word after each negator. */
function polarity(clause: readonly Token[]): { words: Word[]; negatedHeads: number[] } {
  const words: Word[] = [];
  const negatedHeads: number[] = [];
  let negated = false;
  let awaitingHead = false;
  clause.forEach((t, i) => {
    if (t.lower === ",") negated = awaitingHead = false;
    else if (isNegator(clause, i)) {
      negated = !negated;
      awaitingHead = true;
    } else if (isContent(t)) {
      if (awaitingHead) negatedHeads.push(words.length);
      awaitingHead = false;
      words.push({ stem: t.stem, negated });
    }
  });
  return { words, negatedHeads };
}

const PREFERRING = /^(choose|chose|chosen|prefer|preferr|favou?r|pick|select|opt)/;

function isNegator(clause: readonly Token[], i: number): boolean {
  const t = clause[i] as Token;
  // "chose repair over replacement" denies replacement as "instead of" does.
  if (t.lower === "over") return clause.slice(0, i).some((x) => PREFERRING.test(x.lower));
  if (!NEGATORS.has(t.lower)) return false;
  if (t.lower === "instead") return clause[i + 1]?.lower === "of";
  if (t.lower === "rather") return clause[i + 1]?.lower === "than";
  // Privative verbs ("drops support") negate; the nouns ("a drop", "the bus stop") do not.
  if (/^(drop|stop|lack|remov)/.test(t.lower))
    return !["a", "an", "the"].includes(clause[i - 1]?.lower ?? "");
  return true;
}

interface Unit {
  clauses: { words: Word[]; negatedHeads: number[] }[];
  all: Word[];
}

/** A context split for comparison: each sentence with its clauses' polarised words. */
export function contextUnits(contextSentences: readonly Token[][]): Unit[] {
  return contextSentences.map((s) => {
    const cs = clauses(s).map(polarity);
    return { clauses: cs, all: cs.flatMap((c) => c.words) };
  });
}

const matches = (a: string, b: string): boolean => same(a, b) || opposite(a, b);

/**
 * How a reply word is found in a context sentence: in the clause where the reply's other words are found
 * most ("Cycling is not allowed" is about "cycling is forbidden", not "dogs are allowed"), as itself or a
 * synonym before an opposite.
 */
function resolve(
  w: string,
  unit: Unit,
  replyStems: readonly string[],
): { word: Word; via: boolean } | undefined {
  let best: { word: Word; via: boolean; support: number } | undefined;
  for (const c of unit.clauses) {
    const direct = c.words.find((x) => same(x.stem, w));
    const found = direct ?? c.words.find((x) => opposite(x.stem, w));
    if (!found) continue;
    const support = replyStems.filter((r) => r !== w && c.words.some((x) => matches(x.stem, r))).length;
    if (!best || support > best.support || (support === best.support && best.via && direct)) {
      best = { word: found, via: !direct, support };
    }
  }
  return best && { word: best.word, via: best.via };
}

/**
 * Whether a reply clause contradicts the context: it lines up with a context sentence (at least two of its
 * content words, and 60% of them, are there or swapped for an opposite), and a word it shares flips —
 * negated on one side only ("is not run by" / "is run by"), or swapped for an opposite ("open" / "closed"),
 * where a negated opposite agrees ("does not open" / "is closed"). Every sentence it lines up with must
 * flip; returns the context sentence's index, or undefined.
 */
export function contradicts(replyClause: readonly Token[], units: readonly Unit[]): number | undefined {
  const reply = polarity(replyClause);
  if (reply.words.length < 2) return undefined;
  const replyStems = reply.words.map((w) => w.stem);
  let found: number | undefined;
  for (const [index, unit] of units.entries()) {
    const matched = reply.words.map((w) => resolve(w.stem, unit, replyStems));
    const shared = matched.filter((m) => m !== undefined).length;
    if (shared < 2 || shared / reply.words.length < 0.6) continue;
    const focus = new Set<number>();
    for (const h of reply.negatedHeads) {
      const next = matched.findIndex((m, k) => k >= h && m !== undefined);
      if (next >= 0) focus.add(next);
    }
    matched.forEach((m, k) => {
      if (m?.via) focus.add(k);
    });
    for (const c of unit.clauses)
      for (const h of c.negatedHeads) {
        const head = c.words.slice(h).find((x) => reply.words.some((w) => matches(w.stem, x.stem)));
        const k = head ? reply.words.findIndex((w) => matches(w.stem, head.stem)) : -1;
        if (k >= 0) focus.add(k);
      }
    const flips = [...focus].some((k) => {
      const m = matched[k];
      return m !== undefined && ((reply.words[k] as Word).negated !== m.word.negated) !== m.via;
    });
    if (!flips) return undefined;
    found ??= index;
  }
  return found;
}
