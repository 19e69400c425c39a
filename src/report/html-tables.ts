import {
  changeKind,
  comparisonTest,
  formatDelta,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPValue,
  formatSampleCount,
  formatSeconds,
  formatValue,
  gateGrid,
  isRateComparison,
  isRateMetric,
  metricLabel,
  metricNames,
  trainingGrid,
} from "./format.js";
import { html, type SafeHtml } from "./html.js";
import type { CycleReportData } from "./report-data.js";

/** A table with a header row; each row's first cell is its header (`<th scope="row">`). */
export function table(headers: string[], rows: SafeHtml[][], options: { className?: string } = {}): SafeHtml {
  return html`<div class="table-wrap"><table class="${options.className ?? ""}"><thead><tr>${headers.map(
    (h) => html`<th scope="col">${h}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (cells) =>
      html`<tr>${cells.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`,
  )}</tbody></table></div>`;
}

export function empty(text: string): SafeHtml {
  return html`<p class="empty">${text}</p>`;
}

/** Headline metrics: one row per metric, one column per round, each cell the value, interval and n. */
export function metricsTable(data: CycleReportData): SafeHtml {
  const names = metricNames(data);
  if (names.length === 0 || data.rounds.length === 0) return empty("No metrics were recorded.");
  const rows = names.map((name) => {
    const asRate = isRateMetric(data, name);
    return [
      html`${metricLabel(name)}`,
      ...data.rounds.map((r) => {
        const m = r.metrics[name];
        return m
          ? html`<span class="v">${formatValue(m.value, asRate)}</span><span class="n">${formatInterval(m, asRate)}</span><span class="n">${formatSampleCount(m)}</span>`
          : html`<span class="na">—</span>`;
      }),
    ];
  });
  return table(["Metric", ...data.rounds.map((r) => `Round ${r.round}`)], rows, { className: "metrics" });
}

/** Paired comparisons of every round against the previous round and the baseline. */
export function comparisonsTable(data: CycleReportData): SafeHtml {
  const rows = data.rounds.flatMap((r) =>
    r.comparisons.map((c) => {
      const asRate = isRateComparison(data, c);
      const kind = changeKind(c.metric, c.delta);
      const significant = c.pValue !== undefined && c.pValue < 0.05;
      return [
        html`Round ${r.round}`,
        html`${metricLabel(c.metric)}`,
        html`${c.against === "baseline" ? "baseline (R0)" : "previous round"}`,
        html`${formatValue(c.before, asRate)} → ${formatValue(c.after, asRate)}`,
        html`<span class="delta ${kind}">${formatDelta(c.delta, asRate)}</span>`,
        html`[${formatDelta(c.deltaLow, asRate)}, ${formatDelta(c.deltaHigh, asRate)}]`,
        html`<span class="${significant ? "significant" : ""}">${formatPValue(c.pValue)}</span>${c.pValue === undefined ? "" : html`<span class="n">${comparisonTest(c)}</span>`}`,
        html`${c.n}`,
      ];
    }),
  );
  if (rows.length === 0)
    return empty("No paired comparisons (a single round has nothing to compare against).");
  return table(["Round", "Metric", "Against", "Before → after", "Δ", "Δ interval", "p-value", "n"], rows, {
    className: "comparisons",
  });
}

function badge(pass: boolean): SafeHtml {
  return pass ? html`<span class="badge pass">PASS</span>` : html`<span class="badge fail">FAIL</span>`;
}

/**
 * Release gates as a grid: one row per gate, one column per round, each cell the verdict with the actual
 * value and threshold, so a gate's progress reads across a row.
 */
export function gatesTable(data: CycleReportData): SafeHtml {
  const { rounds: gated, names } = gateGrid(data);
  if (gated.length === 0) return empty("No release gates were configured.");
  const rows = names.map((name) => [
    html`${name}`,
    ...gated.map((r) => {
      const g = r.gates.find((x) => x.name === name);
      return g
        ? html`${badge(g.pass)}<span class="n">${formatNumber(g.actual)} vs ${formatNumber(g.threshold)}</span>`
        : html`<span class="na">—</span>`;
    }),
  ]);
  const summary = gated.map((r) => {
    const passed = r.gates.filter((g) => g.pass).length;
    return html`<li>Round ${r.round}: ${passed}/${r.gates.length} gates passed ${badge(passed === r.gates.length)}</li>`;
  });
  return html`<ul class="gate-summary">${summary}</ul>${table(["Gate", ...gated.map((r) => `Round ${r.round}`)], rows, { className: "gates" })}<p class="note">Each cell: the verdict, then the actual value vs the gate's threshold.</p>`;
}

export function calibrationTable(data: CycleReportData): SafeHtml {
  if (data.judgeCalibration.length === 0) return empty("No judge calibration was run for this cycle.");
  const rows = data.judgeCalibration.map((c) => [
    html`${c.judge}`,
    html`${c.dataset}`,
    html`${formatPercent(c.accuracy)}`,
    html`${formatNumber(c.kappa)}`,
    html`${c.n}`,
  ]);
  return table(["Judge", "Human-labelled set", "Accuracy", "Cohen's κ", "n"], rows, {
    className: "calibration",
  });
}

/** Wall time per stage (rows) and round (columns), with totals. */
export function timingsTable(data: CycleReportData): SafeHtml {
  if (data.stageTimings.length === 0) return empty("No stage timings were recorded.");
  const rounds = [...new Set(data.stageTimings.map((t) => t.round))].sort((a, b) => a - b);
  const stages = stageOrder(data);
  const seconds = (stage: string | undefined, round: number) =>
    data.stageTimings
      .filter((t) => t.round === round && (stage === undefined || t.stage === stage))
      .reduce((sum, t) => sum + t.seconds, 0);
  const has = (stage: string, round: number) =>
    data.stageTimings.some((t) => t.round === round && t.stage === stage);
  const rows = stages.map((stage) => [
    html`${stage}`,
    ...rounds.map((r) =>
      has(stage, r) ? html`${formatSeconds(seconds(stage, r))}` : html`<span class="na">—</span>`,
    ),
  ]);
  rows.push([
    html`Total`,
    ...rounds.map((r) => html`<strong>${formatSeconds(seconds(undefined, r))}</strong>`),
  ]);
  const total = data.stageTimings.reduce((sum, t) => sum + t.seconds, 0);
  return html`${table(["Stage", ...rounds.map((r) => `Round ${r}`)], rows, { className: "timings" })}<p class="note">Whole cycle: ${formatSeconds(total)}.</p>`;
}

/** Training summaries of rounds ≥ 1 (examples, pairs, steps, losses), when the cycle recorded them. */
export function trainingTable(data: CycleReportData): SafeHtml | undefined {
  const { rounds: trained, keys } = trainingGrid(data);
  if (trained.length === 0) return undefined;
  const rows = keys.map((k) => [
    html`${k}`,
    ...trained.map((r) => {
      const v = r.training?.[k];
      return v === undefined ? html`<span class="na">—</span>` : html`${formatNumber(v, 4)}`;
    }),
  ]);
  return table(["Training", ...trained.map((r) => `Round ${r.round}`)], rows, { className: "training" });
}

/**
 * Stages in the order they ran: taken from the round that ran the most of them, so a baseline round without
 * curation and training does not push those stages to the bottom.
 */
export function stageOrder(data: CycleReportData): string[] {
  const byRound = new Map<number, string[]>();
  for (const t of data.stageTimings) byRound.set(t.round, [...(byRound.get(t.round) ?? []), t.stage]);
  const rounds = [...byRound.values()].sort((a, b) => b.length - a.length);
  return [...new Set(rounds.flat())];
}
