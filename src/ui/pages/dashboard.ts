import { assembleReportData, cycleSuiteRegistry, cycleSummary, storedCycle } from "../../cycle/index.js";
import {
  attackSuccessSection,
  capabilitySection,
  comparisonsTable,
  defectRatesSection,
  gatesTable,
  html,
  metricsTable,
  replyOutcomesSection,
  type SafeHtml,
  tradeoffSection,
} from "../../report/index.js";
import type { Store } from "../../store/index.js";
import type { UiContext, UiFeature } from "../http/ui-context.js";
import { layout } from "./layout.js";
import { liveProgress, notFoundPage, runHref } from "./page-kit.js";

type Summary = ReturnType<typeof cycleSummary>;

function verdictBox(v: Summary["verdict"]): SafeHtml {
  if (!v) return html`<p class="muted">No gate verdict yet.</p>`;
  return html`<div class="verdict ${v.pass ? "pass" : "fail"}" role="status"><strong>Round ${v.round}: ${v.pass ? "PASS" : "FAIL"}</strong>${v.pass ? "" : html`<ul>${v.failed.map((f) => html`<li>${f}</li>`)}</ul>`}</div>`;
}

function runLink(store: Store, label: string, id: string | undefined): SafeHtml | "" {
  if (!id) return "";
  const run = store.runs.get(id);
  return html`<li>${label}: <a href="${runHref(id)}">${id}</a> ${run ? liveProgress(id, run.status, store.items.counts(id)) : html`<span class="muted">(not in the store)</span>`}</li>`;
}

/** Each round's bench runs (one run may serve several suites) and campaigns, with their live progress. */
function roundsSection(store: Store, s: Summary): SafeHtml {
  const stagesByRound = new Map<number, Summary["stages"]>();
  for (const st of s.stages) stagesByRound.set(st.round, [...(stagesByRound.get(st.round) ?? []), st]);
  const rounds = [...stagesByRound.keys()].sort((a, b) => a - b);
  return html`${rounds.map((round) => {
    const state = s.state.rounds.find((r) => r.round === round);
    const bench = new Map<string, string[]>();
    for (const [suite, id] of Object.entries(state?.benchRuns ?? {}))
      bench.set(id, [...(bench.get(id) ?? []), suite]);
    const cr = state?.campaignRuns ?? {};
    const stages = stagesByRound.get(round) ?? [];
    return html`<section class="round"><h3>Round ${round}${state?.model ? html` <code class="muted">${state.model.written}</code>` : ""}</h3><p class="stages">${stages.map((st) => html`<span class="stage ${st.done ? "done" : "todo"}">${st.done ? "✓" : "·"} ${st.stage}</span> `)}</p><ul class="round-runs">${[...bench].map(([id, suites]) => runLink(store, `Bench (${suites.join(", ")})`, id))}${runLink(store, "Campaign, in-distribution", cr.inDistribution)}${runLink(store, "Campaign, held-out families", cr.heldOut)}${runLink(store, "Campaign, unseen requests", cr.unseenRequests)}${(state?.training ?? []).map((t) => html`<li>Training ${t.method}: <code>${t.runId}</code></li>`)}</ul></section>`;
  })}`;
}

type ReportData = ReturnType<typeof assembleReportData>;

function cycleReportData(ui: UiContext, cycleId: string, s: Summary): ReportData {
  const { config } = storedCycle(ui.env.store, cycleId, ui.config.models.aliases ?? {});
  return assembleReportData(ui.env.store, s.state, {
    gates: config.gates,
    registry: cycleSuiteRegistry(config),
    bootstrap: 200,
  });
}

/** The report's sections for the rounds measured so far; a cycle without a measured round says so. */
function reportSections(ui: UiContext, cycleId: string, s: Summary): SafeHtml {
  if (s.state.rounds.length === 0)
    return html`<p class="empty">No round measured yet: the metrics appear once round 0 is benchmarked.</p>`;
  let data: ReportData;
  try {
    data = cycleReportData(ui, cycleId, s);
  } catch (e) {
    return html`<p class="empty">The metrics cannot be computed yet: ${e instanceof Error ? e.message : String(e)}</p>`;
  }
  const sections: Array<[string, string, SafeHtml]> = [
    ["metrics", "Headline metrics", metricsTable(data)],
    ["reply-outcomes", "Refused, complied or degenerate", replyOutcomesSection(data)],
    ["gates", "Release gates", gatesTable(data)],
    ["attacks", "Attack success", attackSuccessSection(data)],
    ["defect-rates", "Defect rate per harm area", defectRatesSection(data)],
    ["tradeoff", "Helpfulness vs harmlessness", tradeoffSection(data)],
    ["capability", "Capability retention", capabilitySection(data)],
    ["comparisons", "Round-over-round comparisons", comparisonsTable(data)],
  ];
  return html`<nav class="toc" aria-label="Sections">${sections.map(([id, title]) => html`<a href="#${id}">${title}</a> `)}</nav>${sections.map(
    ([id, title, body]) =>
      html`<section id="${id}" class="report-section"><h2>${title}</h2>${body}</section>`,
  )}`;
}

/** `/cycles/:id`: a cycle's rounds, verdict, runs (live) and the report's metrics and charts. */
export const dashboardFeature: UiFeature = {
  name: "dashboard",
  register(app, ui) {
    app.get("/cycles/:id", (c) => {
      const id = c.req.param("id");
      const run = ui.env.store.runs.get(id);
      if (run?.kind !== "cycle") return notFoundPage(c, `No cycle with id ${id} in this store.`, "/");
      const s = cycleSummary(ui.env.store, id, ui.config.models.aliases ?? {});
      const body = html`<p class="muted">${run.name} · started ${run.createdAt} · ${liveProgress(id, run.status, ui.env.store.items.counts(id))}</p>${verdictBox(s.verdict)}<p class="note" data-live-note hidden>Runs have progressed since this page was loaded: <a href="">reload</a> for the latest stages and metrics.</p><h2>Rounds</h2>${roundsSection(ui.env.store, s)}${reportSections(ui, id, s)}`;
      return c.html(
        layout({
          title: `Cycle ${id}`,
          active: "/",
          body,
          scripts: ["live.js"],
          styles: ["report.css"],
        }),
      );
    });
  },
};
