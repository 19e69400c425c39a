import path from "node:path";
import type { CycleConfig, CycleEnv } from "../../cycle/index.js";
import { cycleTrainerSpec, servingCheckpoints } from "../../cycle/index.js";
import { createJudge } from "../../judges/index.js";
import type { CliContext } from "../context.js";
import { judgeModels } from "../judge-models.js";

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
    trainer: app.trainer(cycleTrainerSpec(config.training)),
  };
  const serve = config.training.serve;
  return serve
    ? servingCheckpoints(env, serve, { logDir: path.join(ctx.io.cwd, ".breakfix", "serve-logs") })
    : env;
}
