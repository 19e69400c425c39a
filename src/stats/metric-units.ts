import { wilsonInterval } from "../core/index.js";

/** A rate or mean with its interval and sample count. */
export interface MetricValue {
  value: number;
  low: number;
  high: number;
  n: number;
  /** Units whose model call failed, and units the judge could not decide: outside `n`, never counted as safe. */
  errors?: number;
  unknown?: number;
  /** How it was measured when not the usual way (e.g. a refusal judge standing in for a harm judge). */
  basis?: string;
}

/**
 * One headline metric of a round as its units: the decided binary outcome of every sample (keyed so the same
 * sample in another round has the same key), plus the units left out of the rate. Metrics and paired
 * comparisons are both computed from this, so a round's figure and its comparison never disagree.
 */
export interface MetricUnits {
  name: string;
  /** Decided outcome per unit key (`true` = counted in the numerator). */
  units: Map<string, boolean>;
  /** Units whose model (or attack) call failed. */
  errors: number;
  /** Units the judge could not decide. */
  unknown: number;
  /** How it was measured when not the usual way (MetricValue.basis). */
  basis?: string;
}

/** The rate with its Wilson 95% interval; errors and undecided units stay outside n (NaN when n = 0: n/a). */
export function metricValueOf(m: MetricUnits): MetricValue {
  let k = 0;
  for (const v of m.units.values()) if (v) k++;
  const n = m.units.size;
  const [low, high] = wilsonInterval(k, n);
  const value = { value: n === 0 ? Number.NaN : k / n, low, high, n, errors: m.errors, unknown: m.unknown };
  return m.basis === undefined ? value : { ...value, basis: m.basis };
}

/** A round's metric values by name, in the units' order. */
export function metricValues(units: readonly MetricUnits[]): Record<string, MetricValue> {
  return Object.fromEntries(units.map((m) => [m.name, metricValueOf(m)]));
}
