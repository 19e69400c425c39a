import {
  countWithStatus,
  formatNumber,
  formatPercent,
  VULNERABILITY_STATUSES,
  vulnerabilityColumns,
  vulnerabilityRounds,
  worstFirst,
} from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { empty, table } from "./html-tables.js";
import type { CycleReportData, TranscriptExample } from "./report-data.js";

function statusBadge(status: string): SafeHtml {
  const known = (VULNERABILITY_STATUSES as readonly string[]).includes(status) ? status : "unknown";
  return html`<span class="status ${known}">${status}</span>`;
}

/** How many vulnerabilities were new, open, re-opened and fixed in each round. */
export function vulnerabilityCounts(data: CycleReportData): SafeHtml {
  const rounds = vulnerabilityRounds(data);
  const rows = VULNERABILITY_STATUSES.map((status) => [
    statusBadge(status),
    ...rounds.map((round) => html`${countWithStatus(data, round, status)}`),
  ]);
  return table(["Status", ...rounds.map((r) => `Round ${r}`)], rows, { className: "vuln-counts" });
}

/** Every vulnerability, worst first, with its status and ASR in each round. */
export function vulnerabilityTable(data: CycleReportData): SafeHtml {
  if (data.vulnerabilities.length === 0) return empty("No vulnerabilities were found in any round.");
  const rounds = vulnerabilityRounds(data);
  const rows = worstFirst(data).map((v) => [
    html`<code>${v.id.slice(0, 12)}</code>`,
    html`${v.harmArea}`,
    html`${v.technique}`,
    html`${v.language}`,
    html`${v.turnDepth}`,
    html`${formatNumber(v.score)}`,
    ...rounds.map((round) => {
      const h = v.history.find((x) => x.round === round);
      return h
        ? html`${statusBadge(h.status)}<span class="n">ASR ${formatPercent(h.asr, 0)} · sev ${h.severity}</span>`
        : html`<span class="na">—</span>`;
    }),
    statusBadge(v.latestStatus),
  ]);
  return html`${vulnerabilityCounts(data)}${table(vulnerabilityColumns(rounds), rows, {
    className: "vulns",
  })}`;
}

/**
 * Example conversations, each collapsed by default behind a content warning. Message text is raw model
 * output: it goes through the escaping template like everything else and is shown preformatted.
 */
export function transcriptsSection(transcripts: TranscriptExample[]): SafeHtml {
  if (transcripts.length === 0) return empty("No example transcripts were captured.");
  const items = transcripts.map(
    (t) =>
      html`<details class="transcript"><summary><span class="t-title">${t.title}</span> <span class="t-meta">Round ${t.round} · ${t.harmArea} · ${t.technique} · severity ${t.severity}</span></summary>${t.messages.map(
        (m) =>
          html`<div class="message ${roleClass(m.role)}"><div class="role">${m.role}</div><pre>${m.content}</pre></div>`,
      )}</details>`,
  );
  return html`<p class="content-warning" role="note"><strong>Content warning:</strong> these transcripts are real red-team conversations and may contain harmful, offensive or disturbing text. Each is collapsed; open one only if you need to.</p>${items}`;
}

function roleClass(role: string): string {
  return role === "user" || role === "assistant" || role === "system" ? role : "other";
}
