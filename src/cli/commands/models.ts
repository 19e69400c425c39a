import type { Command } from "commander";
import {
  checkFailure,
  checkModel,
  formatCheck,
  formatProviderListing,
  PROBE_PROMPT,
  providerListing,
} from "../../models/index.js";
import type { CliContext } from "../context.js";
import { positiveInt } from "../option-parsers.js";

export function registerModelsCommands(program: Command, ctx: CliContext): void {
  const models = program
    .command("models")
    .description("Model providers: list them, check that a model answers");

  models
    .command("list")
    .description("provider kinds, configured providers (key variable names only, never values), mock models")
    .action(async () => {
      const config = await ctx.config();
      ctx.print(providerListing(config.models, ctx.io.env), formatProviderListing);
    });

  models
    .command("check <model>")
    .description("send one probe prompt (never cached) and show latency, reply, finish reason and usage")
    .option("--prompt <text>", "probe prompt", PROBE_PROMPT)
    .option("--max-tokens <n>", "reply token limit", positiveInt("--max-tokens", "32"), 32)
    .action(async (id: string, opts: { prompt: string; maxTokens: number }) => {
      // A check must reach the model: the response cache is off for it.
      const model = await ctx.model(id, { cache: false });
      const report = await checkModel(model, id, { ...opts, signal: ctx.io.signal });
      ctx.print(report, formatCheck);
      const failure = checkFailure(report);
      if (failure) throw failure;
    });
}
