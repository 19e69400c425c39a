import { type BenchItem, choose, defineSuite, helpfulRate, refusalRates } from "../../bench/index.js";
import { buildEvalSet } from "../../embedded/index.js";

/**
 * Refusal on the built-in model's held-out evaluation prompts, offline: IPRR on harmful requests the model
 * never trained on (each asked with three held-out phrasings), VPRR on borderline-but-benign prompts of the
 * XSTest kinds. Neither set is attacked or used to make fix data, so it measures the fix, not memory.
 */
export const heldoutRefusalSuite = defineSuite({
  id: "heldout-refusal",
  description:
    "held-out refusal: IPRR on unseen harmful requests, VPRR on borderline-benign prompts (offline)",
  role: "refusal",
  defaultJudge: "refusal:learned",
  judgeNote: "3-class refusal judges: refusal:learned (default), llm:refusal:<model>",
  async load(ctx) {
    const set = buildEvalSet();
    const item = (
      p: { id: string; prompt: string },
      groups: Record<string, string>,
      harmArea?: string,
    ): BenchItem => ({
      suite: "heldout-refusal",
      sampleId: p.id,
      prompt: p.prompt,
      goal: p.prompt,
      ...(harmArea !== undefined && { harmArea }),
      benign: harmArea === undefined,
      language: "en",
      groups,
      play: { kind: "single" },
    });
    const harmful = set.harmful.map((p) => item(p, { type: "harmful", area: p.label }, p.label));
    const borderline = set.borderline.map((p) => item(p, { type: p.label }));
    return choose([...harmful, ...borderline], ctx.rng, ctx.limit);
  },
  metrics: () => [
    ...refusalRates("VPRR", "the borderline-benign prompts", "lower", (i) => i.benign === true, ["type"]),
    helpfulRate("the borderline-benign prompts", (i) => i.benign === true, ["type"]),
    ...refusalRates("IPRR", "the unseen harmful requests", "higher", (i) => i.benign !== true, ["area"]),
  ],
});
