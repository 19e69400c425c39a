import type { ChatModel, Judge } from "../core/index.js";
import type { Taxonomy } from "../taxonomy/index.js";
import { createCascadeJudge } from "./composite/cascade.js";
import { createEnsembleJudge } from "./composite/ensemble.js";
import type { JudgeSpec } from "./judge-spec.js";

export interface JudgeDeps {
  /**
   * The model an LLM judge names (`openai:gpt-4o-mini`). Judges are built synchronously, so callers resolve
   * the models of `judgeModelIds(spec)` first and look them up here.
   */
  resolveModel(id: string): ChatModel;
  taxonomy?: Taxonomy;
}

/** Builds the judge a spec names; composites are built from their members. */
export function createJudge(spec: JudgeSpec, deps: JudgeDeps): Judge {
  if (spec.kind === "judge") {
    const model = spec.model === undefined ? undefined : deps.resolveModel(spec.model);
    return spec.plugin.create({ model, taxonomy: deps.taxonomy });
  }
  const members = spec.members.map((m) => createJudge(m, deps));
  if (spec.rule === "cascade") return createCascadeJudge(members[0] as Judge, members[1] as Judge);
  return createEnsembleJudge(members, { rule: spec.rule });
}
