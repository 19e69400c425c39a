import { BreakfixError } from "../../core/index.js";
import { parseModelRef } from "../../models/index.js";
import {
  attachHostedFineTune,
  type createFineTuneClient,
  jobOfTag,
  runHostedFineTune,
} from "../../train/index.js";
import type { CycleTrainer } from "./cycle-trainer.js";

/**
 * A hosted fine-tuning API (OpenAI's jobs API or one that speaks it): the data is uploaded, the job
 * followed, and the fine-tuned model evaluated through the same provider (`<provider>:<fine-tuned id>`).
 * A stage redone after a crash finds its job (tagged with the stage's run id) and follows it again instead
 * of paying for a second one, unless that job failed or was cancelled.
 */
export function hostedTrainer(
  client: ReturnType<typeof createFineTuneClient>,
  provider = "openai",
  /** Poll intervals (tests shorten them). */
  poll: { pollMs?: number; maxPollMs?: number } = {},
): CycleTrainer {
  return {
    backend: "openai",
    async train(r, io) {
      // The jobs API names the model without the provider that reaches it.
      const model = r.model.kind !== "folder" && r.model.provider === provider ? r.model.name : r.model.id;
      const earlier = jobOfTag(io.store, r.runId);
      const earlierJob = earlier && (await client.getJob(earlier.jobId));
      const reusable = earlierJob && earlierJob.status !== "failed" && earlierJob.status !== "cancelled";
      const result = reusable
        ? await attachHostedFineTune(client, { ...earlier, ...poll, method: r.method, tag: r.runId }, io)
        : await runHostedFineTune(
            client,
            {
              method: r.method,
              model,
              dataFile: r.dataFile,
              format: "auto",
              suffix: `breakfix-${r.method}`,
              seed: r.seed,
              hyperparameters: r.method === "dpo" ? { beta: r.settings.dpo.beta } : {},
              tag: r.runId,
              ...poll,
            },
            io,
          );
      if (!result.fineTunedModel) {
        throw new BreakfixError(
          "MODEL_UNAVAILABLE",
          `fine-tuning job ${result.jobId} ended ${result.status}`,
          {
            fix: "see the job's events with the provider; resume the cycle to try the stage again",
          },
        );
      }
      return {
        runId: result.runId,
        model: parseModelRef(`${provider}:${result.fineTunedModel}`),
        checkpointDir: result.fineTunedModel,
        metrics: result.metrics,
      };
    },
  };
}
