import { BreakfixError, type ChatModel, type Judge } from "../core/index.js";
import type { Taxonomy } from "../taxonomy/index.js";
import { stringMatchRefusalJudge } from "./baselines/string-match-refusal.js";
import { coherenceJudge } from "./coherence/coherence-judge.js";
import { createCascadeJudge } from "./composite/cascade.js";
import { parseCompositeId } from "./composite/composite-id.js";
import { createEnsembleJudge } from "./composite/ensemble.js";
import { shippedHarmJudge } from "./harm/shipped-harm-judge.js";
import { createLlmJudge } from "./llm/llm-judge.js";
import { RUBRICS, type RubricId } from "./llm/rubrics.js";
import { shippedRefusalJudge } from "./refusal/shipped-refusal-judge.js";

export { leafJudgeIds, parseCompositeId } from "./composite/composite-id.js";

export interface JudgeDeps {
  /** Resolves `provider:name` to a model, for LLM judges. */
  resolveModel(id: string): ChatModel;
  taxonomy?: Taxonomy;
  /**
   * Judges defined outside this module (the bench's groundedness and exact-match judges), tried first for
   * every plain id, composite members included; `undefined` means not one of them.
   */
  extraJudge?(id: string): Judge | undefined;
}

/** Judges that need no model, by id, with what they return. */
export const BUILTIN_JUDGES: Readonly<Record<string, { description: string; create: () => Judge }>> = {
  "refusal:learned": {
    description: "3-class refusal judge learned from XSTest human labels (no LLM, milliseconds)",
    create: shippedRefusalJudge,
  },
  "harm:learned": {
    description:
      "safe/unsafe jailbreak-success judge distilled from JailbreakBench's LLM-judge verdicts (no LLM)",
    create: shippedHarmJudge,
  },
  "refusal:strmatch": {
    description: "reference refusal-prefix matcher (2 classes; known to fail both ways)",
    create: () => stringMatchRefusalJudge,
  },
  "coherence:text": {
    description:
      "coherent/degenerate (word salad, loops, empty) from text statistics and an English lexicon (no LLM)",
    create: () => coherenceJudge,
  },
};

/**
 * Builds a judge from its id: a built-in id above, `llm:<rubric>:<provider:model>` for an LLM judge with one
 * of the versioned rubrics (harm-severity, behavior, jbb, strongreject, refusal, coherence), or a composite of those:
 * `majority(a,b,c)`, `any(a,b)`, `unanimous(a,b)`, `cascade(filter>confirm)` (composites nest).
 */
export function createJudge(id: string, deps: JudgeDeps): Judge {
  const composite = parseCompositeId(id);
  if (composite) {
    const members = composite.members.map((m) => createJudge(m, deps));
    if (composite.rule === "cascade") return createCascadeJudge(members[0] as Judge, members[1] as Judge);
    return createEnsembleJudge(members, { rule: composite.rule });
  }
  const extra = deps.extraJudge?.(id);
  if (extra) return extra;
  const builtin = BUILTIN_JUDGES[id];
  if (builtin) return builtin.create();
  const m = /^llm:([a-z-]+):(.+)$/.exec(id);
  if (m) {
    const rubric = m[1] as RubricId;
    if (!(rubric in RUBRICS)) {
      throw new BreakfixError("USAGE", `Unknown judge rubric "${rubric}" in "${id}"`, {
        fix: `use one of: ${Object.keys(RUBRICS).join(", ")}`,
      });
    }
    return createLlmJudge(deps.resolveModel(m[2] as string), rubric, { taxonomy: deps.taxonomy });
  }
  throw new BreakfixError("NOT_FOUND", `Unknown judge "${id}"`, {
    fix: `use one of: ${Object.keys(BUILTIN_JUDGES).join(", ")}, llm:<rubric>:<provider:model>, or a composite: majority(a,b,c), any(a,b), unanimous(a,b), cascade(filter>confirm)`,
  });
}
