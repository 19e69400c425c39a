import type { Rng } from "../core/index.js";

/** Linear-interpolation quantile (R's type 7) of an ascending list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Percentile 95% interval of resampled statistics. */
function interval(stats: number[]): [number, number] {
  stats.sort((a, b) => a - b);
  return [quantile(stats, 0.025), quantile(stats, 0.975)];
}

/**
 * Bootstrap interval of mean(after) − mean(before) over paired units: pairs are resampled together, so the
 * interval keeps the pairing's smaller variance.
 */
export function pairedBootstrap(
  before: readonly number[],
  after: readonly number[],
  rng: Rng,
  resamples: number,
): [number, number] {
  const n = before.length;
  if (n === 0 || n !== after.length) return [Number.NaN, Number.NaN];
  const diffs = before.map((b, i) => (after[i] as number) - b);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[rng.int(n)] as number;
    stats.push(s / n);
  }
  return interval(stats);
}

/** Bootstrap interval of mean(after) − mean(before) for two independent samples, each resampled on its own. */
export function unpairedBootstrap(
  before: readonly number[],
  after: readonly number[],
  rng: Rng,
  resamples: number,
): [number, number] {
  if (before.length === 0 || after.length === 0) return [Number.NaN, Number.NaN];
  const draw = (xs: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[rng.int(xs.length)] as number;
    return s / xs.length;
  };
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) stats.push(draw(after) - draw(before));
  return interval(stats);
}
