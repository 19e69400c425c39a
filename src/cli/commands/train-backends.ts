import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { type ModelRef, parseModelRef } from "../../models/index.js";
import { attachHostedFineTune, createFineTuneClient, formatHostedJob } from "../../train/index.js";
import type { CliContext } from "../context.js";

/** `--model` as typed: an id or alias, or (torch) a Hugging Face folder or hub name, which has no provider. */
export async function startModel(ctx: CliContext, text: string): Promise<ModelRef> {
  return parseModelRef(text, (await ctx.config()).models.aliases);
}

/** The hosted jobs API, with the key from the environment. */
export function fineTuneClient(ctx: CliContext, baseUrl: string | undefined) {
  const apiKey = ctx.io.env.OPENAI_API_KEY;
  if (!apiKey) {
    throw new BreakfixError("CONFIG_INVALID", "the openai backend needs an API key", {
      fix: "set OPENAI_API_KEY (the key of the service that runs the fine-tuning jobs)",
    });
  }
  return createFineTuneClient({
    baseUrl: baseUrl ?? ctx.io.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    apiKey,
  });
}

/** `train attach <job-id>`: follow a hosted job started earlier (after a crash, a lost connection). */
export function registerTrainAttach(train: Command, ctx: CliContext): void {
  train
    .command("attach <job-id>")
    .description(
      "follow a hosted fine-tuning job started earlier to its end (metrics into the store, the model id at the end); Ctrl-C stops following and leaves the job running",
    )
    .option("--base-url <url>", "the jobs API (default $OPENAI_BASE_URL or https://api.openai.com/v1)")
    .option("--method <method>", "what the job trains, for the checkpoint record: sft or dpo", "sft")
    .action(async (jobId: string, o: { baseUrl?: string; method: string }) => {
      if (o.method !== "sft" && o.method !== "dpo") {
        throw new BreakfixError("USAGE", `--method must be sft or dpo, got ${JSON.stringify(o.method)}`, {
          fix: "pass --method sft or --method dpo",
        });
      }
      const result = await attachHostedFineTune(
        fineTuneClient(ctx, o.baseUrl),
        { jobId, method: o.method, onAbort: "detach" },
        { store: await ctx.store(), progress: ctx.progress(), signal: ctx.io.signal },
      );
      ctx.print(result, () => formatHostedJob(result));
    });
}
