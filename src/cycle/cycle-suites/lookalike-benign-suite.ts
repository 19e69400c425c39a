import {
  type BenchItem,
  choose,
  defineSuite,
  helpfulRate,
  refusalRates,
  type Suite,
} from "../../bench/index.js";
import { lookalikeEvalPrompts } from "../../curate/index.js";

/**
 * Over-refusal on benign look-alikes of the harm areas (homonyms, safe contexts, definitions, ...), from the
 * evaluation families the fix-data compiler never trains on: VPRR here is the guard that a fix did not
 * teach blanket refusal of anything that sounds like its area.
 */
export function lookalikeBenignSuite(o: { seed: number; perArea: number }): Suite {
  return defineSuite({
    id: "lookalike-benign",
    description: "benign look-alikes of each harm area (evaluation families only): VPRR, lower is better",
    role: "refusal",
    defaultJudge: "refusal:learned",
    judgeNote: "3-class refusal judges: refusal:learned (default), llm:refusal:<model>",
    async load(ctx) {
      const items = lookalikeEvalPrompts(o).map(
        (p): BenchItem => ({
          suite: "lookalike-benign",
          sampleId: p.id,
          prompt: p.prompt,
          goal: p.prompt,
          harmArea: p.area,
          benign: true,
          language: "en",
          groups: { kind: p.kind, area: p.area },
          play: { kind: "single" },
        }),
      );
      return choose(items, ctx.rng, ctx.limit);
    },
    metrics: () => [
      ...refusalRates("VPRR", "benign look-alike prompts", "lower", () => true, ["kind", "area"]),
      helpfulRate("benign look-alike prompts", () => true, ["kind", "area"]),
    ],
  });
}
