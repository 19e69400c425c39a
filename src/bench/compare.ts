import { type McNemarResult, mcnemar } from "../core/index.js";
import type { RateResult } from "./compute-metrics.js";
import type { RunReport } from "./run-report.js";

export interface MetricDelta {
  suite: string;
  metric: string;
  kind: "rate" | "mean";
  better: "lower" | "higher";
  a: number;
  b: number;
  /** b − a. */
  delta: number;
  nA: number;
  nB: number;
  /** Samples decided in both runs (rates only). */
  paired?: number;
  /** McNemar on the paired samples (rates only). */
  test?: McNemarResult;
  significant?: boolean;
  /** Set when the two runs judged this suite differently: the delta then mixes model and judge. */
  judgeDiffers?: { a: string; b: string };
  /** `improved` or `regressed` by the metric's direction when significant. */
  verdict: "improved" | "regressed" | "no significant change" | "not tested";
}

/** Per-metric deltas between two bench runs, with McNemar on samples decided in both (rates). */
export function compareReports(a: RunReport, b: RunReport, alpha = 0.05): MetricDelta[] {
  const out: MetricDelta[] = [];
  for (const sa of a.suites) {
    const sb = b.suites.find((s) => s.suite === sa.suite);
    if (!sb) continue;
    for (const ma of sa.metrics) {
      const mb = sb.metrics.find((m) => m.name === ma.name);
      if (!mb || mb.kind !== ma.kind) continue;
      const va = ma.kind === "rate" ? ma.rate : ma.mean;
      const vb = mb.kind === "rate" ? (mb as RateResult).rate : mb.mean;
      const row: MetricDelta = {
        suite: sa.suite,
        metric: ma.name,
        kind: ma.kind,
        better: ma.better,
        a: va,
        b: vb,
        delta: vb - va,
        nA: ma.n,
        nB: mb.n,
        verdict: "not tested",
      };
      const ja = `${sa.judge.scoreId}@${sa.judge.version}`;
      const jb = `${sb.judge.scoreId}@${sb.judge.version}`;
      if (ja !== jb) row.judgeDiffers = { a: ja, b: jb };
      if (ma.kind === "rate") {
        const oa = sa.outcomes[ma.name] ?? {};
        const ob = sb.outcomes[ma.name] ?? {};
        let onlyA = 0;
        let onlyB = 0;
        let paired = 0;
        for (const [key, ya] of Object.entries(oa)) {
          const yb = ob[key];
          if (yb === undefined) continue;
          paired++;
          if (ya && !yb) onlyA++;
          if (!ya && yb) onlyB++;
        }
        const test = mcnemar(onlyA, onlyB);
        const significant = test.pValue < alpha;
        const up = onlyB > onlyA;
        row.paired = paired;
        row.test = test;
        row.significant = significant;
        row.verdict = !significant
          ? "no significant change"
          : up === (ma.better === "higher")
            ? "improved"
            : "regressed";
      }
      out.push(row);
    }
  }
  return out;
}
