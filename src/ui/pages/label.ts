import type { Context } from "hono";
import { html, raw } from "../../report/index.js";
import type { Store } from "../../store/index.js";
import type { UiFeature } from "../http/ui-context.js";
import { exportRows, labelAgreement, toJsonl } from "./label-agreement.js";
import { parseLabelPost } from "./label-input.js";
import {
  buildQueue,
  isUiLabelSpace,
  LABEL_KEYS,
  MAX_QUEUE,
  type QueueSource,
  sampleKey,
  type UiLabelSpace,
} from "./label-queue.js";
import { layout } from "./layout.js";

const SOURCES = {
  run: "a bench run",
  campaign: "a red-team campaign",
  disagreement: "where the judges disagree or are unsure",
} as const;
const DEFAULT_MARGIN = 0.1;

type Query = Record<string, string | undefined>;

/** The queue a page or API request names, or why it names none. */
function sourceOf(q: Query, store: Store): QueueSource | string {
  const runId = q["run"] || undefined;
  if (runId !== undefined && !store.runs.get(runId)) return `no run "${runId}" in this store`;
  if (q["source"] === "disagreement") {
    const margin = q["margin"] === undefined || q["margin"] === "" ? DEFAULT_MARGIN : Number(q["margin"]);
    if (!(margin >= 0 && margin <= 0.5)) return "margin must be a number from 0 to 0.5";
    return { kind: "disagreement", runId, margin };
  }
  if (q["source"] === "run" || q["source"] === "campaign") {
    return runId ? { kind: q["source"], runId } : `choose a run for ${SOURCES[q["source"]]}`;
  }
  return `source must be one of ${Object.keys(SOURCES).join(", ")}`;
}

const spaceOf = (q: Query): UiLabelSpace | undefined => (isUiLabelSpace(q["space"]) ? q["space"] : undefined);
const SPACE_ERROR = `space must be one of ${Object.keys(LABEL_KEYS).join(", ")}`;

function picker(store: Store, q: Query) {
  const runs = [...store.runs.list({ kind: "bench" }), ...store.runs.list({ kind: "redteam" })];
  const opt = (value: string, text: string, selected: boolean) =>
    html`<option value="${value}"${selected ? raw(" selected") : ""}>${text}</option>`;
  return html`<form class="label-picker" method="get" action="/label">
<label>Samples from <select name="source">${Object.entries(SOURCES).map(([k, v]) => opt(k, v, q["source"] === k))}</select></label>
<label>Run <select name="run">${opt("", "(any run, for the disagreement filter)", !q["run"])}${runs.map((r) =>
    opt(r.id, `${r.kind}: ${r.id}`, q["run"] === r.id),
  )}</select></label>
<label>Label space <select name="space">${opt("refusal", "refusal (3 classes)", q["space"] !== "binary")}${opt("binary", "safe / unsafe", q["space"] === "binary")}</select></label>
<label>Unsure within <input name="margin" type="number" min="0" max="0.5" step="0.05" value="${q["margin"] ?? String(DEFAULT_MARGIN)}"> of 0.5</label>
<button type="submit">Open the queue</button>
</form>`;
}

function keyHelp(space: UiLabelSpace) {
  const keys = Object.entries(LABEL_KEYS[space]);
  return html`<ul class="keys" aria-label="Keys">${keys.map(([k, l]) => html`<li><kbd>${k}</kbd> ${l}</li>`)}
<li><kbd>n</kbd> skip to the next unlabelled</li><li><kbd>j</kbd> / <kbd>→</kbd> next</li><li><kbd>k</kbd> / <kbd>←</kbd> previous</li></ul>`;
}

function workspace(q: Query, space: UiLabelSpace) {
  const data = (k: string) => q[k] ?? "";
  return html`<section id="labelling" data-source="${data("source")}" data-run="${data("run")}" data-space="${space}" data-margin="${data("margin")}" data-keys="${JSON.stringify(LABEL_KEYS[space])}">
<form id="who" hidden><label>Your name (kept in this browser, stored with each label) <input id="who-name" name="who" autocomplete="name" maxlength="100" required></label> <button type="submit">Start labelling</button></form>
<p id="who-shown" hidden>Labelling as <strong id="who-label"></strong> <button type="button" id="who-change">Change name</button></p>
<div id="cw" class="warning" hidden><p><strong>Content warning.</strong> The samples are model replies to harmful requests and may contain harmful text. They are shown as plain text.</p><button type="button" id="cw-ok">Show the samples</button></div>
<div id="sample" class="sample" tabindex="-1" hidden>
<p class="sample-pos"><span id="pos"></span> <span id="ref" class="muted"></span> <span id="current" class="current-label"></span></p>
<p id="reasons" class="muted"></p>
<h2>Prompt</h2><pre id="prompt" class="reply"></pre>
<h2>Reply</h2><pre id="response" class="reply"></pre>
<p id="cut" class="muted"></p>
<h2>Judges</h2><ul id="verdicts" class="verdicts"></ul>
</div>
${keyHelp(space)}
<p id="status" role="status" aria-live="polite"></p>
<section id="agreement" aria-labelledby="agreement-title"><h2 id="agreement-title">Judges' agreement with the labels so far</h2><div id="agreement-body"><p class="muted">No labels yet.</p></div></section>
<p><a id="export" href="/api/labels/export?space=${space}" download="breakfix-labels-${space}.jsonl">Export the ${space} labels</a> (JSONL for <code>breakfix judge calibrate --judge JUDGE --labels FILE --space ${space}</code>, e.g. <code>--judge refusal:learned</code>)</p>
</section>`;
}

function jsonError(c: Context, message: string, status: 400 | 404 = 400) {
  return c.json({ error: message }, status);
}

/** `/label`: a queue of samples, one keystroke per label, the judges' agreement live, and the export. */
export const labelFeature: UiFeature = {
  name: "label",
  nav: { href: "/label", label: "Label" },
  register(app, ui) {
    const store = ui.env.store;

    app.get("/label", (c) => {
      const q = c.req.query();
      const chosen = q["source"] !== undefined;
      const source = chosen ? sourceOf(q, store) : undefined;
      const space = spaceOf({ space: q["space"] ?? "refusal" });
      const problem = typeof source === "string" ? source : space ? undefined : SPACE_ERROR;
      const body = html`<p>Label model replies by hand, one key a label; each judge's agreement with your labels updates as you go. At most ${MAX_QUEUE} samples a queue.</p>
${picker(store, q)}
${problem ? html`<p class="bad" role="alert">${problem}</p>` : ""}
${chosen && !problem ? workspace(q, space as UiLabelSpace) : ""}`;
      return c.html(layout({ title: "Label", active: "/label", body, scripts: ["label.js"] }));
    });

    app.get("/api/labels/queue", (c) => {
      const q = c.req.query();
      const source = sourceOf(q, store);
      const space = spaceOf(q);
      if (typeof source === "string") return jsonError(c, source);
      if (!space) return jsonError(c, SPACE_ERROR);
      const labeller = q["labeller"]?.trim() || undefined;
      const mine = new Map(
        labeller ? store.labels.list({ space, labeller }).map((l) => [sampleKey(l), l.label]) : [],
      );
      const items = buildQueue(store, source, space).map((it) => ({ ...it, label: mine.get(it.key) }));
      return c.json({ space, keys: LABEL_KEYS[space], items, agreement: labelAgreement(store, space) });
    });

    app.post("/api/labels", async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const parsed = parseLabelPost(body);
      if (typeof parsed === "string") return jsonError(c, parsed);
      const { ref } = parsed;
      const g = store.generations.get(ref.runId, ref.itemId, ref.attempt, ref.turn);
      if (g?.status !== "ok") return jsonError(c, "no answered generation with that reference", 404);
      const saved = store.labels.put({
        ...ref,
        space: parsed.space,
        labeller: parsed.labeller,
        label: parsed.label,
      });
      return c.json({ saved, label: parsed.label, agreement: labelAgreement(store, parsed.space) });
    });

    app.get("/api/labels/agreement", (c) => {
      const space = spaceOf(c.req.query());
      if (!space) return jsonError(c, SPACE_ERROR);
      return c.json(labelAgreement(store, space, c.req.query("labeller") || undefined));
    });

    app.get("/api/labels/export", (c) => {
      const space = spaceOf(c.req.query());
      if (!space) return jsonError(c, SPACE_ERROR);
      const rows = exportRows(store, space, c.req.query("labeller") || undefined);
      return c.body(toJsonl(rows), 200, {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="breakfix-labels-${space}.jsonl"`,
      });
    });
  },
};
