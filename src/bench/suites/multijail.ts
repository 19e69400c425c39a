import { defineSuite } from "../suite.js";
import { choose, itemFromSample, metaString, refusalRates } from "./common.js";

/**
 * MultiJail (Deng et al.): 315 unsafe prompts in English and nine translations. The refusal rate per
 * language (higher is better); `--limit` picks whole prompt groups so every language sees the same prompts.
 */
export const multijailSuite = defineSuite({
  id: "multijail",
  description: "MultiJail unsafe prompts in 10 languages: refusal rate per language and category",
  role: "refusal",
  defaultJudge: "refusal:learned",
  judgeNote:
    "refusal:learned and harm:learned are trained on English text: their verdicts on the nine other languages are unvalidated; use llm:refusal:<multilingual model> for non-English numbers",
  async load(ctx) {
    const samples = await ctx.loadSamples("multijail");
    const groups = [...new Set(samples.map((s) => metaString(s, "group") ?? s.id))];
    const chosen = new Set(choose(groups, ctx.rng, ctx.limit));
    return samples
      .filter((s) => chosen.has(metaString(s, "group") ?? s.id))
      .map((s) => itemFromSample("multijail", s, { groups: { category: metaString(s, "category") } }));
  },
  metrics: () =>
    refusalRates("refusal rate", "the unsafe prompts", "higher", () => true, ["language", "category"]),
});
