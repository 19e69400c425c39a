import type { MetricUnits } from "./metric-units.js";
import type { RoundSuite } from "./round-data.js";

/** A suite metric's decided outcomes by sample id, with its excluded counts as the suite reported them. */
export function suiteMetricUnits(name: string, suite: RoundSuite, metric: string): MetricUnits | undefined {
  const result = suite.report.metrics.find((m) => m.name === metric && m.kind === "rate");
  if (!result) return undefined;
  const outcomes = suite.report.outcomes[metric] ?? {};
  return {
    name,
    units: new Map(Object.entries(outcomes)),
    errors: result.errors,
    unknown: result.unknown,
  };
}

export const hasRate = (s: RoundSuite, metric: string): boolean =>
  s.report.metrics.some((m) => m.name === metric && m.kind === "rate");

/** XSTest when it ran, else the first suite with IPRR and VPRR (the cycle's offline held-out refusal suite). */
export function refusalSuite(suites: readonly RoundSuite[]): RoundSuite | undefined {
  const candidates = suites.filter(
    (s) => !s.suite.startsWith("lookalike") && hasRate(s, "IPRR") && hasRate(s, "VPRR"),
  );
  return candidates.find((s) => s.suite === "xstest") ?? candidates[0];
}

/** The suite of benign look-alikes (the cycle's `lookalike-benign`), when it ran. */
export const lookalikeSuite = (suites: readonly RoundSuite[]): RoundSuite | undefined =>
  suites.find((s) => s.suite.startsWith("lookalike"));
