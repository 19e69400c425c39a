import { escapeText } from "../core/index.js";

/**
 * Untrusted text as one line of Markdown: control characters made visible, line breaks flattened, HTML
 * characters turned into entities (many renderers pass raw HTML through), and Markdown punctuation
 * backslash-escaped so names and model output cannot open links, images, code spans or table cells.
 */
export function mdText(text: string): string {
  return escapeText(text.replace(/\r\n?/g, "\n"), { oneLine: true })
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]()#+!|~{}]/g, (ch) => `\\${ch}`);
}

/** A table row: `mdText` already made every cell safe, cells are joined with pipes. */
export function mdRow(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** A Markdown table; header and cells must already be escaped with `mdText` or be our own literals. */
export function mdTable(headers: string[], rows: string[][]): string {
  return [mdRow(headers), mdRow(headers.map(() => "---")), ...rows.map(mdRow)].join("\n");
}

/**
 * A fenced code block that untrusted text cannot close: the fence is one backtick longer than the longest
 * run of backticks inside (at least three), so no line of the text can be a closing fence.
 */
export function mdFence(text: string, info = "text"): string {
  const body = escapeText(text.replace(/\r\n?/g, "\n"));
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
