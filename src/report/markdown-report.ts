import { asrHeatmapLayouts } from "./asr-heatmap.js";
import {
  comparisonTest,
  countWithStatus,
  defectRateBasisNote,
  formatDelta,
  formatMetric,
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
  roundsSummary,
  trainingGrid,
  VULNERABILITY_STATUSES,
  vulnerabilityColumns,
  vulnerabilityRounds,
  worstFirst,
} from "./format.js";
import { replyOutcomesMarkdown } from "./markdown-outcomes.js";
import { mdFence, mdTable, mdText } from "./markdown-text.js";
import type { CycleReportData } from "./report-data.js";

/**
 * The cycle report as Markdown: the same content as the HTML page, with tables in place of charts. Every
 * value from the data goes through `mdText` (or `mdFence` for transcripts).
 */
export function renderMarkdownReport(data: CycleReportData): string {
  const rounds = data.rounds.map((r) => `Round ${r.round}`);
  const parts = [
    `# ${mdText(data.title)}`,
    [
      `- Cycle: ${mdText(data.cycleId)}`,
      `- Start model: ${mdText(data.startModel)}`,
      `- Rounds: ${roundsSummary(data)} · Seed: ${data.seed} · Created: ${mdText(data.createdAt)}`,
      ...data.rounds.map((r) => `- Round ${r.round} model: ${mdText(r.model)}`),
    ].join("\n"),
    verdict(data),
    section("Headline metrics", metrics(data, rounds)),
    section("Refused, complied or degenerate", replyOutcomesMarkdown(data)),
    section("Defect rate per harm area", defectRates(data, rounds)),
    section("Attack success by harm area and technique", heatmaps(data)),
    section("Round-over-round comparisons", comparisons(data)),
    section("Release gates", gates(data)),
    section("Vulnerabilities", vulnerabilities(data)),
    section("Judge calibration", calibration(data)),
    section("Training and stage timings", `${training(data)}${timings(data)}`),
    section("Example transcripts", transcripts(data)),
  ];
  return `${parts.join("\n\n")}\n`;
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

function verdict(data: CycleReportData): string {
  const v = data.verdict;
  const head = `**Release verdict for round ${v.round}: ${v.pass ? "PASS" : "FAIL"}**`;
  return v.failed.length === 0
    ? head
    : `${head}\n\nFailed gates:\n\n${v.failed.map((f) => `- ${mdText(f)}`).join("\n")}`;
}

function metrics(data: CycleReportData, rounds: string[]): string {
  const names = metricNames(data);
  if (names.length === 0) return "_No metrics were recorded._";
  const rows = names.map((name) => {
    const asRate = isRateMetric(data, name);
    return [
      mdText(metricLabel(name)),
      ...data.rounds.map((r) => {
        const m = r.metrics[name];
        return m ? `${mdText(formatMetric(m, asRate))} (${formatSampleCount(m)})` : "—";
      }),
    ];
  });
  return mdTable(["Metric", ...rounds], rows);
}

function defectRates(data: CycleReportData, rounds: string[]): string {
  const areas = [...new Set(data.rounds.flatMap((r) => r.defectRateByArea.map((a) => a.area)))];
  if (areas.length === 0) return "_No defect-rate data was recorded._";
  const rows = areas.map((area) => [
    mdText(area),
    ...data.rounds.map((r) => {
      const m = r.defectRateByArea.find((a) => a.area === area);
      return m ? `${mdText(formatMetric(m, true))} (${formatSampleCount(m)})` : "—";
    }),
  ]);
  const basis = defectRateBasisNote(data);
  return mdTable(["Harm area", ...rounds], rows) + (basis ? `\n\n_${mdText(basis)}_` : "");
}

/** The HTML heatmaps' grids (same areas, techniques and merged counts) as tables. */
function heatmaps(data: CycleReportData): string {
  const layouts = asrHeatmapLayouts(data.rounds);
  if (layouts.length === 0) return "_No red-team attempts were recorded._";
  return layouts
    .map((layout) => {
      const areas = [...new Set(layout.cells.map((c) => c.area))];
      const techniques = [...new Set(layout.cells.map((c) => c.technique))];
      const rows = areas.map((area) => [
        mdText(area),
        ...layout.cells
          .filter((c) => c.area === area)
          .map((c) =>
            c.rate === undefined ? "—" : `${formatPercent(c.rate, 0)} (${c.successes}/${c.attempts})`,
          ),
      ]);
      return `### Round ${layout.round}\n\n${mdTable(["Harm area", ...techniques.map(mdText)], rows)}`;
    })
    .join("\n\n");
}

function comparisons(data: CycleReportData): string {
  const rows = data.rounds.flatMap((r) =>
    r.comparisons.map((c) => {
      const asRate = isRateComparison(data, c);
      return [
        `Round ${r.round}`,
        metricLabel(c.metric),
        c.against === "baseline" ? "baseline (R0)" : "previous round",
        `${formatValue(c.before, asRate)} → ${formatValue(c.after, asRate)}`,
        formatDelta(c.delta, asRate),
        `[${formatDelta(c.deltaLow, asRate)}, ${formatDelta(c.deltaHigh, asRate)}]`,
        c.pValue === undefined ? "—" : `${formatPValue(c.pValue)} (${comparisonTest(c)})`,
        String(c.n),
      ].map(mdText);
    }),
  );
  if (rows.length === 0) return "_No paired comparisons (a single round has nothing to compare against)._";
  return mdTable(["Round", "Metric", "Against", "Before → after", "Δ", "Δ interval", "p-value", "n"], rows);
}

function gates(data: CycleReportData): string {
  const { rounds: gated, names } = gateGrid(data);
  if (gated.length === 0) return "_No release gates were configured._";
  const rows = names.map((name) => [
    mdText(name),
    ...gated.map((r) => {
      const g = r.gates.find((x) => x.name === name);
      if (!g) return "—";
      return `${g.pass ? "PASS" : "**FAIL**"} (${formatNumber(g.actual)} vs ${formatNumber(g.threshold)})`;
    }),
  ]);
  return mdTable(["Gate", ...gated.map((r) => `Round ${r.round}`)], rows);
}

function vulnerabilities(data: CycleReportData): string {
  if (data.vulnerabilities.length === 0) return "_No vulnerabilities were found in any round._";
  const rounds = vulnerabilityRounds(data);
  const counts = VULNERABILITY_STATUSES.map((status) => [
    status,
    ...rounds.map((round) => String(countWithStatus(data, round, status))),
  ]);
  const rows = worstFirst(data).map((v) => [
    `\`${v.id.slice(0, 12).replace(/`/g, "")}\``,
    mdText(v.harmArea),
    mdText(v.technique),
    mdText(v.language),
    mdText(v.turnDepth),
    formatNumber(v.score),
    ...rounds.map((round) => {
      const h = v.history.find((x) => x.round === round);
      return h ? `${mdText(h.status)} (ASR ${formatPercent(h.asr, 0)}, sev ${h.severity})` : "—";
    }),
    `**${mdText(v.latestStatus)}**`,
  ]);
  const table = mdTable(vulnerabilityColumns(rounds), rows);
  return `${mdTable(["Status", ...rounds.map((r) => `Round ${r}`)], counts)}\n\n${table}`;
}

function calibration(data: CycleReportData): string {
  if (data.judgeCalibration.length === 0) return "_No judge calibration was run for this cycle._";
  return mdTable(
    ["Judge", "Human-labelled set", "Accuracy", "Cohen's κ", "n"],
    data.judgeCalibration.map((c) => [
      mdText(c.judge),
      mdText(c.dataset),
      formatPercent(c.accuracy),
      formatNumber(c.kappa),
      String(c.n),
    ]),
  );
}

function training(data: CycleReportData): string {
  const { rounds: trained, keys } = trainingGrid(data);
  if (trained.length === 0) return "";
  const rows = keys.map((k) => [
    mdText(k),
    ...trained.map((r) => {
      const v = r.training?.[k];
      return v === undefined ? "—" : formatNumber(v, 4);
    }),
  ]);
  return `${mdTable(["Training", ...trained.map((r) => `Round ${r.round}`)], rows)}\n\n`;
}

function timings(data: CycleReportData): string {
  if (data.stageTimings.length === 0) return "_No stage timings were recorded._";
  const rows = data.stageTimings.map((t) => [`Round ${t.round}`, mdText(t.stage), formatSeconds(t.seconds)]);
  const total = data.stageTimings.reduce((s, t) => s + t.seconds, 0);
  return `${mdTable(["Round", "Stage", "Wall time"], rows)}\n\nWhole cycle: ${formatSeconds(total)}.`;
}

function transcripts(data: CycleReportData): string {
  if (data.transcripts.length === 0) return "_No example transcripts were captured._";
  const warning =
    "> **Content warning:** these transcripts are real red-team conversations and may contain harmful, offensive or disturbing text.";
  const items = data.transcripts.map((t) => {
    const head = `### ${mdText(t.title)}\n\nRound ${t.round} · ${mdText(t.harmArea)} · ${mdText(t.technique)} · severity ${t.severity}`;
    const messages = t.messages.map((m) => `**${mdText(m.role)}:**\n\n${mdFence(m.content)}`);
    return [head, ...messages].join("\n\n");
  });
  return [warning, ...items].join("\n\n");
}
