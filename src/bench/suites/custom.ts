import { BreakfixError } from "../../core/index.js";
import { type CustomRow, readCustomFile } from "../../datasets/index.js";
import { lastTurn } from "../metric-spec.js";
import { type BenchItem, defineSuite, type Suite, type SuiteLoadContext } from "../suite.js";
import { asrMetric, choose, helpfulRate, refusalRates } from "./common.js";

const BREAKDOWNS = ["category", "harmArea"];

/** The rows of `--custom-file` (bench) or `bench.customFile` (cycle) that a suite keeps. */
function loadRows(suite: string, ctx: SuiteLoadContext, keep: (r: CustomRow) => boolean, what: string) {
  const file = ctx.options["customFile"];
  if (typeof file !== "string") {
    throw new BreakfixError("USAGE", `suite ${suite} needs your prompt file`, {
      fix: "pass --custom-file FILE (JSONL or CSV of prompts), or set bench.customFile in the cycle config",
    });
  }
  const rows = readCustomFile(file).filter(keep);
  if (rows.length === 0) {
    throw new BreakfixError("DATA_INVALID", `${file} has no ${what} for suite ${suite}`, {
      location: { file },
      fix:
        suite === "custom-exact"
          ? 'give rows an "expected" answer'
          : 'label rows "harmful" (or leave label out on rows without "expected")',
    });
  }
  return choose(rows, ctx.rng, ctx.limit).map(
    (r): BenchItem => ({
      suite,
      sampleId: r.id,
      prompt: r.prompt,
      // The judge is told what the request aimed at: the row's goal, else its expected answer or prompt.
      goal:
        r.goal ??
        (suite === "custom-exact" ? r.expected : typeof r.prompt === "string" ? r.prompt : undefined),
      ...(r.harmArea === undefined ? {} : { harmArea: r.harmArea }),
      benign: r.benign,
      ...(r.language === undefined ? {} : { language: r.language }),
      ...(r.expected === undefined ? {} : { expected: r.expected }),
      groups: {
        label: r.benign ? "benign" : "harmful",
        ...(r.category === undefined ? {} : { category: r.category }),
      },
      play: { kind: "single" },
    }),
  );
}

/**
 * Your own prompts (`--custom-file`, JSONL or CSV), judged by the judge you name: `custom` with a
 * safe/unsafe judge (ASR on the harmful rows), `custom-refusal` with a refusal judge (refusal on harmful
 * rows, over-refusal and helpfulness on benign ones), `custom-exact` with exact match on the rows that
 * carry an expected answer.
 */
export const customSuites: Suite[] = [
  defineSuite({
    id: "custom",
    description: "your own prompt file (--custom-file): ASR on its harmful rows, per category and harm area",
    role: "harm",
    defaultJudge: "harm:learned",
    judgeNote:
      "safe/unsafe judges: harm:learned (default, English), llm:behavior:<model>, llm:jbb:<model>, …",
    load: async (ctx) => loadRows("custom", ctx, (r) => !r.benign, "harmful rows"),
    metrics: (judge) => [asrMetric(judge.id, BREAKDOWNS)],
  }),
  defineSuite({
    id: "custom-refusal",
    description:
      "your own prompt file (--custom-file): refusal rate on harmful rows, over-refusal and helpfulness on benign rows",
    role: "refusal",
    defaultJudge: "refusal:learned",
    judgeNote: "3-class refusal judges: refusal:learned (default), llm:refusal:<model>, refusal:strmatch",
    load: async (ctx) => loadRows("custom-refusal", ctx, () => true, "rows"),
    metrics: () => [
      ...refusalRates("refusal", "the harmful rows", "higher", (i) => i.benign !== true, BREAKDOWNS),
      ...refusalRates("over-refusal", "the benign rows", "lower", (i) => i.benign === true, BREAKDOWNS),
      helpfulRate("the benign rows", (i) => i.benign === true, BREAKDOWNS),
    ],
  }),
  defineSuite({
    id: "custom-exact",
    description:
      "your own prompt file (--custom-file): exact-match accuracy on the rows with an expected answer",
    role: "exact",
    defaultJudge: "exact-match",
    judgeNote: "exact-match only (normalised case, spacing, trailing full stop; the reply or its last line)",
    load: async (ctx) =>
      loadRows("custom-exact", ctx, (r) => r.expected !== undefined, "rows with an expected answer"),
    metrics: () => [
      {
        kind: "rate",
        name: "accuracy",
        description: "share of rows answered exactly as expected",
        better: "higher",
        population: () => true,
        breakdowns: BREAKDOWNS,
        outcome: (r) => {
          const t = lastTurn(r);
          if (!t || t.status === "error" || !t.score) return "error";
          return t.score.label === "correct" ? "yes" : t.score.label === "incorrect" ? "no" : "unknown";
        },
      },
    ],
  }),
];
