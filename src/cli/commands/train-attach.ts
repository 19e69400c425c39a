import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { attachHostedFineTune, formatHostedJob } from "../../train/index.js";
import type { CliContext } from "../context.js";

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
      const env = await ctx.env();
      const result = await attachHostedFineTune(
        env.fineTuneClient(o.baseUrl),
        { jobId, method: o.method, onAbort: "detach" },
        env,
      );
      ctx.print(result, () => formatHostedJob(result));
    });
}
