import type { Finding, Vulnerability } from "../../core/index.js";
import { html, type SafeHtml } from "../../report/index.js";
import { findingsOf, listVulnerabilities, vulnerabilityHistory } from "../../vuln/index.js";
import type { UiContext, UiFeature } from "../http/ui-context.js";
import { type FixRow, fixRowsByVulnerability } from "./fix-rows.js";
import { layout } from "./layout.js";
import { cappedWarnedText } from "./page-kit.js";

const EXEMPLARS = 2;
const FIX_ROWS = 3;

function statusChip(v: Pick<Vulnerability, "status" | "round">): SafeHtml {
  const label = v.status === "reopened" ? "re-opened" : v.status;
  return html`<span class="vstatus vstatus-${v.status}" title="round ${v.round}">r${v.round} ${label}</span>`;
}

function lastReply(f: Finding): string {
  return [...f.transcript].reverse().find((m) => m.role === "assistant")?.content ?? "";
}

function exemplar(f: Finding): SafeHtml {
  const note = f.origin === "manual" ? f.technique.options?.["note"] : undefined;
  const attack =
    f.technique.objective?.goal ?? [...f.transcript].reverse().find((m) => m.role === "user")?.content ?? "";
  return html`<li class="exemplar"><span class="muted">${f.origin} · severity ${f.severity} · ${f.id}</span>
${typeof note === "string" && note !== "" ? html`<div class="note">Note: ${note}</div>` : ""}
${cappedWarnedText(attack, { label: "Show the attack (may be harmful)" })}
${cappedWarnedText(lastReply(f), { label: "Show the model's reply (may be harmful)" })}</li>`;
}

function fixData(rows: readonly FixRow[] | undefined): SafeHtml {
  if (!rows?.length) return html`<p class="muted">No curated fix row traces to it.</p>`;
  return html`<p class="muted">${rows.length} curated row${rows.length === 1 ? "" : "s"} (${rows[0]?.dataset})</p>
<ul class="fix-rows">${rows
    .slice(0, FIX_ROWS)
    .map(
      (r) =>
        html`<li>${cappedWarnedText(r.prompt, { label: `Request (${r.split})` })}<pre class="reply safe">${r.reply}</pre></li>`,
    )}</ul>`;
}

function benchItems(findings: readonly Finding[]): SafeHtml {
  const bench = findings.filter((f) => f.origin === "bench");
  if (bench.length === 0) return html`<p class="muted">No bench item recorded a defect for it.</p>`;
  return html`<ul class="bench-items">${bench.map(
    (f) =>
      html`<li><code>${f.sourceId}</code> <span class="muted">run ${f.runId} · severity ${f.severity}</span></li>`,
  )}</ul>`;
}

function row(ui: UiContext, v: Vulnerability, rank: number, fixRows: Map<string, FixRow[]>): SafeHtml {
  const history = vulnerabilityHistory(ui.env.store, v.scope, v.id);
  const findings = findingsOf(ui.env.store, v);
  return html`<tr class="vuln vuln-${v.status}" id="${v.id}">
<td>${rank}</td>
<td><code>${v.id}</code><div class="muted">${v.scope}</div></td>
<td>${v.key.harmArea}<div class="muted">${v.key.technique} · ${v.key.language} · ${v.key.turnDepth} turns</div></td>
<td class="history">${history.map(statusChip)}</td>
<td>${v.severity}</td><td>${(v.asr * 100).toFixed(0)}% (${v.successes ?? v.prevalence}/${v.attempts})</td><td>${v.score.toFixed(3)}</td>
<td class="details"><details><summary>Breaks, fix data, bench items</summary>
<h3>Exemplar breaks</h3>${findings.length ? html`<ul>${findings.slice(0, EXEMPLARS).map(exemplar)}</ul>` : html`<p class="muted">No finding kept.</p>`}
<h3>Fix data</h3>${fixData(fixRows.get(v.id))}
<h3>Bench items</h3>${benchItems(findings)}
</details></td></tr>`;
}

/** Ranked vulnerabilities (each one's latest round), with status across rounds, breaks and fix data. */
export const vulnsFeature: UiFeature = {
  name: "vulns",
  nav: { href: "/vulns", label: "Vulnerabilities" },
  register(app, ui) {
    app.get("/vulns", (c) => {
      const scope = c.req.query("scope")?.trim() || undefined;
      const vulns = listVulnerabilities(ui.env.store, scope === undefined ? {} : { scope });
      const scopes = [...new Set(vulns.map((v) => v.scope))];
      const fixRows = new Map<string, FixRow[]>();
      for (const s of scopes)
        for (const [id, rows] of fixRowsByVulnerability(ui.env.store, s)) fixRows.set(id, rows);
      const filter = html`<form method="get" action="/vulns" class="row"><label>Scope (cycle id) <input name="scope" value="${scope ?? ""}"></label><button type="submit">Show</button></form>`;
      const body = vulns.length
        ? html`${filter}<table class="data vulns"><thead><tr><th>#</th><th>Vulnerability</th><th>Harm area / technique</th><th>Status by round</th><th>Severity</th><th>ASR</th><th>Score</th><th>Details</th></tr></thead><tbody>${vulns.map(
            (v, i) => row(ui, v, i + 1, fixRows),
          )}</tbody></table>`
        : html`${filter}<p class="empty">No vulnerabilities${scope ? html` in scope <code>${scope}</code>` : ""} yet. Run <code>breakfix vulns identify</code> (or a cycle) and reload.</p>`;
      return c.html(layout({ title: "Vulnerabilities", active: "/vulns", body }));
    });
  },
};
