import { meanInterval, wilsonInterval } from "../core/index.js";
import type { ItemRecord, MetricSpec, Outcome, RateSpec, TurnRecord } from "./metric-spec.js";

interface ResultCommon {
  name: string;
  description: string;
  better: "lower" | "higher";
  /** Units counted (decided yes/no, or with a value). */
  n: number;
  /** Units whose judge could not decide: reported, never counted as safe or refused. */
  unknown: number;
  /** Units whose model (or simulator) call failed. */
  errors: number;
  /** Why the numbers exclude some units, when they do. */
  note?: string;
}

export interface RateResult extends ResultCommon {
  kind: "rate";
  k: number;
  rate: number;
  /** Wilson 95% interval. */
  ci: [number, number];
}

export interface MeanResult extends ResultCommon {
  kind: "mean";
  mean: number;
  /** Normal-approximation 95% interval. */
  ci: [number, number];
}

export type MetricResult = RateResult | MeanResult;

export interface BreakdownRow {
  key: string;
  metrics: MetricResult[];
}

export interface Breakdown {
  by: string;
  rows: BreakdownRow[];
}

export interface SuiteMetrics {
  metrics: MetricResult[];
  breakdowns: Breakdown[];
  /** Per metric, the decided outcome of each unit (sample id, `#turn` for per-turn units): McNemar pairs these. */
  outcomes: Record<string, Record<string, boolean>>;
}

interface Unit {
  key: string;
  record: ItemRecord;
  turn?: TurnRecord;
}

function unitsOf(spec: MetricSpec, records: readonly ItemRecord[]): Unit[] {
  const inPopulation = records.filter((r) => spec.population(r.item));
  if (spec.kind === "rate" && spec.unit === "turn") {
    return inPopulation.flatMap((r) =>
      r.turns.map((t) => ({ key: `${r.item.sampleId}#${t.turn + 1}`, record: r, turn: t })),
    );
  }
  return inPopulation.map((r) => ({ key: r.item.sampleId, record: r }));
}

function exclusionNote(unknown: number, errors: number): string | undefined {
  const parts: string[] = [];
  if (unknown > 0) parts.push(`${unknown} undecided by the judge`);
  if (errors > 0) parts.push(`${errors} failed calls`);
  return parts.length ? `${parts.join(" and ")} excluded from the rate` : undefined;
}

function rateOf(spec: RateSpec, units: readonly Unit[], outcomes?: Record<string, boolean>): RateResult {
  let k = 0;
  let n = 0;
  let unknown = 0;
  let errors = 0;
  for (const u of units) {
    const o: Outcome = spec.outcome(u.record, u.turn);
    if (o === "yes" || o === "no") {
      n++;
      if (o === "yes") k++;
      if (outcomes) outcomes[u.key] = o === "yes";
    } else if (o === "unknown") unknown++;
    else errors++;
  }
  return {
    kind: "rate",
    name: spec.name,
    description: spec.description,
    better: spec.better,
    k,
    n,
    rate: n === 0 ? Number.NaN : k / n,
    ci: wilsonInterval(k, n),
    unknown,
    errors,
    note: exclusionNote(unknown, errors),
  };
}

function resultOf(
  spec: MetricSpec,
  units: readonly Unit[],
  outcomes?: Record<string, boolean>,
): MetricResult {
  if (spec.kind === "rate") return rateOf(spec, units, outcomes);
  const values: number[] = [];
  let unknown = 0;
  let errors = 0;
  for (const u of units) {
    const v = spec.value(u.record);
    if (typeof v === "number") values.push(v);
    else if (v === "unknown") unknown++;
    else errors++;
  }
  const { mean, ci: raw } = meanInterval(values);
  const ci: [number, number] = spec.range
    ? [Math.max(spec.range[0], raw[0]), Math.min(spec.range[1], raw[1])]
    : raw;
  return {
    kind: "mean",
    name: spec.name,
    description: spec.description,
    better: spec.better,
    mean,
    ci,
    n: values.length,
    unknown,
    errors,
    note: exclusionNote(unknown, errors)?.replace("the rate", "the mean"),
  };
}

function groupKey(unit: Unit, by: string): string | undefined {
  if (by === "turn") return unit.turn ? String(unit.turn.turn + 1) : undefined;
  if (by === "harmArea") return unit.record.item.harmArea ?? "(none)";
  if (by === "language") return unit.record.item.language ?? "(none)";
  return unit.record.item.groups[by];
}

/** Headline metrics, breakdowns and paired outcomes of one suite's stored items. */
export function computeSuiteMetrics(
  specs: readonly MetricSpec[],
  records: readonly ItemRecord[],
): SuiteMetrics {
  const outcomes: Record<string, Record<string, boolean>> = {};
  const metrics = specs.map((spec) => {
    const o: Record<string, boolean> = {};
    outcomes[spec.name] = o;
    return resultOf(spec, unitsOf(spec, records), o);
  });
  const dimensions = [...new Set(specs.flatMap((s) => s.breakdowns))];
  const breakdowns = dimensions.map((by) => {
    const rows = new Map<string, MetricResult[]>();
    for (const spec of specs.filter((s) => s.breakdowns.includes(by))) {
      const groups = new Map<string, Unit[]>();
      for (const u of unitsOf(spec, records)) {
        const key = groupKey(u, by);
        if (key === undefined) continue;
        const list = groups.get(key);
        if (list) list.push(u);
        else groups.set(key, [u]);
      }
      for (const [key, units] of groups) {
        const row = rows.get(key);
        if (row) row.push(resultOf(spec, units));
        else rows.set(key, [resultOf(spec, units)]);
      }
    }
    const sorted = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
    return { by, rows: sorted.map(([key, metrics]) => ({ key, metrics })) };
  });
  return { metrics, breakdowns, outcomes };
}
