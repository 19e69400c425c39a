import { BreakfixError } from "../../core/index.js";
import { type createFineTuneClient, runHostedFineTune } from "../../train/index.js";
import type { CycleTrainer } from "./cycle-trainer.js";

/**
 * A hosted fine-tuning API (OpenAI's jobs API or one that speaks it): the data is uploaded, the job
 * followed, and the fine-tuned model evaluated through the same provider (`<provider>:<fine-tuned id>`).
 */
export function hostedTrainer(
  client: ReturnType<typeof createFineTuneClient>,
  provider = "openai",
): CycleTrainer {
  return {
    backend: "openai",
    async train(r, io) {
      const model = r.model.startsWith(`${provider}:`) ? r.model.slice(provider.length + 1) : r.model;
      const result = await runHostedFineTune(
        client,
        {
          method: r.method,
          model,
          dataFile: r.dataFile,
          format: "auto",
          suffix: `breakfix-${r.method}`,
          seed: r.seed,
          hyperparameters: r.method === "dpo" ? { beta: r.settings.dpo.beta } : {},
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
        model: `${provider}:${result.fineTunedModel}`,
        checkpointDir: result.fineTunedModel,
        metrics: result.metrics,
      };
    },
  };
}
