import { writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { escapeJsonText } from "../../core/index.js";
import {
  convertTrainingData,
  DEFAULT_CHECKPOINT_EVERY,
  DPO_LOSS_TYPES,
  type EngineTrainingRequest,
  INPUT_FORMATS,
  type Launcher,
  lineList,
  readTrainingFile,
  resolveEngineCheckpoint,
  runEngineTraining,
  TRAINING_FORMATS,
  type TrainMethod,
  toTrainingJsonl,
} from "../../train/index.js";
import type { CliContext } from "../context.js";
import { nonNegativeNumber, positiveInt, positiveNumber, wholeNumber } from "../option-parsers.js";
import { registerTrainAttach, startModel, trainHosted, trainWithTorch } from "./train-backends.js";

export interface TrainFlags {
  model: string;
  data: string;
  format: EngineTrainingRequest["format"];
  out?: string;
  backend: "engine" | "torch" | "openai";
  baseUrl?: string;
  suffix?: string;
  lrMultiplier?: number;
  launcher: Launcher;
  gpus: number;
  nodes: number;
  nodeRank: number;
  masterAddr?: string;
  masterPort?: number;
  python?: string;
  loraRank: number;
  steps?: number;
  epochs?: number;
  batchSize: number;
  lr?: number;
  beta: number;
  loss: EngineTrainingRequest["loss"];
  sftWeight: number;
  val: number;
  evalEvery: number;
  patience: number;
  seed: number;
  resume: boolean;
  checkpointEvery: number;
}

/** Learning rates that trained the embedded model in its tests; large models want far smaller ones. */
const DEFAULT_LR: Record<TrainMethod, number> = { sft: 1e-3, dpo: 1e-4 };

function addTrainCommand(train: Command, ctx: CliContext, method: TrainMethod, description: string): void {
  const cmd = train
    .command(method)
    .description(description)
    .requiredOption(
      "--model <id>",
      "starting model: engine:<checkpoint> (engine, torch), a Hugging Face path (torch) or a provider model id (openai)",
    )
    .requiredOption("--data <file>", "training data (JSONL)")
    .addOption(
      new Option("--format <format>", "data format").choices(["auto", ...INPUT_FORMATS]).default("auto"),
    )
    .option("--out <dir>", `checkpoint folder to write (default .breakfix/checkpoints/${method})`)
    .addOption(
      new Option(
        "--backend <backend>",
        "engine (built-in, CPU), torch (PyTorch script, GPUs) or openai (hosted jobs API)",
      )
        .choices(["engine", "torch", "openai"])
        .default("engine"),
    )
    .option("--steps <n>", "optimizer steps", positiveInt("--steps"))
    .option(
      "--epochs <n>",
      "passes over the data (when --steps is not given; default 1)",
      positiveNumber("--epochs", "2"),
    )
    .option(
      "--batch-size <n>",
      method === "dpo" ? "pairs per step" : "conversations per step",
      positiveInt("--batch-size", "8"),
      8,
    )
    .option(
      "--lr <rate>",
      `peak learning rate (default: engine ${DEFAULT_LR[method]}, torch 1e-5; openai: the provider's, scaled by --lr-multiplier)`,
      positiveNumber("--lr", "1e-4"),
    )
    .option(
      "--val <fraction>",
      "share of the rows held out for validation",
      nonNegativeNumber("--val", "0.1"),
      0.1,
    )
    .option("--eval-every <n>", "validation every n steps", positiveInt("--eval-every", "10"), 10)
    .option("--seed <n>", "seed of the data order and split", wholeNumber("--seed", "1"), 1)
    .option(
      "--resume",
      "engine backend: continue an interrupted run (killed or Ctrl-C) from the newest intact checkpoint in <out>/training-state, to the same weights as an uninterrupted run; without it the run starts at step 0",
      false,
    )
    .option(
      "--checkpoint-every <n>",
      `engine backend: save a training checkpoint (weights, optimizer moments, step, data position) every n steps into <out>/training-state, removed when the run finishes (0 = only on Ctrl-C)`,
      wholeNumber("--checkpoint-every", "25"),
      DEFAULT_CHECKPOINT_EVERY,
    )
    .addOption(
      new Option("--launcher <name>", "torch backend: how to start the script")
        .choices(["python", "accelerate", "torchrun"])
        .default("python"),
    )
    .option("--gpus <n>", "torch backend: processes (GPUs) per node", positiveInt("--gpus", "8"), 1)
    .option("--nodes <n>", "torch backend: nodes", positiveInt("--nodes", "2"), 1)
    .option("--node-rank <n>", "torch backend: this node's rank", wholeNumber("--node-rank", "0"), 0)
    .option("--master-addr <host>", "torch backend: rendezvous host of node 0")
    .option("--master-port <port>", "torch backend: rendezvous port", positiveInt("--master-port", "29500"))
    .option("--python <exe>", "torch backend: Python interpreter for --launcher python")
    .option(
      "--base-url <url>",
      "openai backend: the jobs API (default $OPENAI_BASE_URL or https://api.openai.com/v1)",
    )
    .option("--suffix <text>", "openai backend: suffix of the fine-tuned model's name")
    .option(
      "--lr-multiplier <x>",
      "openai backend: learning_rate_multiplier (default: the provider's)",
      positiveNumber("--lr-multiplier", "0.5"),
    )
    .option(
      "--lora-rank <r>",
      "torch backend: LoRA rank via PEFT (0 = full fine-tune)",
      wholeNumber("--lora-rank", "16"),
      0,
    );
  if (method === "sft") {
    cmd.option(
      "--patience <n>",
      "early stopping: evaluations without improvement (0 = off)",
      wholeNumber("--patience", "3"),
      0,
    );
  } else {
    cmd
      .option("--beta <β>", "DPO temperature β", positiveNumber("--beta", "0.1"), 0.1)
      .addOption(new Option("--loss <type>", "DPO loss").choices([...DPO_LOSS_TYPES]).default("sigmoid"))
      .option(
        "--sft-weight <α>",
        "weight of an SFT term on the chosen answers (0 = off)",
        nonNegativeNumber("--sft-weight", "0.2"),
        0,
      );
  }
  cmd.action(async (o: TrainFlags) => {
    const cwd = ctx.io.cwd;
    const outDir = path.resolve(cwd, o.out ?? path.join(".breakfix", "checkpoints", method));
    if (o.backend === "torch") {
      await trainWithTorch(ctx, method, o, outDir);
      return;
    }
    if (o.backend === "openai") {
      await trainHosted(ctx, method, o);
      return;
    }
    const request: EngineTrainingRequest = {
      method,
      checkpointDir: resolveEngineCheckpoint(await startModel(ctx, o.model), cwd),
      dataFile: path.resolve(cwd, o.data),
      format: o.format,
      outDir,
      steps: o.steps,
      epochs: o.epochs,
      batchSize: o.batchSize,
      learningRate: o.lr ?? DEFAULT_LR[method],
      seed: o.seed,
      validationFraction: o.val,
      evalEvery: o.evalEvery,
      patience: o.patience ?? 0,
      beta: o.beta ?? 0.1,
      loss: o.loss ?? "sigmoid",
      sftWeight: o.sftWeight ?? 0,
      resume: o.resume,
      checkpointEvery: o.checkpointEvery,
    };
    const store = await ctx.store();
    const result = runEngineTraining(request, { store, progress: ctx.progress(), signal: ctx.io.signal });
    ctx.print(result, () =>
      [
        `${method.toUpperCase()} ${result.steps} steps${result.resumedFromStep ? ` (resumed at ${result.resumedFromStep})` : ""} → ${result.outDir}`,
        ...Object.entries(result.metrics).map(([k, v]) => `  ${k} ${Number(v.toPrecision(5))}`),
        ...(result.dropped
          ? [`  ${result.dropped} rows skipped (too long for the context or nothing to train on)`]
          : []),
        result.checkpointId
          ? `checkpoint ${result.checkpointId} (parent ${result.parentId}), run ${result.runId}; use it as engine:${result.outDir}`
          : `interrupted: rerun with --resume to continue (run ${result.runId})`,
      ].join("\n"),
    );
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

  train
    .command("convert <file>")
    .description(
      "convert training data between OpenAI chat, OpenAI DPO, TRL and HH-RLHF JSONL (also reads TRL prompt-completion, KTO and PKU-SafeRLHF)",
    )
    .addOption(
      new Option("--from <format>", "input format").choices(["auto", ...INPUT_FORMATS]).default("auto"),
    )
    .addOption(
      new Option("--to <format>", "output format").choices([...TRAINING_FORMATS]).makeOptionMandatory(),
    )
    .option("--out <file>", "output file (default: stdout)")
    .action(
      (
        file: string,
        o: { from: EngineTrainingRequest["format"]; to: (typeof TRAINING_FORMATS)[number]; out?: string },
      ) => {
        const { data } = readTrainingFile(path.resolve(ctx.io.cwd, file), o.from, { allowUnpaired: true });
        const text = toTrainingJsonl(convertTrainingData(data, o.to));
        const unpaired = data.unpairedLines ?? [];
        // Rows that could not pair never vanish unseen: stderr names them even when the data goes to stdout.
        if (unpaired.length > 0) {
          ctx.io.stderr(
            `${unpaired.length} KTO row${unpaired.length === 1 ? "" : "s"} left out: their prompt has no completion of the other label (lines ${lineList(unpaired)})\n`,
          );
        }
        if (o.out === undefined) {
          ctx.io.stdout(escapeJsonText(text));
          return;
        }
        const out = path.resolve(ctx.io.cwd, o.out);
        writeFileSync(out, text);
        const from = data.readAs ?? data.format;
        ctx.print(
          { from, to: o.to, rows: data.rows.length, unpairedRows: unpaired.length, out },
          () => `${data.rows.length} rows ${from} → ${o.to}: ${out}`,
        );
      },
    );
}
