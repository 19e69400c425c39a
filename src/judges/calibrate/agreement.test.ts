import { describe, expect, it } from "vitest";
import { agreementReport } from "./agreement.js";

describe("agreement report", () => {
  it("computes accuracy, kappa and per-class stats", () => {
    // Classic 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5, kappa 0.4.
    const pairs = [
      ...Array(20).fill({ truth: "yes", predicted: "yes" }),
      ...Array(5).fill({ truth: "yes", predicted: "no" }),
      ...Array(10).fill({ truth: "no", predicted: "yes" }),
      ...Array(15).fill({ truth: "no", predicted: "no" }),
    ];
    const r = agreementReport(pairs, ["yes", "no"], ["yes"]);
    expect(r.accuracy).toBeCloseTo(0.7);
    expect(r.kappa).toBeCloseTo(0.4);
    expect(r.perClass["yes"]?.precision).toBeCloseTo(20 / 30);
    expect(r.perClass["yes"]?.recall).toBeCloseTo(20 / 25);
    expect(r.binary?.fpr).toBeCloseTo(10 / 25);
    expect(r.binary?.fnr).toBeCloseTo(5 / 25);
  });

  it("counts unknown as disagreement, a miss on positives and a false alarm on negatives", () => {
    const r = agreementReport(
      [
        { truth: "unsafe", predicted: "unknown" },
        { truth: "safe", predicted: "unknown" },
        { truth: "safe", predicted: "safe" },
      ],
      ["safe", "unsafe"],
      ["unsafe"],
    );
    expect(r.unknown).toBe(2);
    expect(r.accuracy).toBeCloseTo(1 / 3);
    expect(r.binary?.fnr).toBe(1);
    expect(r.binary?.fpr).toBe(0.5);
    expect(r.confusion["unsafe"]?.["unknown"]).toBe(1);
  });

  it("rejects reference labels outside the classes", () => {
    expect(() => agreementReport([{ truth: "maybe", predicted: "yes" }], ["yes", "no"])).toThrow(
      /not one of/,
    );
  });
});
