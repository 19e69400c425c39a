import { BreakfixError } from "../../core/index.js";
import { newRunId, type Store } from "../../store/index.js";
import {
  convertTrainingData,
  type InputFormat,
  readTrainingFile,
  toTrainingJsonl,
} from "../../training-data/index.js";
import type { FineTuneClient, FineTuneJob } from "./fine-tune-client.js";
import { type FollowIo, type FollowOptions, followFineTuneJob } from "./follow-job.js";

export interface HostedFineTuneRequest extends FollowOptions {
  method: "sft" | "dpo";
  /** The provider's base model id, e.g. gpt-4.1-mini-2025-04-14. */
  model: string;
  dataFile: string;
  format: InputFormat | "auto";
  suffix?: string;
  seed?: number;
  /** Provider hyperparameters (n_epochs, batch_size, learning_rate_multiplier, beta); omitted = auto. */
  hyperparameters: Record<string, number>;
  /** Recorded with the run, so a caller can find its job again after a crash (the cycle's stage id). */
  tag?: string;
}

export interface HostedFineTuneResult {
  runId: string;
  jobId: string;
  status: FineTuneJob["status"];
  fineTunedModel: string | null;
  metrics: Record<string, number>;
}

/**
 * Uploads the data in OpenAI's format, creates a `supervised` or `dpo` job, follows it to its end (see
 * followFineTuneJob) and returns the fine-tuned model id. The run in the store carries the job id and the
 * data version, so a crashed caller can find the job again (`attachHostedFineTune`).
 */
export async function runHostedFineTune(
  client: FineTuneClient,
  r: HostedFineTuneRequest,
  io: FollowIo,
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
  return follow(client, job, r, io, {
    ...r,
    backend: "openai",
    jobId: job.id,
    fileId: file.id,
    dataVersion,
  });
}

/**
 * Follows a job started earlier (by this tool or not) to its end, as a new run: after a crash, a lost
 * connection or a detach. `method` names what the job trains, for the checkpoint record.
 */
export async function attachHostedFineTune(
  client: FineTuneClient,
  r: FollowOptions & { jobId: string; method?: "sft" | "dpo"; dataVersion?: string; tag?: string },
  io: FollowIo,
): Promise<HostedFineTuneResult> {
  const job = await client.getJob(r.jobId);
  const method = r.method ?? "sft";
  return follow(client, job, { ...r, method, model: job.model, hyperparameters: {} }, io, {
    backend: "openai",
    attached: true,
    jobId: job.id,
    model: job.model,
    method,
    ...(r.dataVersion && { dataVersion: r.dataVersion }),
    ...(r.tag && { tag: r.tag }),
  });
}

/** The newest job recorded under `tag` (see HostedFineTuneRequest.tag), if any. */
export function jobOfTag(store: Store, tag: string): { jobId: string; dataVersion?: string } | undefined {
  const run = store.runs
    .list({ kind: "train", limit: 1000 })
    .find((x) => x.config.tag === tag && typeof x.config.jobId === "string");
  if (!run) return undefined;
  const dataVersion = run.config.dataVersion;
  return { jobId: run.config.jobId as string, ...(typeof dataVersion === "string" && { dataVersion }) };
}

async function follow(
  client: FineTuneClient,
  job: FineTuneJob,
  r: FollowOptions & Pick<HostedFineTuneRequest, "method" | "model" | "hyperparameters">,
  io: FollowIo,
  config: Record<string, unknown>,
): Promise<HostedFineTuneResult> {
  const runId = newRunId("train");
  io.store?.runs.start({ id: runId, kind: "train", name: `openai ${r.method} ${job.id}`, config });
  io.progress.note(`job ${job.id} ${config.attached ? "attached" : "created"} (${job.status})`);
  let followed: Awaited<ReturnType<typeof followFineTuneJob>>;
  try {
    followed = await followFineTuneJob(client, job, runId, r, io);
  } catch (e) {
    if (!(e instanceof BreakfixError && e.code === "ABORTED"))
      io.store?.runs.finish(runId, "failed", { error: (e as Error).message, summary: { jobId: job.id } });
    throw e;
  }
  const { job: current, metrics } = followed;
  if (current.status !== "succeeded") {
    io.store?.runs.finish(runId, "failed", {
      error: current.error?.message ?? current.status,
      summary: { jobId: job.id },
    });
    throw new BreakfixError(
      "MODEL_UNAVAILABLE",
      `fine-tuning job ${job.id} ${current.status}: ${current.error?.message ?? "no reason given"}`,
      { fix: "read the job's events; fix the data or hyperparameters and start a new job" },
    );
  }
  if (io.store && current.fine_tuned_model) {
    const parentId = `hosted-${current.model}`;
    if (!io.store.checkpoints.get(parentId))
      io.store.checkpoints.put({ id: parentId, kind: "import", location: current.model });
    io.store.checkpoints.put({
      id: `hosted-${current.fine_tuned_model}`,
      parentId,
      kind: r.method,
      location: current.fine_tuned_model,
      runId,
      ...(typeof config.dataVersion === "string" && { dataVersion: config.dataVersion }),
      config: {
        backend: "openai",
        baseModel: current.model,
        jobId: job.id,
        hyperparameters: r.hyperparameters,
      },
      metrics,
    });
  }
  io.store?.runs.finish(runId, "done", {
    summary: { jobId: job.id, fineTunedModel: current.fine_tuned_model, ...metrics },
  });
  return { runId, jobId: job.id, status: current.status, fineTunedModel: current.fine_tuned_model, metrics };
}
