import {
  formatShare,
  REPLY_OUTCOME_HEADER,
  REPLY_OUTCOMES,
  replySetKind,
  roundsWithReplyOutcomes,
} from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { empty, table } from "./html-tables.js";
import type { CycleReportData, ReplyOutcomeCell, ReplyOutcomeRow } from "./report-data.js";

/** One cell: the share with its count and n, and the example replies (escaped like every model text). */
function outcomeCell(cell: ReplyOutcomeCell, n: number, outcome: string): SafeHtml {
  const samples =
    cell.samples.length === 0
      ? ""
      : html`<details class="samples"><summary>${cell.samples.length} example${cell.samples.length === 1 ? "" : "s"}</summary>${cell.samples.map((s) => html`<pre class="sample">${s}</pre>`)}</details>`;
  return html`<span class="v outcome ${outcome}">${formatShare(cell.count, n)}</span>${samples}`;
}

function outcomeRow(row: ReplyOutcomeRow): SafeHtml[] {
  return [
    html`${row.set}`,
    html`${replySetKind(row.kind)}`,
    ...REPLY_OUTCOMES.map((o) => outcomeCell(row[o], row.n, o)),
    html`${row.n}`,
  ];
}

/**
 * Per round, what the replies of each harmful and benign set did: refused, complied or degenerate. A model
 * that collapsed into word salad shows here however its judges scored it.
 */
export function replyOutcomesSection(data: CycleReportData): SafeHtml {
  const rounds = roundsWithReplyOutcomes(data);
  if (rounds.length === 0) return empty("No reply outcomes were recorded.");
  const tables = rounds.map(
    (r) =>
      html`<h3>Round ${r.round}</h3>${table(REPLY_OUTCOME_HEADER, (r.replyOutcomes ?? []).map(outcomeRow), {
        className: "reply-outcomes",
      })}`,
  );
  return html`<p class="content-warning" role="note"><strong>Content warning:</strong> the example replies are model output to harmful requests and may contain harmful or disturbing text; each cell's examples are collapsed.</p>${tables}<p class="note">Degenerate: word salad, loops or empty replies (coherence judge), never counted as refused or helpful. Refused and complied follow the set's refusal judge; red-team rows are attempts' final replies. Failed calls and undecided verdicts are outside n.</p>`;
}
