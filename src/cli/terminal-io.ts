import { escapeText } from "../core/index.js";
import type { CliIo } from "./io.js";

/** What the progress bar writes before redrawing its line on a TTY: the only control sequence let through. */
export const REDRAW_LINE = "\r\x1b[2K";

// Anything escapeText would change: C0 (but newline and tab), DEL, C1, bidi overrides, line separators.
const TERMINAL_UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Text as a terminal may see it: control characters shown as escapes, newlines and tabs kept. */
export function terminalSafe(text: string): string {
  if (text.startsWith(REDRAW_LINE)) return REDRAW_LINE + terminalSafe(text.slice(REDRAW_LINE.length));
  return TERMINAL_UNSAFE.test(text) ? escapeText(text) : text;
}

/**
 * The one path to the terminal: every write of every command (error lines, summaries, progress notes that
 * carry a provider's fine-tuning events or a training script's output, model replies) is escaped here, so
 * no command can forget to. Commands that print data (JSON) escape it losslessly first (`escapeJsonText`).
 */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
  };
}
