import { describe, expect, it } from "vitest";
import { chiSquare1Sf, mcnemar, meanInterval, median, wilsonInterval } from "./stats.js";

describe("Wilson interval", () => {
  it("matches published values", () => {
    // 5/10: 0.2366–0.7634; 0/10: 0–0.2775; 10/10: 0.7225–1 (Wilson 1927, z = 1.96).
    const close = (a: [number, number], b: [number, number]) => {
      expect(a[0]).toBeCloseTo(b[0], 4);
      expect(a[1]).toBeCloseTo(b[1], 4);
    };
    close(wilsonInterval(5, 10), [0.2366, 0.7634]);
    close(wilsonInterval(0, 10), [0, 0.2775]);
    close(wilsonInterval(10, 10), [0.7225, 1]);
    close(wilsonInterval(81, 263), [0.2553, 0.3662]);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe("McNemar", () => {
  it("is exact below 25 discordant pairs", () => {
    // 0 vs 5: 2 · 0.5^5 = 0.0625; 2 vs 8: 2 · (1 + 10 + 45) / 1024 = 0.109375.
    expect(mcnemar(0, 5)).toMatchObject({ method: "exact" });
    expect(mcnemar(0, 5).pValue).toBeCloseTo(0.0625, 10);
    expect(mcnemar(8, 2).pValue).toBeCloseTo(0.109375, 10);
    expect(mcnemar(3, 3).pValue).toBe(1);
    expect(mcnemar(0, 0)).toMatchObject({ method: "none", pValue: 1 });
  });

  it("uses χ² with continuity correction from 25 pairs", () => {
    // (|10 − 30| − 1)² / 40 = 9.025, p = 0.002663 (χ², 1 df).
    const r = mcnemar(10, 30);
    expect(r.method).toBe("chi2");
    expect(r.statistic).toBeCloseTo(9.025, 10);
    expect(r.pValue).toBeCloseTo(0.002663, 5);
    expect(chiSquare1Sf(3.841459)).toBeCloseTo(0.05, 5);
  });

  it("gives the exact binomial p at any size when asked", () => {
    // 2 · P(X ≤ 10 | Binomial(40, ½)) = 0.0022...
    const r = mcnemar(10, 30, { exact: true });
    expect(r.method).toBe("exact");
    expect(r.pValue).toBeCloseTo(0.0022214, 6);
  });
});

describe("mean interval", () => {
  it("gives the mean with a normal 95% interval", () => {
    const { mean, ci } = meanInterval([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(ci[0]).toBeCloseTo(2.5 - 1.96 * Math.sqrt(5 / 3 / 4), 10);
    expect(Number.isNaN(meanInterval([]).mean)).toBe(true);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two, whatever the input order", () => {
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]); // the input is not sorted in place
    expect(() => median([])).toThrow(RangeError);
  });
});
