import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BreakfixError } from "../../core/index.js";
import { type ModelRef, parseModelRef } from "../../models/index.js";
import {
  attachHostedFineTune,
  createFineTuneClient,
  type HostedFineTuneResult,
  runHostedFineTune,
  runTorchTraining,
  type TrainMethod,
} from "../../train/index.js";
import type { CliContext } from "../context.js";
import type { TrainFlags } from "./train.js";

/** `--model` as typed: an id or alias, or (torch) a Hugging Face folder or hub name, which has no provider. */
export async function startModel(ctx: CliContext, text: string): Promise<ModelRef> {
  return parseModelRef(text, (await ctx.config()).models.aliases);
}

/** `train sft|dpo --backend torch`: the PyTorch script (see src/train/torch). */
export async function trainWithTorch(
  ctx: CliContext,
  method: TrainMethod,
  o: TrainFlags,
  outDir: string,
): Promise<void> {
  const store = await ctx.store();
  const given = await startModel(ctx, o.model);
  // A Hugging Face folder is found from the working directory; a hub name goes to the script as written.
  const folder = given.kind === "folder" ? path.resolve(ctx.io.cwd, given.path) : undefined;
  const result = await runTorchTraining(
    {
      method,
      model: folder && existsSync(folder) ? parseModelRef(folder) : given,
      dataFile: path.resolve(ctx.io.cwd, o.data),
      format: o.format,
      outDir,
      // As the engine: --steps wins, else the epochs (default one pass).
      ...(o.steps === undefined ? { epochs: o.epochs ?? 1 } : { steps: o.steps }),
      validationFraction: o.val,
      evalEvery: o.evalEvery,
      batchSize: o.batchSize,
      learningRate: o.lr ?? 1e-5,
      beta: o.beta ?? 0.1,
      loss: o.loss ?? "sigmoid",
      sftWeight: o.sftWeight ?? 0,
      seed: o.seed,
      loraRank: o.loraRank,
      plan: {
        launcher: o.launcher,
        gpusPerNode: o.gpus,
        nodes: o.nodes,
        nodeRank: o.nodeRank,
        masterAddr: o.masterAddr,
        masterPort: o.masterPort,
        python: o.python,
      },
    },
    { store, progress: ctx.progress(), signal: ctx.io.signal, cwd: ctx.io.cwd },
  );
  ctx.print(result, () =>
    [
      `torch ${method} ${result.steps} steps → ${result.hfOut}`,
      ...Object.entries(result.metrics).map(([k, v]) => `  ${k} ${Number(v.toPrecision(5))}`),
      `checkpoint ${result.checkpointId ?? "(not recorded)"}, run ${result.runId}`,
    ].join("\n"),
  );
}

function fineTuneClient(ctx: CliContext, baseUrl: string | undefined) {
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

const printJob = (ctx: CliContext, result: HostedFineTuneResult) =>
  ctx.print(
    result,
    () =>
      `job ${result.jobId} ${result.status}: ${result.fineTunedModel ?? "no model"} (run ${result.runId})`,
  );

/** `train sft|dpo --backend openai`: a hosted fine-tuning job, followed to its end. */
export async function trainHosted(ctx: CliContext, method: TrainMethod, o: TrainFlags): Promise<void> {
  const hyperparameters: Record<string, number> = {
    ...(o.epochs !== undefined ? { n_epochs: o.epochs } : {}),
    ...(o.lrMultiplier !== undefined ? { learning_rate_multiplier: o.lrMultiplier } : {}),
    ...(method === "dpo" ? { beta: o.beta ?? 0.1 } : {}),
  };
  const result = await runHostedFineTune(
    fineTuneClient(ctx, o.baseUrl),
    {
      method,
      model: o.model,
      dataFile: path.resolve(ctx.io.cwd, o.data),
      format: o.format,
      suffix: o.suffix,
      seed: o.seed,
      hyperparameters,
    },
    { store: await ctx.store(), progress: ctx.progress(), signal: ctx.io.signal },
  );
  printJob(ctx, result);
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
      printJob(ctx, result);
    });
}
