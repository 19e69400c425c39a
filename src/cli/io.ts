import type { Progress } from "../core/index.js";
import { REDRAW_LINE } from "./terminal-io.js";

/** Everything the CLI touches in the outside world, injectable so tests run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stderr is an interactive terminal (progress bars redraw in place only then). */
  isTTY: boolean;
  /** Fires on Ctrl-C so long work can stop cleanly and keep what finished. */
  signal?: AbortSignal;
}

export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    signal,
  };
}

/**
 * Progress on stderr: a redrawn bar on a TTY, plain lines every ~10% otherwise, nothing with --quiet or
 * --json (so stdout stays machine-readable and stderr stays quiet for scripts).
 */
export function createCliProgress(io: CliIo, mode: { quiet: boolean; json: boolean }): Progress {
  let label = "";
  let total = 0;
  let done = 0;
  let lastPct = -1;
  let started = 0;
  const enabled = !mode.quiet && !mode.json;
  const draw = (final = false): void => {
    if (!enabled || total <= 0) return;
    const pct = Math.floor((done / total) * 100);
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const line = `${label} ${done}/${total} (${pct}%) ${rate.toFixed(1)}/s eta ${eta.toFixed(0)}s`;
    if (io.isTTY) io.stderr(`${REDRAW_LINE}${line}${final ? "\n" : ""}`);
    else if ((final && lastPct < 100) || (!final && pct >= lastPct + 10)) {
      io.stderr(`${line}\n`);
      lastPct = pct;
    }
  };
  return {
    start(l, t, d = 0) {
      label = l;
      total = t;
      done = d;
      lastPct = -1;
      started = Date.now();
      draw();
    },
    advance(n = 1) {
      done += n;
      draw();
    },
    note(message) {
      if (!enabled) return;
      io.stderr(io.isTTY ? `${REDRAW_LINE}${message}\n` : `${message}\n`);
      draw();
    },
    finish() {
      draw(true);
      total = 0;
    },
  };
}
