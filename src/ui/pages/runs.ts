import { html, raw } from "../../report/index.js";
import type { Run, Store } from "../../store/index.js";
import type { UiContext, UiFeature } from "../http/ui-context.js";
import { layout } from "./layout.js";
import { filterForm, liveProgress, notFoundPage, runHref } from "./page-kit.js";
import { originLink, runOrigins } from "./run-origins.js";
import { filterChoices, matches, type RunRow, rowFilterOf, runRows } from "./run-rows.js";
import { registerTranscripts } from "./transcript.js";

const RUN_KINDS = ["bench", "redteam"] as const;
const LIST_LIMIT = 200;

/** The bench runs and campaigns, newest first. */
function measuredRuns(store: Store, kind: string | undefined): Run[] {
  const kinds = kind && (RUN_KINDS as readonly string[]).includes(kind) ? [kind] : RUN_KINDS;
  return kinds
    .flatMap((k) => store.runs.list({ kind: k, limit: LIST_LIMIT }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export const rowHref = (r: RunRow) =>
  `${runHref(r.runId)}/${r.kind === "attempt" ? "attempts" : "samples"}/${encodeURIComponent(r.key)}`;

function kindSelect(kind: string | undefined) {
  return html`<label>Kind <select name="kind"><option value="">any</option>${RUN_KINDS.map(
    (k) =>
      html`<option value="${k}"${k === kind ? raw(" selected") : ""}>${k === "bench" ? "bench run" : "red-team campaign"}</option>`,
  )}</select></label>`;
}

function runsList(ui: UiContext, query: Record<string, string>) {
  const store = ui.env.store;
  const origins = runOrigins(ui);
  const filter = rowFilterOf(query);
  const kind = query["kind"] || undefined;
  const runs = measuredRuns(store, kind).map((run) => ({ run, rows: runRows(store, run) }));
  const choices = filterChoices(runs.flatMap((r) => r.rows));
  const filtered = Object.keys(filter).length > 0;
  const shown = runs
    .map((r) => ({ ...r, hits: r.rows.filter((row) => matches(row, filter)).length }))
    .filter((r) => !filtered || r.hits > 0);
  const rowsTable = shown.length
    ? html`<table class="data runs"><thead><tr><th>Run</th><th>Kind</th><th>Progress</th><th>${filtered ? "Matching" : "Rows"}</th><th>Cycle</th><th>Started</th></tr></thead><tbody>${shown.map(
        ({ run, rows, hits }) =>
          html`<tr><td><a href="${runHref(run.id)}${filtered ? `?${new URLSearchParams(filter as Record<string, string>)}` : ""}">${run.id}</a><div class="muted">${run.name}</div></td><td>${run.kind}</td><td>${liveProgress(run.id, run.status, store.items.counts(run.id))}</td><td>${filtered ? `${hits} of ${rows.length}` : rows.length}</td><td>${originLink(origins.get(run.id))}</td><td>${run.createdAt}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${filtered || kind ? "No run matches these filters." : "No bench runs or campaigns in this store yet."}</p>`;
  return html`${filterForm("/runs", filter, choices, kindSelect(kind))}${rowsTable}`;
}

function runDetail(ui: UiContext, run: Run, query: Record<string, string>) {
  const store = ui.env.store;
  const origin = runOrigins(ui).get(run.id);
  const filter = rowFilterOf(query);
  const rows = runRows(store, run);
  const shown = rows.filter((r) => matches(r, filter));
  const counts = store.items.counts(run.id);
  const head = html`<dl class="meta"><div><dt>Kind</dt><dd>${run.kind}</dd></div><div><dt>Name</dt><dd>${run.name}</dd></div><div><dt>Progress</dt><dd>${liveProgress(run.id, run.status, counts)}</dd></div>${run.parentId ? html`<div><dt>Parent</dt><dd><a href="${runHref(run.parentId)}">${run.parentId}</a></dd></div>` : ""}${origin ? html`<div><dt>Cycle</dt><dd>${originLink(origin)}</dd></div>` : ""}<div><dt>Started</dt><dd>${run.createdAt}</dd></div>${run.error ? html`<div><dt>Error</dt><dd class="bad">${run.error}</dd></div>` : ""}</dl>`;
  const table = shown.length
    ? html`<p class="muted">${shown.length} of ${rows.length} ${run.kind === "redteam" ? "attempts" : "samples"}.</p><table class="data rows"><thead><tr><th>${run.kind === "redteam" ? "Attempt" : "Sample"}</th><th>Suite</th><th>Harm area</th><th>Technique</th><th>Language</th><th>Turns</th><th>Outcome</th></tr></thead><tbody>${shown.map(
        (r) =>
          html`<tr><td><a href="${rowHref(r)}">${r.label}</a></td><td>${r.suite ?? ""}</td><td>${r.harmArea ?? ""}</td><td>${r.technique ?? ""}</td><td>${r.language ?? ""}</td><td>${r.turns}</td><td>${outcomeBadge(r.outcome)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${rows.length ? "No row matches these filters." : "This run has no samples or attempts to show."}</p>`;
  return html`${head}${filterForm(runHref(run.id), filter, filterChoices(rows))}${table}`;
}

function outcomeBadge(outcome: string | undefined) {
  if (outcome === undefined) return "";
  const bad = /success|compliance|unsafe/.test(outcome);
  const good = /failure|refusal|^safe$/.test(outcome);
  return html`<span class="${bad ? "bad" : good ? "good" : ""}">${outcome}</span>`;
}

/** `/runs`: bench runs and red-team campaigns, filtered on the server; `/runs/:id`: one run's rows. */
export const runsFeature: UiFeature = {
  name: "runs",
  nav: { href: "/runs", label: "Runs" },
  register(app, ui) {
    const store = ui.env.store;
    app.get("/runs", (c) =>
      c.html(
        layout({
          title: "Runs",
          active: "/runs",
          body: runsList(ui, c.req.query()),
          scripts: ["live.js"],
        }),
      ),
    );
    app.get("/runs/:id", (c) => {
      const run = store.runs.get(c.req.param("id"));
      if (!run) return notFoundPage(c, `No run with id ${c.req.param("id")} in this store.`, "/runs");
      return c.html(
        layout({
          title: `Run ${run.id}`,
          active: "/runs",
          body: runDetail(ui, run, c.req.query()),
          scripts: ["live.js"],
        }),
      );
    });
    registerTranscripts(app, store);
  },
};
