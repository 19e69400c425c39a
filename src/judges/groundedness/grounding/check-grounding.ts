import { contextUnits, contradicts, opposite, same } from "./contradiction.js";
import { fitsQualifier, type NumberMention, numberMentions, sameQuantity } from "./numbers.js";
import { clauses, commonWords, isContent, STOPWORDS, sentences, type Token } from "./text.js";

export type GroundingIssueKind = "wrong-number" | "wrong-name" | "contradiction" | "unsupported-claim";

export interface GroundingIssue {
  kind: GroundingIssueKind;
  /** The reply's words at fault ("32 berths", "Karsby"). */
  text: string;
  detail: string;
}

export interface GroundingCheck {
  /** Claims in the reply: clauses with at least two content words, and shorter ones with an issue. */
  claims: number;
  /** Claims with at least one issue. */
  flagged: number;
  issues: GroundingIssue[];
}

/** A claim is unsupported when fewer than this share of its content words occur in the context. */
const SUPPORT_SHARE = 0.6;

/** "The context does not say ...": a clause about the context, not about the world. */
const META = /\b(context|text|passage|information|article|notice|document|source)\b/i;
const META_NEGATED = /\b(not|no|n't|never|nothing)\b/i;

/**
 * Checks a reply against the context it should be grounded in, offline, claim by claim: numbers absent
 * from the context or bound to a different quantity there ("32 berths" where the context has 140 berths and
 * 32 families), capitalised names the context never uses, clauses that contradict a context sentence
 * (a negation or an opposite flipped), and claims most of whose words the context does not contain.
 */
export function checkGrounding(context: string, reply: string): GroundingCheck {
  const ctxSentences = sentences(context);
  const ctxClauses = ctxSentences.flatMap(clauses);
  const ctxNumbers = ctxClauses.flatMap(numberMentions);
  const ctxWords = new Set(ctxSentences.flat().flatMap((t) => (t.kind === "word" ? [t.lower, t.stem] : [])));
  const units = contextUnits(ctxSentences);
  const issues: GroundingIssue[] = [];
  let claims = 0;
  let flagged = 0;
  for (const sentence of sentences(reply)) {
    for (const clause of clauses(sentence)) {
      const text = render(clause);
      if (META.test(text) && META_NEGATED.test(text)) continue;
      const words = clause.filter(isContent);
      const found: GroundingIssue[] = [...numberIssues(clause, ctxNumbers), ...nameIssues(clause, ctxWords)];
      if (words.length >= 2) {
        // Commas part a clause's statements ("6 pounds for adults, free for under-12s"): each is compared.
        const against = commaPieces(clause)
          .map((piece) => contradicts(piece, units))
          .find((i) => i !== undefined);
        if (against !== undefined) {
          found.push({
            kind: "contradiction",
            text: render(clause),
            detail: `contradicts the context: "${render(ctxSentences[against] as Token[])}"`,
          });
        } else {
          const known = words.filter((t) => knownToContext(t.stem, t.lower, ctxWords)).length;
          if (known / words.length < SUPPORT_SHARE) {
            found.push({
              kind: "unsupported-claim",
              text: render(clause),
              detail: `${words.length - known} of ${words.length} content words are not in the context`,
            });
          }
        }
      }
      // A fragment ("and 17:30", "bikes are not") counts as a claim of its own only when it is wrong.
      if (words.length >= 2 || found.length > 0) claims++;
      if (found.length > 0) flagged++;
      issues.push(...found);
    }
  }
  return { claims, flagged, issues };
}

function commaPieces(clause: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of clause) {
    if (t.lower === ",") out.push([]);
    else (out[out.length - 1] as Token[]).push(t);
  }
  return out.filter((p) => p.length > 0);
}

/** A word the context has, or has a synonym or an opposite of (an opposite is a contradiction, not news). */
function knownToContext(stem: string, lower: string, ctxWords: ReadonlySet<string>): boolean {
  if (ctxWords.has(lower) || ctxWords.has(stem)) return true;
  for (const w of ctxWords) if (same(w, stem) || opposite(w, stem)) return true;
  return false;
}

const render = (tokens: readonly Token[]): string =>
  tokens
    .map((t) => t.text)
    .join(" ")
    .replace(/ ([.,;:!?%])/g, "$1");

/**
 * A reply number is wrong when the context never states that quantity, or when the context's quantity with
 * the same words after it is a different one ("32 berths" / "140 berths"), unless the reply says it loosely
 * and it fits ("about 33%" for "a third", "over 100" for 140).
 */
function numberIssues(claim: readonly Token[], ctxNumbers: readonly NumberMention[]): GroundingIssue[] {
  const out: GroundingIssue[] = [];
  for (const n of numberMentions(claim)) {
    const agrees = (c: NumberMention): boolean => sameQuantity(n, c) || fitsQualifier(n, c);
    const afterShared = (c: NumberMention): number => [...n.after].filter((w) => c.after.has(w)).length;
    const overlap = (c: NumberMention): number =>
      2 * afterShared(c) + [...n.before].filter((w) => c.before.has(w)).length;
    if (!ctxNumbers.some(agrees)) {
      out.push({ kind: "wrong-number", text: n.text, detail: `the context never states ${n.text}` });
      continue;
    }
    const best = Math.max(0, ...ctxNumbers.map(overlap));
    const closest = ctxNumbers.filter((c) => overlap(c) === best);
    // Only the words after a number say what it counts; a shared word before it is no evidence of a swap.
    if (best > 0 && !closest.some(agrees) && afterShared(closest[0] as NumberMention) > 0) {
      const c = closest[0] as NumberMention;
      const unit = [...n.after].join(" ");
      out.push({
        kind: "wrong-number",
        text: `${n.text} ${unit}`.trim(),
        detail: `the context gives ${c.text} ${[...c.after].join(" ")}`.trim(),
      });
    }
  }
  return out;
}

/**
 * Capitalised words the context never uses: names of places, people, days, products. The first word of a
 * sentence is only taken for a name when it is no common English word.
 */
function nameIssues(claim: readonly Token[], ctxWords: ReadonlySet<string>): GroundingIssue[] {
  const out: GroundingIssue[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0)
      out.push({ kind: "wrong-name", text: run.join(" "), detail: "not named in the context" });
    run = [];
  };
  for (const t of claim) {
    const name =
      t.kind === "word" &&
      t.text.length > 1 &&
      /^\p{Lu}/u.test(t.text) &&
      !STOPWORDS.has(t.lower) &&
      !["am", "pm", "ok"].includes(t.lower) &&
      !(t.initial && commonWords().has(t.lower));
    if (name && !ctxWords.has(t.lower) && !ctxWords.has(t.stem)) run.push(t.text);
    else flush();
  }
  flush();
  return out;
}
