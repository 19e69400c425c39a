import { isContent, type Token } from "./text.js";

/**
 * A quantity stated in a text, with the content words around it in its clause: `after` is what it counts
 * ("140 berths"), `before` what it belongs to ("the harbour has 140").
 */
export interface NumberMention {
  /** As written ("140", "5:30 pm", "a third"). */
  text: string;
  value: number;
  kind: "count" | "time" | "percent";
  /** "about 33%", "over 100", "under 12": how loosely the value is meant. */
  qualifier?: "approx" | "min" | "max";
  before: Set<string>;
  after: Set<string>;
}

const UNITS: Record<string, number> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
  twice: 2,
  thrice: 3,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
const FRACTIONS: Record<string, number> = { half: 2, third: 3, thirds: 3, quarter: 4, quarters: 4 };
const QUALIFIERS: ReadonlyArray<[string[], NumberMention["qualifier"]]> = [
  [["about"], "approx"],
  [["around"], "approx"],
  [["roughly"], "approx"],
  [["approximately"], "approx"],
  [["nearly"], "approx"],
  [["almost"], "approx"],
  [["some"], "approx"],
  [["over"], "min"],
  [["above"], "min"],
  [["more", "than"], "min"],
  [["at", "least"], "min"],
  [["under"], "max"],
  [["below"], "max"],
  [["less", "than"], "max"],
  [["fewer", "than"], "max"],
  [["up", "to"], "max"],
  [["at", "most"], "max"],
];

/** A word number only counts when it counts something ("six students"), not as a pronoun ("one at 8"). */
function countsSomething(clause: readonly Token[], i: number): boolean {
  const next = clause[i];
  const after = next && ["a", "an", "of", "the"].includes(next.lower) ? clause[i + 1] : next;
  return after !== undefined && isContent(after);
}

function parseDigits(text: string): { value: number; kind: "count" | "time" } | undefined {
  const t = text.replace(/(st|nd|rd|th)$/, "");
  const time = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (time) return { value: Number(time[1]) * 60 + Number(time[2]), kind: "time" };
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, "") : t;
  const value = Number(plain);
  return Number.isFinite(value) ? { value, kind: "count" } : undefined;
}

/** The content words among up to three tokens next to a number, up to the nearest punctuation mark. */
function windowWords(tokens: readonly Token[], side: "before" | "after"): Set<string> {
  const near = side === "after" ? tokens.slice(0, 3) : tokens.slice(-3).reverse();
  const stop = near.findIndex((t) => t.kind === "punct");
  return new Set((stop < 0 ? near : near.slice(0, stop)).filter(isContent).map((t) => t.stem));
}

/** Every quantity in a clause (tokens of one clause, see `clauses`). */
export function numberMentions(clause: readonly Token[]): NumberMention[] {
  const out: NumberMention[] = [];
  let i = 0;
  while (i < clause.length) {
    const start = i;
    const t = clause[i] as Token;
    let value: number | undefined;
    let kind: NumberMention["kind"] = "count";
    if (t.kind === "num") {
      const parsed = parseDigits(t.text);
      i++;
      if (!parsed) continue;
      ({ value, kind } = parsed);
      const next = clause[i]?.lower;
      if (next && SCALES[next]) {
        value *= SCALES[next] as number;
        i++;
      } else if (next === "am" || next === "pm" || next === "o'clock") {
        const [h, m] = kind === "time" ? [Math.floor(value / 60), value % 60] : splitHour(value);
        value = ((h % 12) + (next === "pm" ? 12 : 0)) * 60 + m;
        if (next === "o'clock") value = h * 60 + m;
        kind = "time";
        i++;
      } else if (next === "%" || next === "percent" || (next === "per" && clause[i + 1]?.lower === "cent")) {
        kind = "percent";
        i += next === "per" ? 2 : 1;
      }
    } else if (t.lower === "noon" || t.lower === "midday" || t.lower === "midnight") {
      value = t.lower === "midnight" ? 0 : 720;
      kind = "time";
      i++;
    } else if (
      FRACTIONS[t.lower] &&
      (t.lower === "half" || ["a", "one", "two"].includes(clause[i - 1]?.lower ?? ""))
    ) {
      const numerator = clause[i - 1]?.lower === "two" ? 2 : 1;
      value = numerator / (FRACTIONS[t.lower] as number);
      i++;
    } else if (
      UNITS[t.lower] !== undefined ||
      (t.lower === "one" && SCALES[clause[i + 1]?.lower ?? ""]) ||
      (SCALES[t.lower] && clause[i - 1]?.lower === "a")
    ) {
      let total = 0;
      let part = 0;
      while (i < clause.length) {
        const w = (clause[i] as Token).lower;
        if (UNITS[w] !== undefined || w === "one") part += UNITS[w] ?? 1;
        else if (SCALES[w]) {
          part = (part || 1) * (SCALES[w] as number);
          if ((SCALES[w] as number) > 100) [total, part] = [total + part, 0];
        } else if (!(w === "and" && UNITS[clause[i + 1]?.lower ?? ""] !== undefined)) break;
        i++;
      }
      if (!countsSomething(clause, i)) continue;
      value = total + part;
    } else {
      i++;
      continue;
    }
    out.push({
      text: clause
        .slice(start, i)
        .map((x) => x.text)
        .join(" "),
      value,
      kind,
      qualifier: qualifierBefore(clause, start),
      before: windowWords(clause.slice(0, start), "before"),
      after: windowWords(clause.slice(i), "after"),
    });
  }
  return out;
}

/** "6.30 pm" (a decimal read as hours.minutes) or "8 pm" (an hour). */
function splitHour(value: number): [number, number] {
  const h = Math.floor(value);
  return [h, Math.round((value - h) * 100)];
}

function qualifierBefore(clause: readonly Token[], start: number): NumberMention["qualifier"] {
  for (const [words, q] of QUALIFIERS) {
    const from = start - words.length;
    if (from >= 0 && words.every((w, k) => clause[from + k]?.lower === w)) return q;
  }
  return undefined;
}

/** Whether two stated quantities agree: the same value and kind, a third as 33%, 8 as 8:00 or 20:00. */
export function sameQuantity(a: NumberMention, b: NumberMention): boolean {
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  if (a.kind === b.kind) return close(a.value, b.value);
  const pair = (k1: string, k2: string) =>
    (a.kind === k1 && b.kind === k2 ? [a, b] : b.kind === k1 && a.kind === k2 ? [b, a] : undefined) as
      | [NumberMention, NumberMention]
      | undefined;
  const pc = pair("percent", "count");
  if (pc) return pc[1].value < 1 && Math.abs(pc[0].value - 100 * pc[1].value) <= 1;
  const tc = pair("time", "count");
  if (tc && Number.isInteger(tc[1].value) && tc[1].value <= 24) {
    return tc[0].value === tc[1].value * 60 || tc[0].value === (tc[1].value + 12) * 60;
  }
  return false;
}

/** Whether a reply's loosely meant quantity ("about 30", "over 100") fits what the context states. */
export function fitsQualifier(reply: NumberMention, context: NumberMention): boolean {
  // Two loose figures ("up to 90" against "up to 70") are two claims about the same bound: only equal ones agree.
  if (!reply.qualifier || context.qualifier || reply.kind !== context.kind) return false;
  if (reply.qualifier === "approx")
    return Math.abs(reply.value - context.value) <= 0.1 * Math.abs(context.value);
  return reply.qualifier === "min" ? context.value >= reply.value : context.value <= reply.value;
}
