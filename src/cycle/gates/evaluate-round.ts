import type { Comparison, GateResult, MetricValue } from "../../report/index.js";
import { type CompareOptions, compareUnits, type MetricUnits, metricValues } from "../../stats/index.js";
import { evaluateGates } from "./evaluate-gates.js";
import type { GateConfig } from "./gate-config.js";

/** One round measured and gated: what the gates stage decides on and the report shows. */
export interface RoundEvaluation {
  metrics: Record<string, MetricValue>;
  /** Against the previous round, then against the baseline (none for the baseline itself). */
  comparisons: Comparison[];
  gates: GateResult[];
}

/**
 * A round's metrics, its paired comparisons against the previous round and the baseline (round 0), and its
 * gates. Round 1's previous round is the baseline: it is compared both ways but its no-regression gates run
 * once, against the previous round. The cycle's gates stage and the report both evaluate rounds here, so the
 * recorded verdict and the report's never disagree.
 */
export function evaluateRound(
  config: GateConfig,
  input: {
    round: number;
    current: readonly MetricUnits[];
    /** Absent for the baseline. */
    previous?: readonly MetricUnits[];
    baseline?: readonly MetricUnits[];
  },
  o: Omit<CompareOptions, "against">,
): RoundEvaluation {
  const metrics = metricValues(input.current);
  const compare = (before: readonly MetricUnits[] | undefined, against: Comparison["against"]) =>
    before ? compareUnits(before, input.current, { ...o, against }) : undefined;
  const previous = compare(input.previous, "previous");
  const baseline = compare(input.baseline, "baseline");
  return {
    metrics,
    comparisons: [...(previous ?? []), ...(baseline ?? [])],
    gates: evaluateGates(config, {
      current: metrics,
      ...(input.baseline ? { baselineMetrics: metricValues(input.baseline) } : {}),
      ...(previous ? { previous } : {}),
      ...(baseline && input.round > 1 ? { baseline } : {}),
    }),
  };
}
