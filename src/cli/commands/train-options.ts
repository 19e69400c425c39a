import path from "node:path";
import { type Command, Option } from "commander";
import type { ModelRef } from "../../models/index.js";
import {
  DEFAULT_CHECKPOINT_EVERY,
  DEFAULT_ENGINE_LR,
  DPO_LOSS_TYPES,
  type Launcher,
  type TrainerSpec,
  type TrainingJob,
  type TrainMethod,
} from "../../train/index.js";
import { INPUT_FORMATS, type InputFormat } from "../../training-data/index.js";
import { nonNegativeNumber, positiveInt, positiveNumber, wholeNumber } from "../option-parsers.js";

/** The flags of `train sft|dpo`, as commander gives them (see addTrainOptions). */
export interface TrainFlags {
  model: string;
  data: string;
  format: InputFormat | "auto";
  out?: string;
  backend: TrainerSpec["backend"];
  steps?: number;
  epochs?: number;
  batchSize: number;
  lr?: number;
  val: number;
  evalEvery: number;
  seed: number;
  resume: boolean;
  checkpointEvery: number;
  launcher: Launcher;
  gpus: number;
  nodes: number;
  nodeRank: number;
  masterAddr?: string;
  masterPort?: number;
  python?: string;
  baseUrl?: string;
  suffix?: string;
  lrMultiplier?: number;
  loraRank: number;
  patience?: number;
  beta?: number;
  loss?: TrainingJob["loss"];
  sftWeight?: number;
}

/** Which backend the flags ask for, with its own settings. */
export function trainerSpecOf(o: TrainFlags): TrainerSpec {
  if (o.backend === "openai") return { backend: "openai", baseUrl: o.baseUrl };
  if (o.backend === "engine") return { backend: "engine" };
  const { launcher, gpus: gpusPerNode, nodes, nodeRank, masterAddr, masterPort, python } = o;
  return {
    backend: "torch",
    loraRank: o.loraRank,
    plan: { launcher, gpusPerNode, nodes, nodeRank, masterAddr, masterPort, python },
  };
}

/** The training the flags ask for (the backend takes what applies to it). */
export function trainingJobOf(method: TrainMethod, model: ModelRef, o: TrainFlags): TrainingJob {
  return {
    method,
    model,
    dataFile: o.data,
    format: o.format,
    outDir: o.out ?? path.join(".breakfix", "checkpoints", method),
    seed: o.seed,
    steps: o.steps,
    epochs: o.epochs,
    batchSize: o.batchSize,
    learningRate: o.lr,
    validationFraction: o.val,
    evalEvery: o.evalEvery,
    patience: o.patience ?? 0,
    beta: o.beta ?? 0.1,
    loss: o.loss ?? "sigmoid",
    sftWeight: o.sftWeight ?? 0,
    resume: o.resume,
    checkpointEvery: o.checkpointEvery,
    suffix: o.suffix,
    lrMultiplier: o.lrMultiplier,
  };
}

/** The options of `train sft` and `train dpo` (the method's own last): the flags of a `TrainingJob`. */
export function addTrainOptions(cmd: Command, method: TrainMethod): Command {
  cmd
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
      `peak learning rate (default: engine ${DEFAULT_ENGINE_LR[method]}, torch 1e-5; openai: the provider's, scaled by --lr-multiplier)`,
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
  return cmd;
}
