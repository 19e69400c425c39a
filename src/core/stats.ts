/** Wilson score interval for k successes in n trials (z = 1.96 → 95%). n = 0 gives [0, 1]. */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface McNemarResult {
  /** Pairs where only A had the outcome. */
  b: number;
  /** Pairs where only B had the outcome. */
  c: number;
  /** Exact two-sided binomial test when b + c < 25, else χ² with continuity correction (1 df). */
  method: "exact" | "chi2" | "none";
  statistic?: number;
  pValue: number;
}

/**
 * McNemar's test on the discordant pairs of two paired binary outcomes: exact below 25 discordant pairs, χ²
 * above, unless `exact` asks for the exact binomial test at any size.
 */
export function mcnemar(b: number, c: number, options: { exact?: boolean } = {}): McNemarResult {
  const n = b + c;
  if (n === 0) return { b, c, method: "none", pValue: 1 };
  if (n < 25 || options.exact) {
    // Two-sided exact: P(X ≤ min(b, c)) under Binomial(n, 1/2), doubled and capped at 1.
    const lo = Math.min(b, c);
    let tail = 0;
    for (let i = 0; i <= lo; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
    return { b, c, method: "exact", pValue: Math.min(1, 2 * tail) };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, method: "chi2", statistic, pValue: chiSquare1Sf(statistic) };
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** Survival function of χ² with 1 degree of freedom: P(X > x) = erfc(sqrt(x / 2)). */
export function chiSquare1Sf(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Mean with a normal-approximation 95% interval. */
export function meanInterval(values: readonly number[]): { mean: number; ci: [number, number] } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN] };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci: [mean, mean] };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, ci: [mean - half, mean + half] };
}

/** The median of a non-empty list (mean of the middle two for an even length). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Which way is better for a cycle metric: higher for the refusal rate on harmful prompts (`iprr`), coherent
 * refusals of attacks (`refused:…`), coherent help on benign prompts (`helpful…`) and capability; lower for
 * everything else the cycle measures (attack success `asr…`, over-refusal `vprr…`, defect rates `dr…`,
 * degenerate replies `degenerate…`). The gates and the report both judge a change by this one rule.
 */
export function metricDirection(name: string): "lower" | "higher" {
  const higher =
    name === "iprr" || name === "capability" || name.startsWith("refused:") || name.startsWith("helpful");
  return higher ? "higher" : "lower";
}
