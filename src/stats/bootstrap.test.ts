import { describe, expect, it } from "vitest";
import { createRng } from "../core/index.js";
import { pairedBootstrap, quantile, unpairedBootstrap } from "./bootstrap.js";

const bits = (ones: number, zeros: number): number[] => [...Array(ones).fill(1), ...Array(zeros).fill(0)];

describe("bootstrap", () => {
  it("quantile interpolates linearly between order statistics (R type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([0, 10], 0.975)).toBeCloseTo(9.75);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("a paired bootstrap of 200 pairs (30 got worse, 10 better) matches the normal interval", () => {
    // before: the first 30 units had the outcome and lost it; units 30..39 gained it; the rest never had it.
    const before = [...bits(30, 0), ...bits(0, 10), ...bits(0, 160)];
    const after = [...bits(0, 30), ...bits(10, 0), ...bits(0, 160)];
    const [low, high] = pairedBootstrap(before, after, createRng(1), 4000);
    // Delta −0.10, SE sqrt((b+c)/n² − (b−c)²/n³) = 0.0308 → normal 95% interval [−0.160, −0.040].
    expect(low).toBeCloseTo(-0.16, 1);
    expect(high).toBeCloseTo(-0.04, 1);
    expect(Math.abs(low + 0.1604)).toBeLessThan(0.012);
    expect(Math.abs(high + 0.0396)).toBeLessThan(0.012);
  });

  it("is deterministic for a seed, and collapses to the delta when every pair moved alike", () => {
    const before = bits(5, 5);
    const after = bits(2, 8);
    expect(pairedBootstrap(before, after, createRng(7), 500)).toEqual(
      pairedBootstrap(before, after, createRng(7), 500),
    );
    expect(pairedBootstrap(bits(0, 6), bits(6, 0), createRng(1), 200)).toEqual([1, 1]);
    expect(pairedBootstrap(bits(3, 3), bits(3, 3), createRng(1), 200)).toEqual([0, 0]);
  });

  it("an unpaired bootstrap brackets the difference of the two rates", () => {
    const [low, high] = unpairedBootstrap(bits(20, 80), bits(40, 60), createRng(3), 2000);
    // Delta 0.20, SE sqrt(.2·.8/100 + .4·.6/100) = 0.0632 → about [0.076, 0.324].
    expect(Math.abs(low - 0.076)).toBeLessThan(0.02);
    expect(Math.abs(high - 0.324)).toBeLessThan(0.02);
    expect(unpairedBootstrap([], [1], createRng(1), 10)).toEqual([Number.NaN, Number.NaN]);
  });
});
