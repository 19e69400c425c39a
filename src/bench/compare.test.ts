import { describe, expect, it } from "vitest";
import { compareReports } from "./compare.js";
import type { RateResult } from "./compute-metrics.js";
import { formatComparison } from "./format-report.js";
import type { RunReport, SuiteReport } from "./run-report.js";

function report(runId: string, outcomes: boolean[], better: "lower" | "higher"): RunReport {
  const k = outcomes.filter(Boolean).length;
  const metric: RateResult = {
    kind: "rate",
    name: "ASR",
    description: "",
    better,
    k,
    n: outcomes.length,
    rate: k / outcomes.length,
    ci: [0, 1],
    unknown: 0,
    errors: 0,
  };
  const suite: SuiteReport = {
    suite: "jbb",
    description: "",
    judge: { id: "harm:learned", scoreId: "harm:learned", version: "1" },
    items: { total: outcomes.length, pending: 0, done: outcomes.length, failed: 0 },
    metrics: [metric],
    breakdowns: [],
    outcomes: { ASR: Object.fromEntries(outcomes.map((o, i) => [`s${i}`, o])) },
  };
  return { runId, status: "done", model: "m", simulator: "template", createdAt: "", suites: [suite] };
}

describe("compareReports", () => {
  it("flags a significant rise of a lower-is-better rate as a regression (χ² above 25 pairs)", () => {
    const a = report(
      "a",
      Array.from({ length: 60 }, (_, i) => i < 5),
      "lower",
    );
    const b = report(
      "b",
      Array.from({ length: 60 }, (_, i) => i < 40),
      "lower",
    );
    const [d] = compareReports(a, b);
    expect(d).toMatchObject({ metric: "ASR", paired: 60, verdict: "regressed", significant: true });
    expect(d!.test).toMatchObject({ method: "chi2", b: 0, c: 35 });
    expect(d!.delta).toBeCloseTo(35 / 60, 10);
  });

  it("pairs only samples decided in both runs and calls small differences not significant", () => {
    const a = report("a", [true, false, false, true], "higher");
    const b = report("b", [true, true, false], "higher");
    const [d] = compareReports(a, b);
    expect(d).toMatchObject({ paired: 3, verdict: "no significant change" });
    expect(d!.test).toMatchObject({ method: "exact", b: 0, c: 1, pValue: 1 });
    expect(d!.judgeDiffers).toBeUndefined();
  });

  it("warns when the two runs used different judges", () => {
    const a = report("a", [true, false], "lower");
    const b = report("b", [true, false], "lower");
    b.suites[0]!.judge = {
      id: "llm:jbb:openai:gpt-4o",
      scoreId: "llm:jbb@1/openai:gpt-4o",
      version: "1:abc",
    };
    const [d] = compareReports(a, b);
    expect(d!.judgeDiffers).toEqual({ a: "harm:learned@1", b: "llm:jbb@1/openai:gpt-4o@1:abc" });
    expect(formatComparison("a", "b", [d!])).toMatch(/the delta mixes model and judge/);
  });
});
