import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DpoLossType, dpoLoss, logSigmoid, type PairLogps } from "./dpo-loss.js";

interface Fixture {
  pairs: PairLogps[];
  cases: {
    loss: DpoLossType;
    beta: number;
    sftWeight: number;
    expected: { loss: number; dChosen: number[]; dRejected: number[] };
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/train/dpo-reference.json", import.meta.url), "utf8"),
) as Fixture;

describe("dpoLoss against the PyTorch reference (scripts/torch-dpo-reference.py)", () => {
  it.each(fixture.cases)("$loss β=$beta sft=$sftWeight: loss and ∂loss/∂logp agree", (c) => {
    const out = dpoLoss(fixture.pairs, { loss: c.loss, beta: c.beta, sftWeight: c.sftWeight });
    expect(out.metrics.loss).toBeCloseTo(c.expected.loss, 10);
    for (const [i, g] of c.expected.dChosen.entries()) expect(out.dChosen[i]).toBeCloseTo(g, 10);
    for (const [i, g] of c.expected.dRejected.entries()) expect(out.dRejected[i]).toBeCloseTo(g, 10);
  });

  it("logSigmoid stays finite and accurate far from zero", () => {
    expect(logSigmoid(-800)).toBe(-800);
    expect(Math.abs(logSigmoid(800))).toBe(0);
    expect(logSigmoid(40)).toBeCloseTo(-Math.exp(-40), 25);
    expect(logSigmoid(0)).toBeCloseTo(Math.log(0.5), 15);
  });

  it("reports TRL's metrics", () => {
    const pairs = [
      { policyChosen: -2, policyRejected: -9, refChosen: -4, refRejected: -5, chosenTokens: 2 },
      { policyChosen: -6, policyRejected: -3, refChosen: -5, refRejected: -4, chosenTokens: 2 },
    ];
    const m = dpoLoss(pairs, { beta: 0.1, loss: "sigmoid" }).metrics;
    expect(m["rewards/chosen"]).toBeCloseTo((0.1 * 2 + 0.1 * -1) / 2, 12);
    expect(m["rewards/rejected"]).toBeCloseTo((0.1 * -4 + 0.1 * 1) / 2, 12);
    expect(m["rewards/margins"]).toBeCloseTo(m["rewards/chosen"] - m["rewards/rejected"], 12);
    expect(m["rewards/accuracies"]).toBe(0.5);
    expect(m["logps/chosen"]).toBe(-4);
    expect(m["logps/rejected"]).toBe(-6);
  });
});
