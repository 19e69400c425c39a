import type { Context, Hono } from "hono";
import type { JudgeScore, Message } from "../../core/index.js";
import { html, type SafeHtml } from "../../report/index.js";
import type { Generation, Run, Store, StoredAttack } from "../../store/index.js";
import { layout } from "./layout.js";
import { cappedText, cappedWarnedText, notFoundPage, runHref } from "./page-kit.js";
import { techniqueOf } from "./run-rows.js";

const WARNING = html`<p class="content-warning" role="note"><strong>Content warning:</strong> model replies to harmful requests may contain harmful or disturbing text; each is collapsed until you open it.</p>`;

function verdicts(scores: readonly JudgeScore[]): SafeHtml {
  if (scores.length === 0) return html`<p class="empty">No judge verdicts recorded.</p>`;
  return html`<table class="data verdicts"><thead><tr><th>Judge</th><th>Label</th><th>Severity</th><th>Score</th><th>Harm area</th><th>Rationale</th></tr></thead><tbody>${scores.map(
    (s) =>
      html`<tr><td>${s.judgeId}<div class="muted">${s.judgeVersion}${s.turn !== undefined ? ` · reply ${s.turn}` : ""}</div></td><td>${s.label}${s.injectionSuspected ? html` <span class="bad">(injection suspected)</span>` : ""}</td><td>${s.severity ?? ""}</td><td>${s.value ?? ""}</td><td>${s.harmArea ?? ""}</td><td class="rationale">${cappedText(s.rationale ?? s.error ?? "")}</td></tr>`,
  )}</tbody></table>`;
}

/** A conversation, each message collapsed (user turns can carry the attack text, replies the harm). */
function messages(list: readonly Message[], rawHref: (i: number) => string): SafeHtml {
  return html`<ol class="transcript">${list.map(
    (m, i) =>
      html`<li class="msg msg-${m.role}"><div class="role">${m.role}</div>${cappedWarnedText(m.content, { rawHref: rawHref(i) })}</li>`,
  )}</ol>`;
}

function back(run: Run): SafeHtml {
  return html`<p><a href="${runHref(run.id)}">← run ${run.id}</a></p>`;
}

function samplePage(store: Store, run: Run, itemId: string, gens: Generation[]): SafeHtml {
  const scores = store.scores.list(run.id, { itemId });
  const base = `${runHref(run.id)}/samples/${encodeURIComponent(itemId)}/raw`;
  const calls = gens.map((g) => {
    const own = scores.filter((s) => s.attempt === g.attempt && s.turn === g.turn);
    const reply =
      g.status === "ok"
        ? cappedWarnedText(g.text ?? "", { rawHref: `${base}?attempt=${g.attempt}&turn=${g.turn}` })
        : html`<p class="bad">Call failed (${g.error?.kind ?? "error"}): ${g.error?.message ?? ""}</p>`;
    return html`<section class="call"><h2>Attempt ${g.attempt}, turn ${g.turn}</h2><p class="muted">${g.modelId} · ${g.latencyMs} ms${g.finishReason ? ` · ${g.finishReason}` : ""}</p><h3>Request</h3>${messages(g.messages, (i) => `${base}?attempt=${g.attempt}&turn=${g.turn}&message=${i}`)}<h3>Reply</h3>${reply}<h3>Judge verdicts</h3>${verdicts(own)}</section>`;
  });
  const item = store.items.list(run.id).find((i) => i.itemId === itemId);
  return html`${back(run)}${item ? html`<p class="muted">Status: ${item.status}${item.error ? ` · ${item.error}` : ""}</p>` : ""}${WARNING}${calls.length ? calls : html`<p class="empty">No model call recorded for this sample yet.</p>`}`;
}

function attemptPage(run: Run, a: StoredAttack): SafeHtml {
  const base = `${runHref(run.id)}/attempts/${a.id}/raw`;
  const chain = a.converters.length ? a.converters.join(" → ") : "none";
  return html`${back(run)}<dl class="meta"><div><dt>Objective</dt><dd>${a.objectiveId}</dd></div><div><dt>Attempt</dt><dd>${a.attempt}</dd></div><div><dt>Outcome</dt><dd class="${a.outcome === "success" ? "bad" : ""}">${a.outcome}</dd></div><div><dt>Technique</dt><dd>${techniqueOf(a)}</dd></div><div><dt>Strategy</dt><dd>${a.strategy}</dd></div><div><dt>Converter chain</dt><dd class="chain">${chain}</dd></div>${a.template ? html`<div><dt>Template</dt><dd>${a.template}</dd></div>` : ""}<div><dt>Harm area</dt><dd>${a.harmArea ?? ""}</dd></div><div><dt>Language</dt><dd>${a.language ?? ""}</dd></div><div><dt>Queries</dt><dd>${a.queries}</dd></div>${a.error ? html`<div><dt>Error</dt><dd class="bad">${a.error}</dd></div>` : ""}</dl>${WARNING}<h2>Transcript</h2>${messages(a.transcript, (i) => `${base}?message=${i}`)}<h2>Judge verdicts</h2>${verdicts(a.scores)}`;
}

const plain = (c: Context, text: string | undefined) =>
  text === undefined
    ? c.text("breakfix ui: no such text\n", 404)
    : c.body(text, 200, { "content-type": "text/plain; charset=utf-8" });

const intParam = (v: string | undefined, fallback: number) => {
  const n = Number(v ?? fallback);
  return Number.isInteger(n) ? n : Number.NaN;
};

/** The transcript pages of one sample or attempt, and their texts whole as text/plain. */
export function registerTranscripts(app: Hono, store: Store): void {
  const page = (c: Context, title: string, body: SafeHtml) =>
    c.html(layout({ title, active: "/runs", body }));
  const findAttempt = (run: Run, id: string) => store.attacks.list(run.id).find((a) => String(a.id) === id);

  app.get("/runs/:id/samples/:item", (c) => {
    const run = store.runs.get(c.req.param("id"));
    const itemId = c.req.param("item");
    const gens = run ? store.generations.list(run.id, { itemId }) : [];
    const planned = run && store.items.list(run.id).some((i) => i.itemId === itemId);
    if (!run || (!planned && gens.length === 0))
      return notFoundPage(c, `No sample ${itemId} in run ${c.req.param("id")}.`, "/runs");
    return page(c, `Sample ${itemId}`, samplePage(store, run, itemId, gens));
  });
  app.get("/runs/:id/samples/:item/raw", (c) => {
    const g = store.generations.get(
      c.req.param("id"),
      c.req.param("item"),
      intParam(c.req.query("attempt"), 1),
      intParam(c.req.query("turn"), 0),
    );
    const m = c.req.query("message");
    return plain(c, m === undefined ? g?.text : g?.messages[intParam(m, -1)]?.content);
  });
  app.get("/runs/:id/attempts/:attempt", (c) => {
    const run = store.runs.get(c.req.param("id"));
    const a = run && findAttempt(run, c.req.param("attempt"));
    if (!run || !a)
      return notFoundPage(c, `No attempt ${c.req.param("attempt")} in run ${c.req.param("id")}.`, "/runs");
    return page(c, `Attempt ${a.objectiveId} #${a.attempt}`, attemptPage(run, a));
  });
  app.get("/runs/:id/attempts/:attempt/raw", (c) => {
    const run = store.runs.get(c.req.param("id"));
    const a = run && findAttempt(run, c.req.param("attempt"));
    return plain(c, a?.transcript[intParam(c.req.query("message"), -1)]?.content);
  });
}
