import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import { parseModelRef } from "../../models/index.js";
import type { FineTuneClient } from "../hosted/fine-tune-client.js";
import { attachHostedFineTune, jobOfTag, runHostedFineTune } from "../hosted/run-hosted-fine-tune.js";
import type { TrainingBackend } from "./training-job.js";

/**
 * A hosted fine-tuning API (OpenAI's jobs API or one that speaks it): the data is uploaded, the job
 * followed, and the fine-tuned model evaluated through the same provider (`<provider>:<fine-tuned id>`).
 * A job given a run id that already started one (a cycle stage redone after a crash) follows that job again
 * instead of paying for a second one, unless it failed or was cancelled.
 */
export function hostedBackend(
  client: FineTuneClient,
  o: {
    cwd: string;
    provider?: string;
    /** Poll intervals (tests shorten them). */
    poll?: { pollMs?: number; maxPollMs?: number };
  },
): TrainingBackend {
  const provider = o.provider ?? "openai";
  return {
    backend: "openai",
    async train(job, io) {
      // The jobs API names the model without the provider that reaches it.
      const model =
        job.model.kind !== "folder" && job.model.provider === provider ? job.model.name : job.model.id;
      const earlier = job.runId === undefined ? undefined : jobOfTag(io.store, job.runId);
      const earlierJob = earlier && (await client.getJob(earlier.jobId));
      const reusable = earlierJob && earlierJob.status !== "failed" && earlierJob.status !== "cancelled";
      const result = reusable
        ? await attachHostedFineTune(
            client,
            { ...earlier, ...o.poll, method: job.method, tag: job.runId },
            io,
          )
        : await runHostedFineTune(
            client,
            {
              method: job.method,
              model,
              dataFile: path.resolve(o.cwd, job.dataFile),
              format: job.format,
              ...(job.suffix !== undefined && { suffix: job.suffix }),
              seed: job.seed,
              hyperparameters: {
                ...(job.epochs !== undefined && { n_epochs: job.epochs }),
                ...(job.lrMultiplier !== undefined && { learning_rate_multiplier: job.lrMultiplier }),
                ...(job.method === "dpo" && { beta: job.beta }),
              },
              ...(job.runId !== undefined && { tag: job.runId }),
              ...o.poll,
            },
            io,
          );
      if (!result.fineTunedModel) {
        throw new BreakfixError(
          io.signal?.aborted ? "ABORTED" : "MODEL_UNAVAILABLE",
          `fine-tuning job ${result.jobId} ended ${result.status} (run ${result.runId})`,
          { fix: "see the job's events with the provider; train again (a cycle: resume it) to try again" },
        );
      }
      return {
        runId: result.runId,
        model: parseModelRef(`${provider}:${result.fineTunedModel}`),
        checkpointDir: result.fineTunedModel,
        metrics: result.metrics,
        detail: { backend: "openai", result },
      };
    },
  };
}
