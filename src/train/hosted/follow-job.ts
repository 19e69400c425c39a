import { BreakfixError, type Progress, sleep } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import {
  FINISHED,
  FineTuneApiError,
  type FineTuneClient,
  type FineTuneEvent,
  type FineTuneJob,
} from "./fine-tune-client.js";

export interface FollowOptions {
  /** First poll interval and its cap (ms); the interval grows ×1.5 while nothing new happens. */
  pollMs?: number;
  maxPollMs?: number;
  /** Transient API failures in a row (429, 5xx, network) tolerated while polling; default 8. */
  maxTransientFailures?: number;
  /** On Ctrl-C: cancel the job (default), or leave it running and stop following. */
  onAbort?: "cancel" | "detach";
}

export interface FollowIo {
  store?: Store;
  progress: Progress;
  signal?: AbortSignal;
}

/** The events' numeric `data` fields (step, train_loss, ...), as the provider names them. */
function metricsOf(e: FineTuneEvent): { step: number; values: Record<string, number> } | undefined {
  if (e.type !== "metrics" || !e.data) return undefined;
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(e.data))
    if (k !== "step" && typeof v === "number" && Number.isFinite(v)) values[k] = v;
  const step = e.data.step;
  return typeof step === "number" ? { step, values } : undefined;
}

/**
 * Follows a job to its end: status and events with backoff, metrics into the store under `runId`, new
 * messages to progress. A transient failure of the API is retried with a growing wait; only a run of
 * them ends the following, with the job left running and the command to re-attach. Ctrl-C cancels the job
 * (or detaches, as asked).
 */
export async function followFineTuneJob(
  client: FineTuneClient,
  job: FineTuneJob,
  runId: string,
  o: FollowOptions,
  io: FollowIo,
): Promise<{ job: FineTuneJob; metrics: Record<string, number> }> {
  const metrics: Record<string, number> = {};
  const seen = new Set<string>();
  const first = o.pollMs ?? 5000;
  const cap = o.maxPollMs ?? 60_000;
  const maxFailures = o.maxTransientFailures ?? 8;
  let current = job;
  let wait = first;
  let failures = 0;
  /**
   * Reads the latest page of events (newest first; the API's `after` cursor pages toward OLDER events, so
   * new ones are found by id) and handles the unseen ones oldest first; returns how many.
   */
  const drain = async (): Promise<number> => {
    const events = (await client.listEvents(job.id)).filter((e) => !seen.has(e.id)).reverse();
    for (const e of events) {
      seen.add(e.id);
      const m = metricsOf(e);
      if (m) {
        io.store?.metrics.log(runId, m.step, m.values);
        Object.assign(metrics, m.values);
      } else io.progress.note(e.message);
    }
    return events.length;
  };
  /** Runs one API call; a transient failure returns undefined after counting it (and gives up past the limit). */
  const tolerant = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await call();
      failures = 0;
      return value;
    } catch (e) {
      if (!(e instanceof FineTuneApiError && e.transient)) throw e;
      failures++;
      if (failures > maxFailures) {
        throw new BreakfixError(
          "MODEL_UNAVAILABLE",
          `lost contact with fine-tuning job ${job.id} after ${failures} failed calls in a row (${e.message}); the job may still be running`,
          { fix: `re-attach when the service answers again: breakfix train attach ${job.id}` },
        );
      }
      io.progress.note(`fine-tuning API: ${e.message}; trying again (${failures}/${maxFailures})`);
      wait = Math.min(cap, first * 2 ** failures);
      return undefined;
    }
  };
  while (!FINISHED.includes(current.status)) {
    try {
      await sleep(wait, io.signal);
    } catch (e) {
      if (!io.signal?.aborted) throw e;
      if (o.onAbort === "detach") {
        io.store?.runs.finish(runId, "interrupted", { summary: { jobId: job.id, detached: true } });
        throw new BreakfixError(
          "ABORTED",
          `stopped following fine-tuning job ${job.id}; it is still running`,
          {
            fix: `re-attach with: breakfix train attach ${job.id}`,
          },
        );
      }
      await client.cancel(job.id);
      io.store?.runs.finish(runId, "interrupted", { summary: { jobId: job.id, cancelled: true } });
      throw new BreakfixError("ABORTED", `fine-tuning job ${job.id} cancelled`);
    }
    // One poll is events then status; it counts as answered only when both were.
    const polled = await tolerant(async () => ({ fresh: await drain(), next: await client.getJob(job.id) }));
    if (polled === undefined) continue;
    current = polled.next;
    wait = polled.fresh > 0 ? first : Math.min(wait * 1.5, cap);
  }
  // Events written as the job finished.
  await tolerant(drain);
  return { job: current, metrics };
}
