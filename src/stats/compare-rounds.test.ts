import { describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { compareMetric, compareRounds, twoProportionP } from "./compare-rounds.js";
import type { MetricUnits } from "./metric-units.js";
import type { MeasuredRound } from "./round-data.js";
import { type SyntheticItem, writeBenchRun, writeCampaign } from "./testing/synthetic-runs.js";

const units = (name: string, outcomes: Record<string, boolean>): MetricUnits => ({
  name,
  units: new Map(Object.entries(outcomes)),
  errors: 0,
  unknown: 0,
});

const round = (r: number, benchRuns: Record<string, string>, inDistribution?: string): MeasuredRound => ({
  round: r,
  benchRuns,
  campaignRuns: inDistribution ? { inDistribution } : {},
});

const capability = (correct: boolean[]): SyntheticItem[] =>
  correct.map((c, i) => ({
    suite: "capability",
    sampleId: `c${i}`,
    benign: true,
    label: c ? "correct" : "incorrect",
  }));

describe("compareRounds", () => {
  it("pairs bench samples by id: McNemar exact on the discordant pairs, delta on the matched units", () => {
    const store = openStore(":memory:");
    // 7 of 10 right before; after, 6 of those went wrong and nothing was gained: b = 6, c = 0.
    writeBenchRun(
      store,
      "b0",
      "m0",
      capability([true, true, true, true, true, true, true, false, false, false]),
    );
    writeBenchRun(
      store,
      "b1",
      "m1",
      capability([false, false, false, false, false, false, true, false, false, false]),
    );
    const [c] = compareRounds(store, round(0, { capability: "b0" }), round(1, { capability: "b1" }), {
      seed: 1,
    });
    expect(c).toMatchObject({ metric: "capability", against: "previous", n: 10, paired: true });
    expect(c?.before).toBeCloseTo(0.7);
    expect(c?.after).toBeCloseTo(0.1);
    expect(c?.delta).toBeCloseTo(-0.6);
    // Exact two-sided: 2 · P(X ≤ 0 | Binomial(6, ½)) = 2/64.
    expect(c?.pValue).toBeCloseTo(0.03125, 10);
    expect(c?.deltaLow).toBeLessThanOrEqual(c?.delta as number);
    expect(c?.deltaHigh).toBeGreaterThanOrEqual(c?.delta as number);
    expect(c?.deltaHigh).toBeLessThan(0);
  });

  it("pairs red-team objectives across campaigns, and labels the comparison against the baseline", () => {
    const store = openStore(":memory:");
    const objectives = ["o1", "o2", "o3", "o4"];
    writeCampaign(
      store,
      "r0",
      objectives.map((o) => ({ objectiveId: o, outcome: "success" as const })),
    );
    writeCampaign(store, "r1", [
      { objectiveId: "o1", outcome: "success" },
      { objectiveId: "o2", outcome: "failure" },
      { objectiveId: "o3", outcome: "failure" },
      { objectiveId: "o4", outcome: "error" },
    ]);
    const [c] = compareRounds(store, round(0, {}, "r0"), round(2, {}, "r1"), {
      seed: 1,
      against: "baseline",
    });
    // o4 errored after: it is left out, not counted as held. Pairs: o1 (1→1), o2 and o3 (1→0): b = 2, c = 0.
    expect(c).toMatchObject({ metric: "asr", against: "baseline", n: 3, paired: true, before: 1 });
    expect(c?.after).toBeCloseTo(1 / 3);
    expect(c?.pValue).toBeCloseTo(0.5, 10);
  });

  it("uses the exact McNemar test beyond 25 discordant pairs", () => {
    const before: Record<string, boolean> = {};
    const after: Record<string, boolean> = {};
    // 30 units lost the outcome, 10 gained it: exact 2 · P(X ≤ 10 | Binomial(40, ½)) = 0.0022214.
    for (let i = 0; i < 40; i++) {
      before[`u${i}`] = i < 30;
      after[`u${i}`] = i >= 30;
    }
    const c = compareMetric(units("iprr", before), units("iprr", after), { seed: 1, bootstrap: 100 });
    expect(c?.pValue).toBeCloseTo(0.0022214, 6);
  });

  it("falls back to an unpaired two-proportion test when the rounds measured different samples", () => {
    const c = compareMetric(
      units("vprr", { a: true, b: false, c: false }),
      units("vprr", { d: true, e: true, f: true, g: false }),
      { seed: 1 },
    );
    expect(c).toMatchObject({ paired: false, n: 7 });
    expect(c?.delta).toBeCloseTo(0.75 - 1 / 3);
    // Pooled 4/7, SE = sqrt(4/7 · 3/7 · (1/3 + 1/4)) = 0.3780, z = 1.1024 → p = 0.27029.
    expect(c?.pValue).toBeCloseTo(0.27029, 4);
    expect(twoProportionP(0, 5, 0, 9)).toBe(1);
  });

  it("is deterministic for a seed and skips metrics one side did not measure", () => {
    const before = units("iprr", { a: true, b: false, c: true, d: false });
    const after = units("iprr", { a: true, b: true, c: false, d: true });
    expect(compareMetric(before, after, { seed: 4 })).toEqual(compareMetric(before, after, { seed: 4 }));
    expect(compareMetric(units("iprr", {}), after, { seed: 4 })).toBeUndefined();
  });
});
