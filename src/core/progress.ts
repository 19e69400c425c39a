/**
 * Progress reporting for long work. Library code reports through this interface; the CLI decides how to
 * show it (a TTY bar on stderr, JSON lines, or nothing).
 */
export interface Progress {
  /** Starts (or restarts) a task with a known total; `done` lets a resumed run start part-way. */
  start(label: string, total: number, done?: number): void;
  advance(n?: number): void;
  /** A one-line status message (shown under the bar or logged). */
  note(message: string): void;
  finish(): void;
}

export const silentProgress: Progress = {
  start() {},
  advance() {},
  note() {},
  finish() {},
};
