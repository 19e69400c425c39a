import type { Command } from "commander";
import { parseModelRef } from "../../models/index.js";
import { formatTraining, type TrainMethod } from "../../train/index.js";
import type { CliContext } from "../context.js";
import { registerTrainAttach } from "./train-attach.js";
import { registerTrainConvert } from "./train-convert.js";
import { addTrainOptions, type TrainFlags, trainerSpecOf, trainingJobOf } from "./train-options.js";

function addTrainCommand(train: Command, ctx: CliContext, method: TrainMethod, description: string): void {
  const cmd = addTrainOptions(train.command(method).description(description), method);
  cmd.action(async (o: TrainFlags) => {
    // As typed: an id or alias, or (torch) a Hugging Face folder or hub name, which has no provider.
    const model = parseModelRef(o.model, (await ctx.config()).models.aliases);
    const env = await ctx.env();
    const trained = await env.trainer(trainerSpecOf(o)).train(trainingJobOf(method, model, o), env);
    ctx.print(trained.detail.result, () => formatTraining(method, trained.detail));
  });
}

export function registerTrainCommands(program: Command, ctx: CliContext): void {
  const train = program
    .command("train")
    .description("Safety post-training: SFT and DPO, and training-data formats");
  addTrainCommand(
    train,
    ctx,
    "sft",
    "supervised fine-tuning on chat conversations (loss on assistant turns only)",
  );
  addTrainCommand(train, ctx, "dpo", "direct preference optimisation on (chosen ≻ rejected) pairs");
  registerTrainAttach(train, ctx);
  registerTrainConvert(train, ctx);
}
