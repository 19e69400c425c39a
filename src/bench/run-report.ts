import { BreakfixError } from "../core/index.js";
import type { ItemCounts, Store, StoredScore } from "../store/index.js";
import { computeSuiteMetrics, type SuiteMetrics } from "./compute-metrics.js";
import { degenerateMetric, type ItemRecord, type TurnRecord } from "./metric-spec.js";
import type { BenchRunConfig } from "./runner.js";
import type { BenchItem } from "./suite.js";
import type { SuiteRegistry } from "./suite-registry.js";

export interface SuiteReport extends SuiteMetrics {
  suite: string;
  description: string;
  /** The judge id as given, and the id/version its verdicts are stored under. */
  judge: { id: string; scoreId: string; version: string };
  judgeNote?: string;
  items: ItemCounts;
  /** Why items failed, grouped by the kind of failure (`model call failed (bad_request)`), with one example. */
  failures?: { reason: string; count: number; example: string }[];
}

export interface RunReport {
  runId: string;
  status: string;
  model: string;
  simulator: string;
  createdAt: string;
  suites: SuiteReport[];
}

/** Recomputes a bench run's metrics from what the store holds (items, generations, verdicts). */
export function buildRunReport(store: Store, runId: string, registry: SuiteRegistry): RunReport {
  const run = store.runs.require(runId);
  if (run.kind !== "bench") {
    throw new BreakfixError("USAGE", `run ${runId} is a ${run.kind} run, not a bench run`, {
      fix: "pass the id of a run made by `breakfix bench run` (see `breakfix db runs`)",
    });
  }
  const config = run.config as unknown as BenchRunConfig;
  // A retried item is reported by its last attempt.
  const generations = store.generations.outcomes(runId);
  const lastAttempt = new Map<string, number>();
  for (const g of generations) lastAttempt.set(g.itemId, Math.max(lastAttempt.get(g.itemId) ?? 0, g.attempt));
  const turnsByItem = new Map<string, TurnRecord[]>();
  for (const g of generations) {
    if (g.attempt !== lastAttempt.get(g.itemId)) continue;
    const turns = turnsByItem.get(g.itemId) ?? [];
    turns.push({
      turn: g.turn,
      status: g.status,
      text: g.text,
      error: g.error ? `${g.error.kind}: ${g.error.message}` : undefined,
    });
    turnsByItem.set(g.itemId, turns);
  }
  const scores = new Map<string, StoredScore>();
  for (const s of store.scores.list(runId))
    scores.set(`${s.itemId}#${s.attempt}#${s.turn}#${s.judgeId}#${s.judgeVersion}`, s);
  const records = store.items.list<BenchItem>(runId).map((i): ItemRecord => {
    const item = i.payload as BenchItem;
    const judge = config.judges[item.suite];
    return {
      itemId: i.itemId,
      item,
      status: i.status,
      error: i.error,
      turns: (turnsByItem.get(i.itemId) ?? [])
        .sort((a, b) => a.turn - b.turn)
        .map((t) => ({
          ...t,
          score: scores.get(
            `${i.itemId}#${lastAttempt.get(i.itemId)}#${t.turn}#${judge?.scoreId}#${judge?.version}`,
          ),
        })),
    };
  });
  return reportFromRecords({ runId, ...run }, config, records, registry);
}

/**
 * The report over item records, however they were gathered: read back from the store (`buildRunReport`),
 * or kept in memory by a fresh run that wrote the same results (the runner, sparing the read-back).
 */
export function reportFromRecords(
  run: { runId: string; status: string; createdAt: string },
  config: BenchRunConfig,
  records: readonly ItemRecord[],
  registry: SuiteRegistry,
): RunReport {
  const suites = config.suites.map((suiteId): SuiteReport => {
    const suite = registry.get(suiteId);
    const judge = config.judges[suiteId]!;
    const ofSuite = records.filter((r) => r.item.suite === suiteId);
    // Pending items have no result yet: they are counted in `items`, not in any rate.
    const finished = ofSuite.filter((r) => r.status !== "pending");
    const counts: ItemCounts = { total: ofSuite.length, pending: 0, done: 0, failed: 0 };
    for (const r of ofSuite) counts[r.status]++;
    return {
      suite: suiteId,
      description: suite.description,
      judge: { id: judge.id, scoreId: judge.scoreId, version: judge.version },
      judgeNote: suite.judgeNote,
      items: counts,
      failures: failureGroups(ofSuite),
      ...computeSuiteMetrics(
        [...suite.metrics({ id: judge.scoreId, gradesSeverity: judge.gradesSeverity }), degenerateMetric],
        finished,
      ),
    };
  });
  return {
    runId: run.runId,
    status: run.status,
    model: config.model,
    simulator: config.simulator,
    createdAt: run.createdAt,
    suites,
  };
}

/** Failed items grouped by what failed (the text before the first ": "), largest group first. */
function failureGroups(records: readonly ItemRecord[]): SuiteReport["failures"] {
  const groups = new Map<string, { reason: string; count: number; example: string }>();
  for (const r of records) {
    if (r.status !== "failed") continue;
    const error = r.error ?? "no reason recorded";
    const cut = error.indexOf(": ");
    const reason = cut < 0 ? error : error.slice(0, cut);
    const group = groups.get(reason) ?? { reason, count: 0, example: cut < 0 ? "" : error.slice(cut + 2) };
    group.count++;
    groups.set(reason, group);
  }
  return groups.size ? [...groups.values()].sort((a, b) => b.count - a.count) : undefined;
}

/** The headline numbers stored as the run's summary. */
export function reportHeadline(report: RunReport): Record<string, unknown> {
  return Object.fromEntries(
    report.suites.map((s) => [
      s.suite,
      Object.fromEntries(s.metrics.map((m) => [m.name, m.kind === "rate" ? m.rate : m.mean])),
    ]),
  );
}

/** The report without the per-sample outcome maps (they are for `compare`, and large). */
export const withoutOutcomes = (r: RunReport) => ({
  ...r,
  suites: r.suites.map(({ outcomes: _o, ...s }) => s),
});

/** Item counts over every suite of a run, and the most common failure reason. */
export function reportItemTotals(r: RunReport) {
  const items = { total: 0, done: 0, failed: 0, pending: 0 };
  const reasons = new Map<string, number>();
  for (const s of r.suites) {
    for (const k of ["total", "done", "failed", "pending"] as const) items[k] += s.items[k];
    for (const f of s.failures ?? []) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + f.count);
  }
  const reason = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { items, reason };
}
