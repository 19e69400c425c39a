import {
  formatShare,
  REPLY_OUTCOME_HEADER,
  REPLY_OUTCOMES,
  replySetKind,
  roundsWithReplyOutcomes,
} from "./format.js";
import { mdTable, mdText } from "./markdown-text.js";
import type { CycleReportData, ReplyOutcomeRow } from "./report-data.js";

function examples(row: ReplyOutcomeRow): string[] {
  return REPLY_OUTCOMES.filter((o) => row[o].samples.length > 0).map(
    (o) => `- ${mdText(row.set)}, ${o}: ${row[o].samples.map((s) => `“${mdText(s)}”`).join(" · ")}`,
  );
}

/** The HTML reply-outcome tables as Markdown, each followed by its example replies (escaped one-liners). */
export function replyOutcomesMarkdown(data: CycleReportData): string {
  const rounds = roundsWithReplyOutcomes(data);
  if (rounds.length === 0) return "_No reply outcomes were recorded._";
  const warning =
    "> **Content warning:** the example replies are model output to harmful requests and may contain harmful or disturbing text.";
  const parts = rounds.map((r) => {
    const rows = r.replyOutcomes ?? [];
    const tableRows = rows.map((row) => [
      mdText(row.set),
      replySetKind(row.kind),
      ...REPLY_OUTCOMES.map((o) => formatShare(row[o].count, row.n)),
      String(row.n),
    ]);
    const lines = rows.flatMap(examples);
    const table = mdTable(REPLY_OUTCOME_HEADER, tableRows);
    return `### Round ${r.round}\n\n${table}${lines.length > 0 ? `\n\nExample replies:\n\n${lines.join("\n")}` : ""}`;
  });
  const note =
    "_Degenerate: word salad, loops or empty replies (coherence judge), never counted as refused or helpful. Red-team rows are attempts' final replies; failed calls and undecided verdicts are outside n._";
  return [warning, ...parts, note].join("\n\n");
}
