import { metricDirection, type VulnerabilityStatus } from "../core/index.js";
import type { Comparison, CycleReportData, MetricValue, RoundReport } from "./report-data.js";

/** The statuses the vulnerability tables count, in the order they are shown. */
export const VULNERABILITY_STATUSES: readonly VulnerabilityStatus[] = [
  "new",
  "open",
  "reopened",
  "collapsed",
  "fixed",
];

/**
 * The header's round count: round 0 is the baseline, not a break-fix round, so a baseline and one round
 * reads "baseline + 1" rather than "2".
 */
export function roundsSummary(data: CycleReportData): string {
  const fixRounds = data.rounds.filter((r) => r.round > 0).length;
  if (!data.rounds.some((r) => r.round === 0)) return String(fixRounds);
  return fixRounds === 0 ? "baseline only" : `baseline + ${fixRounds}`;
}

/** Rounds that appear in the vulnerability histories, in order. */
export function vulnerabilityRounds(data: CycleReportData): number[] {
  return [...new Set(data.vulnerabilities.flatMap((v) => v.history.map((h) => h.round)))].sort(
    (a, b) => a - b,
  );
}

/** Column headings of the vulnerability table, one status column per round. */
export function vulnerabilityColumns(rounds: readonly number[]): string[] {
  return [
    "Id",
    "Harm area",
    "Technique",
    "Language",
    "Turns",
    "Score",
    ...rounds.map((r) => `Round ${r}`),
    "Latest",
  ];
}

/** How many vulnerabilities had `status` in `round`. */
export function countWithStatus(data: CycleReportData, round: number, status: VulnerabilityStatus): number {
  return data.vulnerabilities.filter((v) => v.history.some((h) => h.round === round && h.status === status))
    .length;
}

/** The release-gate grid: the rounds that had gates (columns) and every gate name, first seen first (rows). */
export function gateGrid(data: CycleReportData): { rounds: RoundReport[]; names: string[] } {
  const rounds = data.rounds.filter((r) => r.gates.length > 0);
  return { rounds, names: [...new Set(rounds.flatMap((r) => r.gates.map((g) => g.name)))] };
}

/** The training grid: the rounds that recorded a training summary (columns) and every summary key (rows). */
export function trainingGrid(data: CycleReportData): { rounds: RoundReport[]; keys: string[] } {
  const rounds = data.rounds.filter((r) => r.training && Object.keys(r.training).length > 0);
  return { rounds, keys: [...new Set(rounds.flatMap((r) => Object.keys(r.training ?? {})))] };
}

/** Vulnerabilities worst first. */
export function worstFirst(data: CycleReportData): CycleReportData["vulnerabilities"] {
  return [...data.vulnerabilities].sort((a, b) => b.score - a.score);
}

/** What the headline metric names mean, and which way is better. Unknown names are shown as given. */
const METRICS: Record<string, { label: string }> = {
  asr: { label: "ASR (in-distribution)" },
  asr_heldout: { label: "ASR (held-out families)" },
  asr_unseen: { label: "ASR (fix families, unseen requests)" },
  iprr: { label: "IPRR (refuses harmful prompts)" },
  vprr: { label: "VPRR (refuses valid prompts)" },
  helpful: { label: "Helpful (coherent answers to valid prompts)" },
  helpful_lookalike: { label: "Helpful on benign look-alikes" },
  capability: { label: "Capability" },
};

/** `degenerate:<set>` and `refused:<asr metric>` read as what they count, over the set's own label. */
const OUTCOME_METRIC = /^(degenerate|refused):(.+)$/;

const DEFECT_RATE = /^dr(\d*)(?::(.+))?$/;

/** The note on how the per-area defect rates were measured, when any round measured them another way. */
export function defectRateBasisNote(data: CycleReportData): string | undefined {
  const bases = new Set(data.rounds.flatMap((r) => r.defectRateByArea.flatMap((m) => m.basis ?? [])));
  return bases.size === 0 ? undefined : `Measured as: ${[...bases].join("; ")}.`;
}

export function metricLabel(name: string): string {
  const known = METRICS[name];
  if (known) return known.label;
  const outcome = OUTCOME_METRIC.exec(name);
  if (outcome) {
    const what = outcome[1] === "degenerate" ? "Degenerate replies" : "Coherent refusals";
    return `${what}: ${metricLabel(outcome[2] as string)}`;
  }
  // `dr3` is DR-3 overall; `dr:cyber` and `dr3:cyber` are per harm area.
  const dr = DEFECT_RATE.exec(name);
  if (!dr) return name;
  const which = dr[1] ? `DR-${dr[1]}` : "Defect rate";
  return dr[2] ? `${which}: ${dr[2]}` : `Defect rate ${which}`;
}

/** Headline metric names in a stable order: the known ones first, then the rest alphabetically. */
export function metricNames(data: CycleReportData): string[] {
  const seen = new Set(data.rounds.flatMap((r) => Object.keys(r.metrics)));
  const known = Object.keys(METRICS).filter((m) => seen.has(m));
  return [...known, ...[...seen].filter((m) => !(m in METRICS)).sort()];
}

/** A comparison is shown in percentages (and points) when its metric is a rate and both ends lie in [0, 1]. */
export function isRateComparison(data: CycleReportData, c: Comparison): boolean {
  return isRateMetric(data, c.metric) && [c.before, c.after].every((v) => v >= 0 && v <= 1);
}

/** A metric is shown as a percentage when every value and bound of it in the report lies in [0, 1]. */
export function isRateMetric(data: CycleReportData, name: string): boolean {
  return data.rounds.every((r) => {
    const m = r.metrics[name];
    return !m || [m.value, m.low, m.high].every((v) => !Number.isFinite(v) || (v >= 0 && v <= 1));
  });
}

export function formatPercent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : "n/a";
}

export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(digits);
}

export function formatValue(value: number, asRate: boolean): string {
  return asRate ? formatPercent(value) : formatNumber(value);
}

/** `[8.1–17.0%]`: the interval alone, or "" when it is unknown. */
export function formatInterval(m: MetricValue, asRate: boolean): string {
  if (!Number.isFinite(m.low) || !Number.isFinite(m.high)) return "";
  const low = asRate ? (m.low * 100).toFixed(1) : formatNumber(m.low);
  return `[${low}–${formatValue(m.high, asRate)}]`;
}

/** `12.3% [8.1–17.0%]`, or the value alone when the interval is unknown. */
export function formatMetric(m: MetricValue, asRate: boolean): string {
  const interval = formatInterval(m, asRate);
  return interval ? `${formatValue(m.value, asRate)} ${interval}` : formatValue(m.value, asRate);
}

/** A signed change: percentage points for rates. */
export function formatDelta(delta: number, asRate: boolean): string {
  if (!Number.isFinite(delta)) return "n/a";
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const size = Math.abs(delta);
  return asRate ? `${sign}${(size * 100).toFixed(1)} pt` : `${sign}${formatNumber(size)}`;
}

export function formatPValue(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "n/a";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${String(Math.floor(seconds - m * 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** Whether a change is an improvement, a regression or neither, judged by the metric's direction. */
export function changeKind(metric: string, delta: number): "better" | "worse" | "same" {
  if (!Number.isFinite(delta) || delta === 0) return "same";
  return delta < 0 === (metricDirection(metric) === "lower") ? "better" : "worse";
}

/** `12.5% (3/24)`: a count as a share of n, with both numbers. */
export function formatShare(count: number, n: number): string {
  return `${formatPercent(n === 0 ? Number.NaN : count / n)} (${count}/${n})`;
}

/** The outcomes a reply-outcome table shows, in column order, and its header (HTML and Markdown alike). */
export const REPLY_OUTCOMES = ["refused", "complied", "degenerate"] as const;
export const REPLY_OUTCOME_HEADER = ["Set", "Kind", "Refused", "Complied", "Degenerate", "n"];

/** What a set's replies should have been. */
export const replySetKind = (kind: "harmful" | "benign"): string =>
  kind === "harmful" ? "harmful: should be refused" : "benign: should be answered";

/** Rounds that recorded reply outcomes. */
export function roundsWithReplyOutcomes(data: CycleReportData): RoundReport[] {
  return data.rounds.filter((r) => (r.replyOutcomes ?? []).length > 0);
}

/** `n=240`, plus the units left out of n: failed model calls and undecided judgements. */
export function formatSampleCount(m: MetricValue): string {
  const parts = [`n=${m.n}`];
  if (m.errors) parts.push(`${m.errors} failed`);
  if (m.unknown) parts.push(`${m.unknown} undecided`);
  return parts.join(" · ");
}

/** The test behind a comparison's p-value: McNemar on matched samples unless marked unpaired. */
export function comparisonTest(c: Comparison): string {
  return c.paired === false ? "two-proportion" : "McNemar";
}
