import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import type { CycleConfig, CycleEnv, CycleTrainer } from "../../cycle/index.js";
import { engineTrainer, hostedTrainer, servingCheckpoints, torchTrainer } from "../../cycle/index.js";
import { createJudge } from "../../judges/index.js";
import { createFineTuneClient } from "../../train/index.js";
import type { CliContext } from "../context.js";
import { judgeModels } from "../judge-models.js";

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
 * What a cycle gets from the CLI: the command's app environment, with judges built synchronously (the
 * config's LLM judge models resolved up front) and the trainer.
 */
export async function cycleEnvOf(ctx: CliContext, config: CycleConfig): Promise<CycleEnv> {
  const app = await ctx.env();
  const { taxonomy } = await ctx.config();
  const resolveModel = await judgeModels(ctx, [config.redteam.judge, ...Object.values(config.bench.judges)]);
  const env: CycleEnv = {
    ...app,
    createJudge: (id) => createJudge(id, { resolveModel, taxonomy }),
    trainer: trainerFor(ctx, config),
  };
  const serve = config.training.serve;
  return serve
    ? servingCheckpoints(env, serve, { logDir: path.join(ctx.io.cwd, ".breakfix", "serve-logs") })
    : env;
}
