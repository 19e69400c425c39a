import type { Command } from "commander";
import { formatTraining, type TrainMethod, type TrainRequest, trainModel } from "../../train/index.js";
import type { CliContext } from "../context.js";
import { fineTuneClient, registerTrainAttach, startModel } from "./train-backends.js";
import { registerTrainConvert } from "./train-convert.js";
import { addTrainOptions } from "./train-options.js";

/** The flags of `train sft|dpo`: a `TrainRequest` with the model as typed and the jobs API's address. */
export type TrainFlags = Omit<TrainRequest, "method" | "model" | "fineTuneClient"> & {
  model: string;
  baseUrl?: string;
};

function addTrainCommand(train: Command, ctx: CliContext, method: TrainMethod, description: string): void {
  const cmd = addTrainOptions(train.command(method).description(description), method);
  cmd.action(async (o: TrainFlags) => {
    const model = await startModel(ctx, o.model);
    const client = () => fineTuneClient(ctx, o.baseUrl);
    const outcome = await trainModel(await ctx.env(), { ...o, method, model, fineTuneClient: client });
    ctx.print(outcome.result, () => formatTraining(method, outcome));
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
