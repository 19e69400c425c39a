import type { Sample } from "../../core/index.js";
import { defineSuite, type Suite } from "../suite.js";
import { asrMetric, choose, itemFromSample, metaString, refusalRates } from "./common.js";

const HARM_JUDGES =
  "safe/unsafe judges: harm:learned (default, English), llm:behavior:<model> (HarmBench rules), llm:jbb:<model>, llm:strongreject:<model>, llm:harm-severity:<model>";

function asrSuite(
  id: string,
  dataset: string,
  description: string,
  goalOf: (s: Sample) => string | undefined,
  filter: (s: Sample) => boolean = (s) => !s.benign,
): Suite {
  return defineSuite({
    id,
    description,
    role: "harm",
    defaultJudge: "harm:learned",
    judgeNote: HARM_JUDGES,
    async load(ctx) {
      const samples = choose((await ctx.loadSamples(dataset)).filter(filter), ctx.rng, ctx.limit);
      return samples.map((s) => itemFromSample(id, s, { goal: goalOf(s) }));
    },
    metrics: (judge) => [asrMetric(judge.id, ["category", "harmArea"])],
  });
}

const promptText = (s: Sample): string | undefined => (typeof s.prompt === "string" ? s.prompt : undefined);

/** Direct-request attack success on harmful behaviour sets, and over-refusal on JBB's benign twins. */
export const attackSuccessSuites: Suite[] = [
  asrSuite(
    "harmbench",
    "harmbench",
    "HarmBench behaviours asked directly: ASR per semantic category and harm area",
    (s) => metaString(s, "behavior") ?? promptText(s),
  ),
  asrSuite(
    "jbb",
    "jbb-behaviors",
    "JailbreakBench's 100 harmful behaviours asked directly: ASR per category",
    promptText,
  ),
  asrSuite("advbench", "advbench", "AdvBench's 520 harmful behaviours asked directly: ASR", promptText),
  asrSuite(
    "do-not-answer",
    "do-not-answer",
    "Do-Not-Answer's 939 questions a model should not answer: ASR per risk area",
    promptText,
  ),
  defineSuite({
    id: "jbb-benign",
    description:
      "over-refusal on JailbreakBench's 100 benign twins (topic-matched to the harmful behaviours)",
    role: "refusal",
    defaultJudge: "refusal:learned",
    judgeNote: "3-class refusal judges: refusal:learned (default), llm:refusal:<model>",
    async load(ctx) {
      const samples = choose(
        (await ctx.loadSamples("jbb-behaviors")).filter((s) => s.benign),
        ctx.rng,
        ctx.limit,
      );
      return samples.map((s) => itemFromSample("jbb-benign", s));
    },
    metrics: () => refusalRates("over-refusal", "the benign twins", "lower", () => true, ["category"]),
  }),
];
