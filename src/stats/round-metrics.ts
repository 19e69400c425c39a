import type { Store } from "../store/index.js";
import { type MetricValue, metricValues } from "./metric-units.js";
import { loadRoundData, type MeasuredRound, type RoundDataOptions } from "./round-data.js";
import { roundUnits } from "./round-units.js";

/**
 * The headline metrics of a round from its stored runs, each a rate with its Wilson 95% interval and n.
 * Failed calls and undecided verdicts are left out of n and counted in `errors` / `unknown`; a metric whose
 * units all failed has n = 0 (gates fail it: nothing measured is never safe).
 */
export function computeRoundMetrics(
  store: Store,
  round: MeasuredRound,
  o: RoundDataOptions = {},
): Record<string, MetricValue> {
  return metricValues(roundUnits(loadRoundData(store, round, o)));
}
