import type { Context } from "hono";
import { html, raw, type SafeHtml } from "../../report/index.js";
import { layout } from "./layout.js";
import { FILTER_LABELS, ROW_FILTERS, type RowFilter } from "./run-rows.js";

/** How much of one text a page lays out; the rest is a click away as text/plain (a 5 MB reply must not freeze it). */
export const INLINE_TEXT_CAP = 20_000;

export const runHref = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const cycleHref = (id: string) => `/cycles/${encodeURIComponent(id)}`;

/** A clear page for an unknown id (never a stack trace). */
export function notFoundPage(c: Context, what: string, active: string) {
  const body = html`<p class="empty">${what}</p><p><a href="${active}">Back</a></p>`;
  return c.html(layout({ title: "Not found", active, body }), 404);
}

/**
 * Possibly harmful model text, collapsed behind a content warning, with at most INLINE_TEXT_CAP characters
 * laid out; `rawHref`, where the page has one, links the whole text.
 */
export function cappedWarnedText(text: string, o: { rawHref?: string; label?: string } = {}): SafeHtml {
  const capped = text.length > INLINE_TEXT_CAP;
  const shown = capped ? text.slice(0, INLINE_TEXT_CAP) : text;
  const whole = o.rawHref ? html` <a href="${o.rawHref}">Open the whole text</a> (plain text).` : "";
  const note = capped
    ? html`<p class="note">Showing the first ${INLINE_TEXT_CAP.toLocaleString("en")} of ${text.length.toLocaleString("en")} characters.${whole}</p>`
    : "";
  return html`<details class="warned"><summary>${o.label ?? `Show model text (may be harmful; ${text.length.toLocaleString("en")} characters)`}</summary><pre class="reply">${shown}</pre>${note}</details>`;
}

/** Short, not harmful text (ids, rationales) capped the same way, shown as it is. */
export function cappedText(text: string): SafeHtml {
  return text.length > INLINE_TEXT_CAP
    ? html`${text.slice(0, INLINE_TEXT_CAP)}… (${text.length.toLocaleString("en")} characters)`
    : html`${text}`;
}

/** A GET form of the row filters (server-side filtering), each a select of the values present. */
export function filterForm(
  action: string,
  filter: RowFilter,
  choices: Record<(typeof ROW_FILTERS)[number], string[]>,
  extra: SafeHtml | string = "",
): SafeHtml {
  const select = (k: (typeof ROW_FILTERS)[number]) => {
    const values = filter[k] && !choices[k].includes(filter[k]) ? [...choices[k], filter[k]] : choices[k];
    return html`<label>${FILTER_LABELS[k]} <select name="${k}"><option value="">any</option>${values.map(
      (v) => html`<option value="${v}"${v === filter[k] ? raw(" selected") : ""}>${v}</option>`,
    )}</select></label>`;
  };
  return html`<form class="filters" method="get" action="${action}">${extra}${ROW_FILTERS.map(select)}<button type="submit">Filter</button> <a href="${action}">Clear</a></form>`;
}

export const statusBadge = (status: string) => html`<span class="status status-${status}">${status}</span>`;

/** A run's live progress: `live.js` rewrites it from the server-sent events. */
export function liveProgress(
  runId: string,
  status: string,
  counts: { done: number; total: number; failed: number },
) {
  return html`<span class="live" data-live-run="${runId}">${progressText(status, counts)}</span>`;
}

export function progressText(status: string, c: { done: number; total: number; failed: number }): string {
  return `${status} · ${c.done}/${c.total} items${c.failed > 0 ? ` · ${c.failed} failed` : ""}`;
}
