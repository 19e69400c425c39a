import { escapeText } from "../core/index.js";
import type { MetricDelta } from "./compare.js";
import type { MetricResult } from "./compute-metrics.js";
import type { RunReport } from "./run-report.js";

const pct = (x: number): string => (Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(1)}%`);
const num = (x: number): string => (Number.isNaN(x) ? "n/a" : x.toFixed(3));

function valueText(m: MetricResult): string {
  // Measured on nothing: no value and no interval (the interval would be the whole range).
  if (m.n === 0) return `n/a  ${m.kind === "rate" ? "0/0" : "n=0"}`;
  if (m.kind === "rate") return `${pct(m.rate)} [${pct(m.ci[0])}, ${pct(m.ci[1])}]  ${m.k}/${m.n}`;
  return `${num(m.mean)} [${num(m.ci[0])}, ${num(m.ci[1])}]  n=${m.n}`;
}

function excluded(m: MetricResult): string {
  const parts = [m.unknown ? `${m.unknown} unknown` : "", m.errors ? `${m.errors} errors` : ""].filter(
    Boolean,
  );
  return parts.length ? `  (${parts.join(", ")} excluded)` : "";
}

/** The human form of `bench show`: headline metrics with 95% intervals and n, then the breakdowns. */
export function formatRunReport(r: RunReport, options: { breakdowns?: boolean } = {}): string {
  const lines = [`run ${r.runId}  model ${r.model}  status ${r.status}`];
  for (const s of r.suites) {
    lines.push("", `${s.suite} — ${s.description}`);
    lines.push(
      `  judge ${s.judge.id} (${s.judge.scoreId}@${s.judge.version})  items ${s.items.done} done, ${s.items.failed} failed, ${s.items.pending} pending`,
    );
    for (const f of s.failures ?? []) {
      // Reasons and examples quote provider error bodies: shown, never obeyed by the terminal.
      const reason = escapeText(f.reason, { oneLine: true });
      const example = f.example ? `, e.g. ${escapeText(f.example, { oneLine: true })}` : "";
      lines.push(`  failed: ${f.count} × ${reason}${example}`);
    }
    const width = Math.max(...s.metrics.map((m) => m.name.length), 8);
    for (const m of s.metrics) {
      lines.push(`  ${m.name.padEnd(width)}  ${valueText(m)}${excluded(m)}  (${m.better} is better)`);
    }
    if (options.breakdowns !== false) {
      for (const b of s.breakdowns) {
        if (b.rows.length === 0) continue;
        lines.push(`  by ${b.by}:`);
        for (const row of b.rows) {
          const cells = row.metrics.map((m) => `${m.name} ${valueText(m)}${excluded(m)}`);
          lines.push(`    ${row.key.padEnd(24)} ${cells.join("; ")}`);
        }
      }
    }
    if (s.metrics.some((m) => m.unknown || m.errors)) {
      lines.push(
        "  note: unknown verdicts and failed calls are excluded from rates and means, never counted as safe",
      );
    }
  }
  return lines.join("\n");
}

/** The human form of `bench compare`. */
export function formatComparison(aId: string, bId: string, deltas: readonly MetricDelta[]): string {
  const lines = [`A = ${aId}   B = ${bId}   (McNemar on paired samples; exact below 25 discordant pairs)`];
  for (const d of deltas) {
    const show = d.kind === "rate" ? pct : num;
    const delta =
      d.kind === "rate"
        ? `${d.delta >= 0 ? "+" : ""}${(100 * d.delta).toFixed(1)} pt`
        : `${d.delta >= 0 ? "+" : ""}${num(d.delta)}`;
    const test = d.test
      ? `p=${d.test.pValue < 0.001 ? d.test.pValue.toExponential(1) : d.test.pValue.toFixed(3)} (${d.test.method}, b=${d.test.b} c=${d.test.c}, ${d.paired} paired)`
      : "no paired test";
    lines.push(
      `${`${d.suite} ${d.metric}`.padEnd(40)} ${show(d.a)} → ${show(d.b)}  ${delta.padEnd(9)} ${test}  ${d.verdict}`,
    );
    if (d.judgeDiffers) {
      lines.push(
        `  ! judged by ${d.judgeDiffers.a} in A and ${d.judgeDiffers.b} in B: the delta mixes model and judge`,
      );
    }
  }
  return lines.join("\n");
}
