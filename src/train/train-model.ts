import { existsSync } from "node:fs";
import path from "node:path";
import type { Progress } from "../core/index.js";
import { type ModelRef, parseModelRef } from "../models/index.js";
import type { Store } from "../store/index.js";
import type { FineTuneClient } from "./hosted/fine-tune-client.js";
import { type HostedFineTuneResult, runHostedFineTune } from "./hosted/run-hosted-fine-tune.js";
import { resolveEngineCheckpoint } from "./resolve-start-model.js";
import {
  type EngineTrainingRequest,
  type EngineTrainingResult,
  runEngineTraining,
  type TrainMethod,
} from "./run-engine-training.js";
import type { Launcher } from "./torch/launch-command.js";
import { runTorchTraining, type TorchTrainingResult } from "./torch/run-torch-training.js";

/** Learning rates that trained the embedded model in its tests; large models want far smaller ones. */
export const DEFAULT_ENGINE_LR: Record<TrainMethod, number> = { sft: 1e-3, dpo: 1e-4 };

/** What a caller asks of `train sft|dpo`: its flags, camel-cased (files relative to the environment's folder). */
export interface TrainRequest {
  method: TrainMethod;
  /** The starting model as parsed (an alias resolved; a Hugging Face folder or hub name for torch). */
  model: ModelRef;
  data: string;
  format: EngineTrainingRequest["format"];
  out?: string;
  backend: "engine" | "torch" | "openai";
  /** How to reach the hosted jobs API: asked only by the openai backend. */
  fineTuneClient(): FineTuneClient;
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
  beta?: number;
  loss?: EngineTrainingRequest["loss"];
  sftWeight?: number;
  val: number;
  evalEvery: number;
  patience?: number;
  seed: number;
  resume: boolean;
  checkpointEvery: number;
}

export type TrainOutcome =
  | { backend: "engine"; result: EngineTrainingResult }
  | { backend: "torch"; result: TorchTrainingResult }
  | { backend: "openai"; result: HostedFineTuneResult };

/** What training needs from its caller. */
export interface TrainEnv {
  store: Store;
  progress: Progress;
  signal?: AbortSignal;
  cwd: string;
}

/** Trains with SFT or DPO on the backend asked for: the built-in engine, the PyTorch script or a hosted job. */
export async function trainModel(env: TrainEnv, r: TrainRequest): Promise<TrainOutcome> {
  const { cwd } = env;
  const outDir = path.resolve(cwd, r.out ?? path.join(".breakfix", "checkpoints", r.method));
  const dataFile = path.resolve(cwd, r.data);
  if (r.backend === "openai") {
    const hyperparameters: Record<string, number> = {
      ...(r.epochs !== undefined ? { n_epochs: r.epochs } : {}),
      ...(r.lrMultiplier !== undefined ? { learning_rate_multiplier: r.lrMultiplier } : {}),
      ...(r.method === "dpo" ? { beta: r.beta ?? 0.1 } : {}),
    };
    const job = {
      method: r.method,
      model: r.model.written,
      dataFile,
      format: r.format,
      suffix: r.suffix,
      seed: r.seed,
      hyperparameters,
    };
    return { backend: "openai", result: await runHostedFineTune(r.fineTuneClient(), job, env) };
  }
  if (r.backend === "torch") {
    // A Hugging Face folder is found from the working directory; a hub name goes to the script as written.
    const folder = r.model.kind === "folder" ? path.resolve(cwd, r.model.path) : undefined;
    const request = {
      method: r.method,
      model: folder && existsSync(folder) ? parseModelRef(folder) : r.model,
      dataFile,
      format: r.format,
      outDir,
      // As the engine: --steps wins, else the epochs (default one pass).
      ...(r.steps === undefined ? { epochs: r.epochs ?? 1 } : { steps: r.steps }),
      validationFraction: r.val,
      evalEvery: r.evalEvery,
      batchSize: r.batchSize,
      learningRate: r.lr ?? 1e-5,
      beta: r.beta ?? 0.1,
      loss: r.loss ?? "sigmoid",
      sftWeight: r.sftWeight ?? 0,
      seed: r.seed,
      loraRank: r.loraRank,
      plan: {
        launcher: r.launcher,
        gpusPerNode: r.gpus,
        nodes: r.nodes,
        nodeRank: r.nodeRank,
        masterAddr: r.masterAddr,
        masterPort: r.masterPort,
        python: r.python,
      },
    };
    return { backend: "torch", result: await runTorchTraining(request, env) };
  }
  const request: EngineTrainingRequest = {
    method: r.method,
    checkpointDir: resolveEngineCheckpoint(r.model, cwd),
    dataFile,
    format: r.format,
    outDir,
    steps: r.steps,
    epochs: r.epochs,
    batchSize: r.batchSize,
    learningRate: r.lr ?? DEFAULT_ENGINE_LR[r.method],
    seed: r.seed,
    validationFraction: r.val,
    evalEvery: r.evalEvery,
    patience: r.patience ?? 0,
    beta: r.beta ?? 0.1,
    loss: r.loss ?? "sigmoid",
    sftWeight: r.sftWeight ?? 0,
    resume: r.resume,
    checkpointEvery: r.checkpointEvery,
  };
  return { backend: "engine", result: runEngineTraining(request, env) };
}

/** A hosted job's outcome in one line. */
export const formatHostedJob = (result: HostedFineTuneResult): string =>
  `job ${result.jobId} ${result.status}: ${result.fineTunedModel ?? "no model"} (run ${result.runId})`;

/** What a training run did, for people (`--json` prints the result itself). */
export function formatTraining(method: TrainMethod, outcome: TrainOutcome): string {
  const metrics = (m: Record<string, number>) =>
    Object.entries(m).map(([k, v]) => `  ${k} ${Number(v.toPrecision(5))}`);
  if (outcome.backend === "openai") return formatHostedJob(outcome.result);
  if (outcome.backend === "torch") {
    const r = outcome.result;
    return [
      `torch ${method} ${r.steps} steps → ${r.hfOut}`,
      ...metrics(r.metrics),
      `checkpoint ${r.checkpointId ?? "(not recorded)"}, run ${r.runId}`,
    ].join("\n");
  }
  const r = outcome.result;
  return [
    `${method.toUpperCase()} ${r.steps} steps${r.resumedFromStep ? ` (resumed at ${r.resumedFromStep})` : ""} → ${r.outDir}`,
    ...metrics(r.metrics),
    ...(r.dropped ? [`  ${r.dropped} rows skipped (too long for the context or nothing to train on)`] : []),
    r.checkpointId
      ? `checkpoint ${r.checkpointId} (parent ${r.parentId}), run ${r.runId}; use it as engine:${r.outDir}`
      : `interrupted: rerun with --resume to continue (run ${r.runId})`,
  ].join("\n");
}
