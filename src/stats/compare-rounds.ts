import { chiSquare1Sf, createRng, mcnemar } from "../core/index.js";
import type { Store } from "../store/index.js";
import { pairedBootstrap, unpairedBootstrap } from "./bootstrap.js";
import type { MetricUnits } from "./metric-units.js";
import { loadRoundData, type MeasuredRound, type RoundDataOptions } from "./round-data.js";
import { roundUnits } from "./round-units.js";

export interface Comparison {
  metric: string;
  against: "previous" | "baseline";
  before: number;
  after: number;
  delta: number;
  /** Bootstrap interval of the delta. */
  deltaLow: number;
  deltaHigh: number;
  /** McNemar exact p-value on paired samples, when the metric is a paired rate. */
  pValue?: number;
  n: number;
  /** True when matched on the same samples (McNemar); false for the unpaired fallback (two-proportion test). */
  paired?: boolean;
}

export interface CompareOptions {
  /** Seeds the bootstrap (each metric draws from its own stream, so adding a metric shifts no other). */
  seed: number;
  /** Bootstrap resamples (default 1000). */
  bootstrap?: number;
  /** What `before` is to `after` (default `previous`). */
  against?: Comparison["against"];
}

export const DEFAULT_BOOTSTRAP = 1000;

/** Two-sided p of the pooled two-proportion z test (the unpaired fallback); 1 when both rates are 0 or 1. */
export function twoProportionP(k1: number, n1: number, k2: number, n2: number): number {
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (k2 / n2 - k1 / n1) / se;
  return chiSquare1Sf(z * z);
}

const ones = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/**
 * Compares one metric across two rounds. Units are paired by key (bench sample id; campaign objective, whose
 * attempts replay from the same seed) when at least half of the smaller round's units match: the delta,
 * its bootstrap interval and McNemar's test are then over the matched units only. Otherwise the rounds
 * measured different samples, and the comparison falls back to unpaired (two-proportion z test). McNemar is
 * the exact binomial test at every size (the χ² approximation is for hand calculation).
 */
export function compareMetric(
  before: MetricUnits,
  after: MetricUnits,
  o: CompareOptions,
): Comparison | undefined {
  const nb = before.units.size;
  const na = after.units.size;
  if (nb === 0 || na === 0) return undefined;
  const against = o.against ?? "previous";
  const resamples = o.bootstrap ?? DEFAULT_BOOTSTRAP;
  const rng = createRng(o.seed).fork(`${against}:${after.name}`);
  const shared = [...after.units.keys()].filter((k) => before.units.has(k)).sort();
  if (shared.length > 0 && shared.length >= Math.min(nb, na) / 2) {
    const xs = shared.map((k) => (before.units.get(k) ? 1 : 0));
    const ys = shared.map((k) => (after.units.get(k) ? 1 : 0));
    let onlyBefore = 0;
    let onlyAfter = 0;
    xs.forEach((x, i) => {
      if (x > (ys[i] as number)) onlyBefore++;
      if (x < (ys[i] as number)) onlyAfter++;
    });
    const b = ones(xs) / shared.length;
    const a = ones(ys) / shared.length;
    const [deltaLow, deltaHigh] = pairedBootstrap(xs, ys, rng, resamples);
    return {
      metric: after.name,
      against,
      before: b,
      after: a,
      delta: a - b,
      deltaLow,
      deltaHigh,
      pValue: mcnemar(onlyBefore, onlyAfter, { exact: true }).pValue,
      n: shared.length,
      paired: true,
    };
  }
  const xs = [...before.units.values()].map((v) => (v ? 1 : 0));
  const ys = [...after.units.values()].map((v) => (v ? 1 : 0));
  const [deltaLow, deltaHigh] = unpairedBootstrap(xs, ys, rng, resamples);
  return {
    metric: after.name,
    against,
    before: ones(xs) / nb,
    after: ones(ys) / na,
    delta: ones(ys) / na - ones(xs) / nb,
    deltaLow,
    deltaHigh,
    pValue: twoProportionP(ones(xs), nb, ones(ys), na),
    n: nb + na,
    paired: false,
  };
}

/** Every metric both rounds measured, compared (see `compareMetric`), in the after round's metric order. */
export function compareUnits(
  before: readonly MetricUnits[],
  after: readonly MetricUnits[],
  o: CompareOptions,
): Comparison[] {
  return after.flatMap((m) => {
    const b = before.find((x) => x.name === m.name);
    const c = b && compareMetric(b, m, o);
    return c ? [c] : [];
  });
}

/**
 * Round-over-round comparison from the store: McNemar on the same samples, seeded percentile-bootstrap
 * intervals of the delta, and an unpaired fallback (marked `paired: false`) when the samples differ.
 */
export function compareRounds(
  store: Store,
  before: MeasuredRound,
  after: MeasuredRound,
  o: CompareOptions & RoundDataOptions,
): Comparison[] {
  return compareUnits(
    roundUnits(loadRoundData(store, before, o)),
    roundUnits(loadRoundData(store, after, o)),
    o,
  );
}
