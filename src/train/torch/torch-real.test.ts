import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentProgress } from "../../core/index.js";
import { loadCheckpoint } from "../../engine/formats/index.js";
import type { LlamaModel } from "../../engine/model/index.js";
import type { BpeTokenizer } from "../../engine/tokenizer/index.js";
import { parseModelRef } from "../../models/index.js";
import { openStore, type Store } from "../../store/index.js";
import { toTrainingJsonl } from "../../training-data/index.js";
import { trainDpo } from "../engine-trainers/dpo-trainer.js";
import { trainSft } from "../engine-trainers/sft-trainer.js";
import { refusalPairs, refusalSft, TRAIN_TEMPLATES } from "../testing/refusal-data.js";
import { writeTinyCheckpoint } from "../testing/tiny-checkpoint.js";
import { torchPython } from "../testing/torch-python.js";
import { runTorchTraining, type TorchTrainingRequest } from "./run-torch-training.js";

// The real training script under real PyTorch (Debian's python3-torch; no transformers, so its plain Llama
// path), checked against the engine's own trainer on the same tokens, initial weights and recipe. Every
// step uses the whole data set, so both see the same batches whatever their shuffles.
const python = torchPython("the real PyTorch training tests");

const SFT = refusalSft(TRAIN_TEMPLATES.slice(0, 2)).slice(0, 12);
const PAIRS = refusalPairs(TRAIN_TEMPLATES.slice(0, 2)).slice(0, 8);

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "bf-torch-real-"));
  writeTinyCheckpoint(path.join(dir, "tiny"));
  writeFileSync(path.join(dir, "sft.jsonl"), toTrainingJsonl({ kind: "sft", format: "openai", rows: SFT }));
  writeFileSync(
    path.join(dir, "pairs.jsonl"),
    toTrainingJsonl({ kind: "preference", format: "trl", rows: PAIRS }),
  );
  return dir;
}

const request = (dir: string, r: Partial<TorchTrainingRequest>): TorchTrainingRequest => ({
  method: "sft",
  model: parseModelRef("engine:./tiny"),
  dataFile: path.join(dir, "sft.jsonl"),
  format: "auto",
  outDir: path.join(dir, "sft-out"),
  steps: 12,
  batchSize: SFT.length,
  learningRate: 1e-2,
  beta: 0.1,
  loss: "sigmoid",
  sftWeight: 0,
  seed: 1,
  loraRank: 0,
  plan: { launcher: "python", python: python! },
  ...r,
});

const engineModel = (dir: string): { model: LlamaModel; tokenizer: BpeTokenizer } => loadCheckpoint(dir);

/** Relative gap of two loss curves, step by step. */
const worstGap = (a: number[], b: number[]) =>
  Math.max(...a.map((x, i) => Math.abs(x - b[i]!) / Math.abs(b[i]!)));

describe.skipIf(!python)("torch backend, real script (plain PyTorch Llama)", () => {
  it("SFT then DPO follow the engine's loss curves, and the result loads back into the engine", async () => {
    const dir = setup();
    const store = openStore(path.join(dir, "t.db"));
    const io = { cwd: dir, progress: silentProgress, store };
    const torchSft = await runTorchTraining(request(dir, {}), io);
    expect(torchSft.steps).toBe(12);
    const start = engineModel(path.join(dir, "tiny"));
    const engineSft = trainSft(
      start.model,
      start.tokenizer,
      SFT,
      [],
      { steps: 12, batchSize: SFT.length, learningRate: 1e-2, seed: 1 },
      { progress: silentProgress },
    );
    const engineLosses = engineSft.steps.map((s) => s.loss);
    const torchLosses = lossesOf(store, torchSft.runId);
    // Same init and batch: the first loss agrees to float32 rounding, and later steps drift only by the
    // order of float sums (measured: 2e-7 relative over 12 steps, 5.75 → 2.95).
    expect(Math.abs(torchLosses[0]! - engineLosses[0]!)).toBeLessThan(1e-5);
    expect(worstGap(torchLosses, engineLosses)).toBeLessThan(1e-4);
    expect(engineLosses.at(-1)!).toBeLessThan(engineLosses[0]! * 0.7);

    // Loaded back into the engine, the script's weights are the engine's own result, near enough.
    const trained = engineModel(path.join(dir, "sft-out"));
    expect(maxAbsDiff(trained.model.flat, start.model.flat)).toBeLessThan(1e-3);
    expect(maxAbsDiff(trained.model.flat, engineModel(path.join(dir, "tiny")).model.flat)).toBeGreaterThan(
      1e-2,
    );

    const dpoReq = request(dir, {
      method: "dpo",
      model: parseModelRef("engine:./sft-out"),
      dataFile: path.join(dir, "pairs.jsonl"),
      outDir: path.join(dir, "dpo-out"),
      steps: 8,
      batchSize: PAIRS.length,
      learningRate: 1e-3,
      sftWeight: 0.5,
    });
    const torchDpoRun = await runTorchTraining(dpoReq, io);
    const engineDpo = trainDpo(
      trained.model,
      trained.tokenizer,
      PAIRS,
      [],
      {
        steps: 8,
        batchSize: PAIRS.length,
        learningRate: 1e-3,
        seed: 1,
        beta: 0.1,
        loss: "sigmoid",
        sftWeight: 0.5,
      },
      { progress: silentProgress },
    );
    const torchDpo = lossesOf(store, torchDpoRun.runId);
    const engineDpoLosses = engineDpo.steps.map((s) => s.loss);
    // DPO's loss rests on differences of summed log-probs (about −30 each), so the sums' float32 rounding
    // shows more: measured 3e-4 relative over 8 steps (2.15 → 1.42).
    expect(Math.abs(torchDpo[0]! - engineDpoLosses[0]!)).toBeLessThan(1e-5);
    expect(worstGap(torchDpo, engineDpoLosses)).toBeLessThan(2e-3);
    expect(torchDpo.at(-1)!).toBeLessThan(torchDpo[0]! * 0.8);
    expect(engineModel(path.join(dir, "dpo-out")).model.config).toEqual(trained.model.config);
  }, 120_000);
});

describe.skipIf(!python)("torch backend, real script: epochs, validation, refusals", () => {
  it("--epochs sets the steps, a validation split streams eval losses", async () => {
    const dir = setup();
    const store = openStore(path.join(dir, "t.db"));
    // Epochs instead of steps.
    const { steps: _steps, ...byEpochs } = request(dir, {
      epochs: 2,
      batchSize: 3,
      validationFraction: 0.25,
      evalEvery: 2,
    });
    const r = await runTorchTraining(byEpochs, { cwd: dir, progress: silentProgress, store });
    // 12 rows, 3 held out: 9 trained rows × 2 epochs / 3 per step.
    expect(r.steps).toBe(6);
    const evals = store.metrics.series(r.runId, "eval_loss");
    expect(evals.map((p) => p.step)).toEqual([2, 4, 6]);
    expect(evals.at(-1)!.value).toBeLessThan(evals[0]!.value);
  }, 60_000);

  it("refuses several processes without accelerate instead of training unsynchronised copies", async () => {
    const dir = setup();
    process.env.WORLD_SIZE = "2";
    try {
      await expect(
        runTorchTraining(request(dir, { steps: 1 }), { cwd: dir, progress: silentProgress }),
      ).rejects.toThrow(/several processes without accelerate/);
    } finally {
      delete process.env.WORLD_SIZE;
    }
  }, 60_000);
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** The per-step losses the script streamed into the store. */
const lossesOf = (store: Store, runId: string): number[] =>
  store.metrics.series(runId, "loss").map((p) => p.value);
