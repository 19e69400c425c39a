import { BreakfixError } from "../../core/index.js";

export type CompositeRule = "majority" | "any" | "unanimous" | "cascade";

/**
 * The parts of a composite judge id — `majority(a,b,c)`, `any(a,b)`, `unanimous(a,b)`,
 * `cascade(filter>confirm)` — with members split at the top level only, so composites nest. `undefined` for
 * a plain (non-composite) id.
 */
export function parseCompositeId(id: string): { rule: CompositeRule; members: string[] } | undefined {
  const m = /^(majority|any|unanimous|cascade)\((.+)\)$/.exec(id.trim());
  if (!m) return undefined;
  const rule = m[1] as CompositeRule;
  const members = splitTop(m[2] as string, rule === "cascade" ? ">" : ",");
  if (rule === "cascade" && members.length !== 2) {
    throw new BreakfixError("USAGE", `cascade needs exactly two judges: "${id}"`, {
      fix: "write cascade(<filter judge>><confirming judge>), e.g. cascade(harm:learned>llm:jbb:openai:gpt-4o-mini)",
    });
  }
  if (members.some((p) => p === "")) {
    throw new BreakfixError("USAGE", `empty member in composite judge "${id}"`, {
      fix: "name a judge between every pair of separators, e.g. any(refusal:learned,llm:refusal:<model>)",
    });
  }
  return { rule, members };
}

/** Every plain (non-composite) judge id inside `id`, itself included when it is one. */
export function leafJudgeIds(id: string): string[] {
  const c = parseCompositeId(id);
  return c ? c.members.flatMap(leafJudgeIds) : [id.trim()];
}

/** Splits at `sep` outside parentheses. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
