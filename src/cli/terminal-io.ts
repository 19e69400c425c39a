import { escapeText, hasTerminalControls } from "../core/index.js";
import type { CliIo } from "./io.js";

/** What the progress bar writes before redrawing its line on a TTY: the only control sequence let through. */
export const REDRAW_LINE = "\r\x1b[2K";

/** Text as a terminal may see it: control characters shown as escapes, newlines and tabs kept. */
export function terminalSafe(text: string): string {
  if (text.startsWith(REDRAW_LINE)) return REDRAW_LINE + terminalSafe(text.slice(REDRAW_LINE.length));
  return hasTerminalControls(text) ? escapeText(text) : text;
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
