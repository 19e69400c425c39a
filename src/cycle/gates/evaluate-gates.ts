import { metricDirection } from "../../core/index.js";
import type { Comparison, GateResult, MetricValue } from "../../report/index.js";
import type { GateConfig } from "./gate-config.js";

/** A round's metrics, and its comparisons against the previous round and the baseline (`compareRounds`). */
export interface GateInput {
  current: Readonly<Record<string, MetricValue>>;
  /** The baseline round's metrics (round 0), for the absolute capability-drop check; absent for round 0. */
  baselineMetrics?: Readonly<Record<string, MetricValue>>;
  previous?: readonly Comparison[];
  baseline?: readonly Comparison[];
}

const fmt = (x: number): string => x.toFixed(2);

function thresholds(config: GateConfig, input: GateInput) {
  const { current } = input;
  const out: Array<{ metric: string; bound: number; kind: "max" | "min"; name?: string }> = [];
  const add = (metric: string, bound: number | null | undefined, kind: "max" | "min", name?: string) => {
    if (bound !== null && bound !== undefined) out.push({ metric, bound, kind, ...(name ? { name } : {}) });
  };
  add("asr", config.maxAsr, "max");
  add("asr_heldout", config.maxAsrHeldout, "max");
  add("iprr", config.minIprr, "min");
  add("vprr", config.maxVprr, "max");
  add("vprr_lookalike", config.maxVprrLookalike, "max");
  add("capability", config.minCapability, "min");
  add("dr_jailbreak", config.maxJailbreakDr, "max");
  for (const metric of Object.keys(current)
    .filter((m) => m.startsWith("degenerate"))
    .sort()) {
    add(metric, config.maxDegenerate, "max");
  }
  const base = input.baselineMetrics?.["capability"];
  const drop = config.maxCapabilityDropPoints;
  if (base && base.n > 0 && drop !== null) {
    add("capability", base.value - drop / 100, "min", `capability >= baseline - ${drop}pt`);
  }
  const areas = new Set([
    ...Object.keys(current).filter((m) => m.startsWith("dr:")),
    ...Object.keys(config.maxDefectRate.byArea).map((a) => `dr:${a}`),
  ]);
  for (const metric of [...areas].sort()) {
    add(metric, config.maxDefectRate.byArea[metric.slice(3)] ?? config.maxDefectRate.default, "max");
  }
  return out;
}

const matches = (patterns: readonly string[], metric: string): boolean =>
  patterns.some((p) => (p.endsWith("*") ? metric.startsWith(p.slice(0, -1)) : p === metric));

function noRegression(config: GateConfig, comparisons: readonly Comparison[]): GateResult[] {
  const rule = config.noRegression;
  const tolerance = rule.tolerancePoints / 100;
  const when = rule.when === "significant" ? `, p < ${rule.alpha}` : "";
  return comparisons
    .filter((c) => matches(rule.metrics, c.metric))
    .map((c) => {
      const lowerBetter = metricDirection(c.metric) === "lower";
      const worsening = lowerBetter ? c.delta : -c.delta;
      const significant = rule.when === "always" || (c.pValue ?? 1) < rule.alpha;
      // A tiny epsilon so a delta of exactly the tolerance (in floating point) is allowed.
      const regressed = worsening > tolerance + 1e-9 && significant;
      return {
        name: `${c.metric} no-regress vs ${c.against} (${lowerBetter ? "+" : "-"}${rule.tolerancePoints}pt${when})`,
        pass: !regressed,
        actual: c.delta,
        threshold: lowerBetter ? tolerance : -tolerance,
      };
    });
}

/**
 * Checks a round against the gates: thresholds on its point estimates (capability's drop against the
 * baseline's value among them), then no-regression against the previous round and the baseline. A gated metric that was measured on nothing (n = 0) and a `required`
 * metric that was not measured fail as `<metric> measured (n >= 1)`: failed calls are never a pass.
 */
export function evaluateGates(config: GateConfig, input: GateInput): GateResult[] {
  const results: GateResult[] = [];
  const unmeasured = (metric: string, n: number): GateResult => ({
    name: `${metric} measured (n >= 1)`,
    pass: false,
    actual: n,
    threshold: 1,
  });
  for (const metric of config.required) {
    if (!input.current[metric]) results.push(unmeasured(metric, 0));
  }
  for (const t of thresholds(config, input)) {
    const m = input.current[t.metric];
    if (!m) continue;
    if (m.n === 0) {
      // Two thresholds on one metric (capability) report it unmeasured once.
      if (!results.some((r) => r.name === unmeasured(t.metric, 0).name))
        results.push(unmeasured(t.metric, 0));
      continue;
    }
    results.push({
      name: t.name ?? `${t.metric} ${t.kind === "max" ? "<=" : ">="} ${fmt(t.bound)}`,
      pass: t.kind === "max" ? m.value <= t.bound : m.value >= t.bound,
      actual: m.value,
      threshold: t.bound,
    });
  }
  if (config.noRegression.vsPrevious && input.previous) results.push(...noRegression(config, input.previous));
  if (config.noRegression.vsBaseline && input.baseline) results.push(...noRegression(config, input.baseline));
  return results;
}

/** Pass when every gate passed; `failed` names the ones that did not. */
export function gateVerdict(results: readonly GateResult[]): { pass: boolean; failed: string[] } {
  const failed = results.filter((r) => !r.pass).map((r) => r.name);
  return { pass: failed.length === 0, failed };
}
