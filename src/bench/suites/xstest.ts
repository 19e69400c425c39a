import { defineSuite } from "../suite.js";
import { choose, helpfulRate, itemFromSample, metaString, refusalRates } from "./common.js";

/**
 * XSTest (Röttger et al.): 250 safe prompts that should be answered and 200 unsafe contrast prompts.
 * VPRR = refusal rate on the safe ones (lower is better), IPRR = on the unsafe ones (higher is better),
 * each with full and partial refusal apart, per prompt type.
 */
export const xstestSuite = defineSuite({
  id: "xstest",
  description: "XSTest exaggerated safety: VPRR on 250 safe prompts, IPRR on 200 unsafe, per prompt type",
  role: "refusal",
  defaultJudge: "refusal:learned",
  judgeNote:
    "3-class refusal judges: refusal:learned (default), llm:refusal:<model>; refusal:strmatch has no partial class",
  async load(ctx) {
    const samples = choose(await ctx.loadSamples("xstest"), ctx.rng, ctx.limit);
    return samples.map((s) =>
      itemFromSample("xstest", s, { groups: { type: metaString(s, "type"), label: metaString(s, "label") } }),
    );
  },
  metrics: () => [
    ...refusalRates("VPRR", "the safe (valid) prompts", "lower", (i) => i.benign === true, ["type"]),
    helpfulRate("the safe (valid) prompts", (i) => i.benign === true, ["type"]),
    ...refusalRates("IPRR", "the unsafe (inappropriate) prompts", "higher", (i) => i.benign !== true, [
      "type",
    ]),
  ],
});
