import { BreakfixError, escapeText } from "../core/index.js";

export const ALLOW_FAILURES_HELP =
  "exit 0 even when some items or attempts failed (they stay out of every rate); without it a run with failures exits 1";

export interface RunEnd {
  /** `bench run`, `red-team run`: how the line names the run. */
  what: string;
  /** `breakfix bench run`: the command that resumes the run or redoes its failures. */
  command: string;
  runId: string;
  status: "done" | "interrupted";
  /** Failed units and all units, with what a unit is (`items`, `attempts`). */
  failed: number;
  total: number;
  unit: string;
  /** The most common reason, quoted in the line (escaped: it may be a provider's error body). */
  reason?: string;
}

/**
 * An interrupted run says how to resume it. A run that finished with failed items is not a success: exit 1
 * with one line saying how many failed, why, and how to redo them, unless the user accepted partial runs
 * with `--allow-failures`.
 */
export function assertRunComplete(f: RunEnd, allowFailures: boolean | undefined): void {
  if (f.status === "interrupted") {
    throw new BreakfixError("ABORTED", `${f.what} ${f.runId} was interrupted; finished ${f.unit} are kept`, {
      fix: `resume it with \`${f.command} --run-id ${f.runId}\``,
    });
  }
  if (f.failed === 0 || allowFailures) return;
  const reason = f.reason ? ` (most often: ${escapeText(f.reason.slice(0, 160), { oneLine: true })})` : "";
  throw new BreakfixError(
    "RUN_INCOMPLETE",
    `${f.what} ${f.runId} finished with ${f.failed} of ${f.total} ${f.unit} failed${reason}; failed ${f.unit} are left out of every rate`,
    {
      fix: `redo them with \`${f.command} --run-id ${f.runId} --retry-failed\`, or pass --allow-failures to accept a partial run`,
    },
  );
}
