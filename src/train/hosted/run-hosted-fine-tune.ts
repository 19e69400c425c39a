import { BreakfixError, type Progress, sleep } from "../../core/index.js";
import { newRunId, type Store } from "../../store/index.js";
import {
  convertTrainingData,
  type InputFormat,
  readTrainingFile,
  toTrainingJsonl,
} from "../formats/index.js";
import { FINISHED, type FineTuneClient, type FineTuneEvent, type FineTuneJob } from "./fine-tune-client.js";

export interface HostedFineTuneRequest {
  method: "sft" | "dpo";
  /** The provider's base model id, e.g. gpt-4.1-mini-2025-04-14. */
  model: string;
  dataFile: string;
  format: InputFormat | "auto";
  suffix?: string;
  seed?: number;
  /** Provider hyperparameters (n_epochs, batch_size, learning_rate_multiplier, beta); omitted = auto. */
  hyperparameters: Record<string, number>;
  /** First poll interval and its cap (ms); the interval grows ×1.5 while nothing new happens. */
  pollMs?: number;
  maxPollMs?: number;
}

export interface HostedFineTuneResult {
  runId: string;
  jobId: string;
  status: FineTuneJob["status"];
  fineTunedModel: string | null;
  metrics: Record<string, number>;
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
 * Uploads the data in OpenAI's format, creates a `supervised` or `dpo` job, follows its status and events
 * with backoff (metrics into the store and progress), cancels it when `signal` aborts, and returns the
 * fine-tuned model id.
 */
export async function runHostedFineTune(
  client: FineTuneClient,
  r: HostedFineTuneRequest,
  io: { store?: Store; progress: Progress; signal?: AbortSignal },
): Promise<HostedFineTuneResult> {
  const { data, dataVersion } = readTrainingFile(r.dataFile, r.format);
  if (r.method === "dpo" && data.kind !== "preference") {
    throw new BreakfixError("USAGE", `DPO needs preference pairs; ${r.dataFile} holds SFT conversations`, {
      fix: "pass a preference file (openai-dpo, trl or hh)",
    });
  }
  const jsonl = toTrainingJsonl(convertTrainingData(data, r.method === "sft" ? "openai" : "openai-dpo"));
  const stoppedBeforeJob = () =>
    new BreakfixError("ABORTED", "fine-tuning cancelled before a job was created", {
      fix: "start the fine-tune again when ready",
    });
  let file: { id: string };
  try {
    file = await client.uploadFile(
      `breakfix-${r.method}-${dataVersion.slice(0, 12)}.jsonl`,
      jsonl,
      io.signal,
    );
  } catch (e) {
    if (io.signal?.aborted) throw stoppedBeforeJob();
    throw e;
  }
  if (io.signal?.aborted) throw stoppedBeforeJob();
  const type = r.method === "sft" ? "supervised" : "dpo";
  // Not abortable: once the request is sent the provider may create the job, and only a job whose id we
  // know can be cancelled. An abort meanwhile is seen by the first poll's sleep, which cancels the job.
  const job = await client.createJob({
    model: r.model,
    training_file: file.id,
    ...(r.suffix ? { suffix: r.suffix } : {}),
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    method: { type, [type]: { hyperparameters: r.hyperparameters } },
  });
  const runId = newRunId("train");
  io.store?.runs.start({
    id: runId,
    kind: "train",
    name: `openai ${r.method} ${job.id}`,
    config: { ...r, backend: "openai", jobId: job.id, fileId: file.id, dataVersion },
  });
  io.progress.note(`job ${job.id} created (${job.status})`);
  const metrics: Record<string, number> = {};
  const seen = new Set<string>();
  let current = job;
  let wait = r.pollMs ?? 5000;
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
  try {
    while (!FINISHED.includes(current.status)) {
      try {
        await sleep(wait, io.signal);
      } catch (e) {
        if (!io.signal?.aborted) throw e;
        await client.cancel(job.id);
        io.store?.runs.finish(runId, "interrupted", { summary: { jobId: job.id, cancelled: true } });
        throw new BreakfixError("ABORTED", `fine-tuning job ${job.id} cancelled`);
      }
      const fresh = await drain();
      current = await client.getJob(job.id);
      wait = fresh > 0 ? (r.pollMs ?? 5000) : Math.min(wait * 1.5, r.maxPollMs ?? 60_000);
    }
    // Events written as the job finished.
    await drain();
  } catch (e) {
    if (!(e instanceof BreakfixError && e.code === "ABORTED"))
      io.store?.runs.finish(runId, "failed", { error: (e as Error).message });
    throw e;
  }
  if (current.status !== "succeeded") {
    io.store?.runs.finish(runId, "failed", { error: current.error?.message ?? current.status });
    throw new BreakfixError(
      "MODEL_UNAVAILABLE",
      `fine-tuning job ${job.id} ${current.status}: ${current.error?.message ?? "no reason given"}`,
      {
        fix: "read the job's events; fix the data or hyperparameters and start a new job",
      },
    );
  }
  if (io.store && current.fine_tuned_model) {
    const parentId = `hosted-${r.model}`;
    if (!io.store.checkpoints.get(parentId))
      io.store.checkpoints.put({ id: parentId, kind: "import", location: r.model });
    io.store.checkpoints.put({
      id: `hosted-${current.fine_tuned_model}`,
      parentId,
      kind: r.method,
      location: current.fine_tuned_model,
      runId,
      dataVersion,
      config: { backend: "openai", baseModel: r.model, jobId: job.id, hyperparameters: r.hyperparameters },
      metrics,
    });
  }
  io.store?.runs.finish(runId, "done", {
    summary: { jobId: job.id, fineTunedModel: current.fine_tuned_model, ...metrics },
  });
  return { runId, jobId: job.id, status: current.status, fineTunedModel: current.fine_tuned_model, metrics };
}
