import { BreakfixError } from "../core/index.js";
import { judgeRegistry } from "./judge-catalog.js";
import type { JudgePlugin } from "./judge-plugin.js";

export type CompositeRule = "majority" | "any" | "unanimous" | "cascade";

/**
 * A judge id, parsed: a registered judge (with its model, for the LLM judges) or a composite of judges.
 * `id` is the id as the user wrote it, recorded with results beside the id the built judge reports
 * (`llm:refusal@1/<model>`), and what the spec serialises to, so stored configurations keep plain ids.
 */
export type JudgeSpec =
  | {
      readonly kind: "judge";
      readonly id: string;
      readonly plugin: JudgePlugin;
      readonly model?: string;
      toJSON(): string;
    }
  | {
      readonly kind: "composite";
      readonly id: string;
      readonly rule: CompositeRule;
      readonly members: readonly JudgeSpec[];
      toJSON(): string;
    };

const COMPOSITE = /^(majority|any|unanimous|cascade)\((.+)\)$/;

function toJSON(this: { id: string }): string {
  return this.id;
}

/**
 * The one parser of judge ids: a registered id (`refusal:learned`), `<id>:<provider:model>` for a judge that
 * needs a model (`llm:jbb:openai:gpt-4o-mini`), or a composite — `majority(a,b,c)`, `any(a,b)`,
 * `unanimous(a,b)`, `cascade(filter>confirm)` — whose members are any of these (composites nest).
 */
export function parseJudgeSpec(text: string, registry = judgeRegistry): JudgeSpec {
  const id = text.trim();
  const m = COMPOSITE.exec(id);
  if (m) {
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
    return { kind: "composite", id, rule, members: members.map((p) => parseJudgeSpec(p, registry)), toJSON };
  }
  if (registry.has(id) && !registry.get(id).needsModel)
    return { kind: "judge", id, plugin: registry.get(id), toJSON };
  const family = registry.list().find((p) => p.needsModel && id.startsWith(`${p.id}:`));
  const model = family ? id.slice(family.id.length + 1).trim() : "";
  if (family && model !== "") return { kind: "judge", id, plugin: family, model, toJSON };
  throw unknownJudge(id, registry.list());
}

function unknownJudge(id: string, plugins: readonly JudgePlugin[]): BreakfixError {
  const plain = plugins.filter((p) => !p.needsModel).map((p) => p.id);
  const withModel = plugins.filter((p) => p.needsModel).map((p) => `${p.id}:<provider:model>`);
  // A model-taking judge named without its model is a usage slip, said as one.
  const family = plugins.find((p) => p.needsModel && id === p.id);
  if (family) {
    return new BreakfixError("USAGE", `judge "${id}" needs a model`, {
      fix: `write ${family.id}:<provider:model>`,
    });
  }
  return new BreakfixError("NOT_FOUND", `Unknown judge "${id}"`, {
    fix: `use one of: ${[...plain, ...withModel].join(", ")}, or a composite: majority(a,b,c), any(a,b), unanimous(a,b), cascade(filter>confirm)`,
  });
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
