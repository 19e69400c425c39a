import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BreakfixError, type Progress } from "../../core/index.js";
import { exportHf, importHf, loadCheckpoint, saveCheckpoint } from "../../engine/formats/index.js";
import type { ModelRef } from "../../models/index.js";
import { newRunId, type Store } from "../../store/index.js";
import { type InputFormat, readTrainingFile } from "../../training-data/index.js";
import type { DpoLossType } from "../dpo/dpo-loss.js";
import { recordLineage } from "../lineage.js";
import { resolveEngineCheckpoint } from "../resolve-start-model.js";
import { buildLaunchCommand, type LaunchPlan, type SpawnCommand } from "./launch-command.js";
import { parseScriptLine } from "./metrics-stream.js";
import { writeScriptData } from "./script-data.js";

/** The training script shipped in the repository. */
export const TORCH_TRAIN_SCRIPT = fileURLToPath(
  new URL("../../../scripts/torch_train/train.py", import.meta.url),
);

export interface TorchTrainingRequest {
  method: "sft" | "dpo";
  /** `engine:<checkpoint>` (exported to Hugging Face format first) or a Hugging Face model (folder or hub name). */
  model: ModelRef;
  dataFile: string;
  format: InputFormat | "auto";
  outDir: string;
  /** Optimizer steps; or give `epochs` and they follow: ⌈epochs × training rows / batch size⌉. */
  steps?: number;
  epochs?: number;
  /** Share of the rows held out for the script's eval events (0 = none). */
  validationFraction?: number;
  evalEvery?: number;
  /** The script's model code: transformers when installed, else plain PyTorch (Llama folders). */
  impl?: "auto" | "transformers" | "plain";
  batchSize: number;
  learningRate: number;
  beta: number;
  loss: DpoLossType;
  sftWeight: number;
  seed: number;
  loraRank: number;
  plan: LaunchPlan;
  script?: string;
  /** The store run to record into (default: a new id); the same id on a redo continues that run. */
  runId?: string;
}

export interface TorchTrainingResult {
  runId: string;
  command: SpawnCommand;
  outDir: string;
  hfOut: string;
  steps: number;
  metrics: Record<string, number>;
  checkpointId?: string;
  parentId?: string;
}

/** Writes the dataset and the starting model where the script reads them; returns the script arguments. */
export function prepareTorchRun(r: TorchTrainingRequest, cwd: string) {
  const { data, dataVersion } = readTrainingFile(r.dataFile, r.format);
  if (r.method === "dpo" && data.kind !== "preference") {
    throw new BreakfixError("USAGE", `DPO needs preference pairs; ${r.dataFile} holds SFT conversations`, {
      fix: "pass a preference file (openai-dpo, trl or hh), or train sft",
    });
  }
  const work = path.join(r.outDir, "torch-work");
  mkdirSync(work, { recursive: true });
  const engineDir = r.model.kind === "engine" ? resolveEngineCheckpoint(r.model, cwd) : undefined;
  // Any other id goes to the script as written there (it fails with the script's own message).
  let modelPath = r.model.kind === "folder" ? r.model.path : r.model.id;
  const start = engineDir === undefined ? undefined : loadCheckpoint(engineDir);
  if (start !== undefined) {
    modelPath = path.join(work, "start-hf");
    exportHf(modelPath, start);
  }
  const files = writeScriptData(data, r.method, work, {
    ...(start && { tokenizer: start.tokenizer }),
    validationFraction: r.validationFraction ?? 0,
    seed: r.seed,
  });
  const steps = r.steps ?? Math.ceil(((r.epochs ?? 1) * files.trainRows) / r.batchSize);
  const hfOut = path.join(r.outDir, "hf");
  const args = [
    "--method",
    r.method,
    "--model",
    modelPath,
    "--data",
    files.train,
    ...(files.validation ? ["--val-data", files.validation, "--eval-every", String(r.evalEvery ?? 10)] : []),
    "--impl",
    r.impl ?? "auto",
    "--out",
    hfOut,
    "--steps",
    String(steps),
    "--batch-size",
    String(r.batchSize),
    "--lr",
    String(r.learningRate),
    "--beta",
    String(r.beta),
    "--loss",
    r.loss,
    "--sft-weight",
    String(r.sftWeight),
    "--seed",
    String(r.seed),
    "--lora-rank",
    String(r.loraRank),
  ];
  return { args, dataVersion, engineDir, hfOut, steps, parentDir: engineDir ?? modelPath };
}

/**
 * Trains with the PyTorch script under python, accelerate or torchrun: the process is spawned from an
 * argument array (no shell), its JSON-lines metrics stream into the store and the progress display, and
 * an engine model comes back as an engine checkpoint in `outDir` (the Hugging Face result stays in hf/).
 */
export async function runTorchTraining(
  r: TorchTrainingRequest,
  io: { store?: Store; progress: Progress; signal?: AbortSignal; cwd: string },
): Promise<TorchTrainingResult> {
  const prep = prepareTorchRun(r, io.cwd);
  const command = buildLaunchCommand(r.plan, r.script ?? TORCH_TRAIN_SCRIPT, prep.args);
  const runId = r.runId ?? newRunId("train");
  const config = { ...r, backend: "torch", command, dataVersion: prep.dataVersion };
  io.store?.runs.start({
    id: runId,
    kind: "train",
    name: `torch ${r.method} ${path.basename(r.dataFile)}`,
    config,
    seed: r.seed,
  });
  const metrics: Record<string, number> = {};
  let steps = 0;
  try {
    const stderrTail: string[] = [];
    const child = spawn(command.command, command.args, {
      stdio: ["ignore", "pipe", "pipe"],
      signal: io.signal,
    });
    // The script's own diagnostics (tracebacks, library warnings) are kept for the error line and shown
    // as progress notes; the terminal path escapes them.
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter((l) => l.trim() !== "")) {
        stderrTail.push(line);
        io.progress.note(line.slice(0, 300));
      }
      stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
    });
    // Settled as soon as the process ends or cannot start, so a missing launcher is never an unhandled
    // rejection while stdout is being read.
    const exited = new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
      child.on("error", (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
      child.on("close", (code) => resolve({ code }));
    });
    io.progress.start(`torch ${r.method}`, prep.steps);
    for await (const line of createInterface({ input: child.stdout })) {
      const e = parseScriptLine(line);
      if (e === undefined) continue;
      if (e.event === "step" || e.event === "eval") {
        const named =
          e.event === "eval"
            ? Object.fromEntries(Object.entries(e.metrics).map(([k, v]) => [`eval_${k}`, v]))
            : e.metrics;
        io.store?.metrics.log(runId, e.step, named);
        Object.assign(metrics, named);
        if (e.event === "step") {
          steps = e.step;
          io.progress.advance();
          if (e.step % 10 === 0 || e.step === prep.steps)
            io.progress.note(`step ${e.step}/${prep.steps} loss ${e.metrics.loss?.toFixed(4)}`);
        } else io.progress.note(`step ${e.step} validation loss ${e.metrics.loss?.toFixed(4)}`);
      } else if (e.event === "text") io.progress.note(e.text.slice(0, 200));
    }
    const { code, error } = await exited;
    io.progress.finish();
    if (error?.code === "ENOENT") {
      throw new BreakfixError("NOT_FOUND", `cannot run ${command.command}: not installed or not on PATH`, {
        fix:
          r.plan.launcher === "python"
            ? "install PyTorch (Debian: apt-get install python3-torch) or pass --python <interpreter>"
            : `install ${r.plan.launcher} (pip install accelerate / torch), or use --launcher python for one process`,
      });
    }
    if (error !== undefined && !io.signal?.aborted) throw error;
    if (code !== 0) {
      const last = stderrTail.filter((l) => !/^\s*(File |Traceback)/.test(l)).at(-1);
      throw new BreakfixError(
        io.signal?.aborted ? "ABORTED" : "MODEL_UNAVAILABLE",
        `the training script exited with code ${code}: ${last?.trim() ?? "no output on stderr"}`,
        {
          fix: "check the model path, the GPUs and the Python packages (the script's stderr is shown above)",
        },
      );
    }
    let ids: { id: string; parentId: string } | undefined;
    let checkpointDir = prep.hfOut;
    if (prep.engineDir !== undefined) {
      saveCheckpoint(r.outDir, importHf(prep.hfOut));
      checkpointDir = r.outDir;
    }
    if (io.store) {
      ids = recordLineage(io.store, {
        parentDir: prep.parentDir,
        outDir: checkpointDir,
        kind: r.method,
        dataVersion: prep.dataVersion,
        config,
        metrics,
        runId,
      });
    }
    io.store?.runs.finish(runId, "done", { summary: { steps, ...metrics, checkpoint: ids?.id } });
    return {
      runId,
      command,
      outDir: r.outDir,
      hfOut: prep.hfOut,
      steps,
      metrics,
      checkpointId: ids?.id,
      parentId: ids?.parentId,
    };
  } catch (e) {
    io.store?.runs.finish(runId, io.signal?.aborted ? "interrupted" : "failed", {
      error: (e as Error).message,
    });
    throw e;
  }
}
