import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import type { CycleConfig, CycleEnv, CycleTrainer } from "../../cycle/index.js";
import { engineTrainer, hostedTrainer, servingCheckpoints, torchTrainer } from "../../cycle/index.js";
import { datasetRegistry } from "../../datasets/index.js";
import { createJudge } from "../../judges/index.js";
import { createFineTuneClient } from "../../train/index.js";
import type { CliContext } from "../context.js";
import { judgeModels } from "../judge-models.js";
import { datasetLoadOptions } from "./dataset-options.js";

/** The training backend a cycle config names, built with what it needs from the environment. */
function trainerFor(ctx: CliContext, config: CycleConfig): CycleTrainer {
  const { backend } = config.training;
  if (backend === "engine") return engineTrainer(ctx.io.cwd);
  if (backend === "torch") return torchTrainer(ctx.io.cwd, config.training.torch);
  const apiKey = ctx.io.env["OPENAI_API_KEY"];
  if (!apiKey) {
    throw new BreakfixError("CONFIG_INVALID", "training.backend openai needs an API key", {
      location: { field: "training.backend" },
      fix: "set OPENAI_API_KEY (the key of the service that runs the fine-tuning jobs)",
    });
  }
  const baseUrl = ctx.io.env["OPENAI_BASE_URL"] ?? "https://api.openai.com/v1";
  return hostedTrainer(createFineTuneClient({ baseUrl, apiKey }));
}

/**
 * What a cycle gets from the CLI: the store, the shared model resolver, judges (LLM judges' models resolved
 * up front, since judges are built synchronously), datasets from the configured root, and the trainer.
 */
export async function cycleEnvOf(ctx: CliContext, config: CycleConfig): Promise<CycleEnv> {
  const store = await ctx.store();
  const appConfig = await ctx.config();
  const resolveModel = await judgeModels(ctx, [config.redteam.judge, ...Object.values(config.bench.judges)]);
  const loadOptions = await datasetLoadOptions(ctx);
  const env: CycleEnv = {
    store,
    resolveModel: (id) => ctx.model(id),
    createJudge: (id) => createJudge(id, { resolveModel, taxonomy: appConfig.taxonomy }),
    loadSamples: async (id) => (await datasetRegistry.get(id).load(loadOptions)).samples,
    trainer: trainerFor(ctx, config),
    progress: ctx.progress(),
    signal: ctx.io.signal,
    cwd: ctx.io.cwd,
  };
  const serve = config.training.serve;
  return serve
    ? servingCheckpoints(env, serve, { logDir: path.join(ctx.io.cwd, ".breakfix", "serve-logs") })
    : env;
}
