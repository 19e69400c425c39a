import { escapeText, type Finding, type Message } from "../core/index.js";
import type { CampaignMetrics, Rate } from "./campaign-metrics.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function rateLine(r: Rate): string {
  const errors = r.errors > 0 ? `, ${r.errors} error` : "";
  // Nothing decided is no rate at all, not 0%.
  if (r.n === 0) return `n/a (0/0${errors})`;
  return `${pct(r.rate)} (${r.k}/${r.n}, 95% CI ${pct(r.ci[0])}–${pct(r.ci[1])}${errors})`;
}

function section(title: string, rates: Record<string, Rate>): string[] {
  const keys = Object.keys(rates);
  if (keys.length === 0) return [];
  const width = Math.max(...keys.map((k) => k.length));
  return [
    title,
    ...keys.map((k) => `  ${escapeText(k, { oneLine: true }).padEnd(width)}  ${rateLine(rates[k] as Rate)}`),
  ];
}

/** A campaign's metrics for the terminal: headline ASR, breakdowns, ASR@k queries, errors apart. */
export function formatCampaignMetrics(m: CampaignMetrics): string {
  const out = [
    `objectives ${m.objectives}, attempts ${m.attempts}, target queries ${m.totalQueries}`,
    `objectives broken: ${m.asr.k} of ${m.objectives}${m.asr.errors > 0 ? `; ${m.asr.errors} undecided (no success and an attempt errored), left out of the ASR` : ""}`,
    `ASR (objectives broken / decided): ${rateLine({ ...m.asr, errors: 0 })}`,
    `final replies degenerate (attempts): ${rateLine(m.degenerate)}`,
    `final replies coherent refusals (attempts): ${rateLine(m.refused)}`,
    ...section("by harm area:", m.byArea),
    ...section("by language:", m.byLanguage),
    ...section("by strategy (attempts):", m.byStrategy),
    ...section("by converter (attempts, converters of the last probe):", m.byConverter),
    ...section("by template family (attempts):", m.byTemplateFamily),
    ...section("by turn depth (attempts, user turns of the last probe):", m.byTurnDepth),
  ];
  if (m.asrAtQueries.length > 0) {
    out.push(
      "ASR@k queries:",
      ...m.asrAtQueries.map((a) => `  k=${String(a.k).padEnd(5)} ${rateLine(a.rate)}`),
    );
  }
  if (m.errors.attempts > 0) {
    out.push(
      `errors: ${m.errors.attempts} attempts, ${m.errors.objectives} objectives undecided (left out of every n)`,
      ...m.errors.reasons.map((r) => `  ${r.count}× ${escapeText(r.reason, { oneLine: true })}`),
    );
  }
  return out.join("\n");
}

export const CONTENT_WARNING =
  "CONTENT WARNING: the transcripts below are red-team attacks and model replies; they may contain harmful text. Control characters are shown escaped.";

export function formatTranscript(messages: readonly Message[]): string {
  return messages.map((m) => `  [${m.role}] ${escapeText(m.content).replace(/\n/g, "\n    ")}`).join("\n");
}

export function formatFinding(f: Finding): string {
  const t = f.technique;
  const technique = [
    t.strategy,
    t.template ? `template ${t.template}` : "",
    t.converters.length ? `converters ${t.converters.join(" > ")}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return [
    `${f.id}  severity ${f.severity}  area ${f.harmArea}  language ${f.language}  turns ${f.turnDepth}`,
    `  objective ${escapeText(t.objective?.id ?? f.sourceId, { oneLine: true })}: ${escapeText(t.objective?.goal ?? "", { oneLine: true })}`,
    `  technique ${escapeText(technique, { oneLine: true })}; seed ${t.seed ?? "-"}, budget ${t.budget ?? "-"}, options ${escapeText(JSON.stringify(t.options ?? {}), { oneLine: true })}`,
  ].join("\n");
}
