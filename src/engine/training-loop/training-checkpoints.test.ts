import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LlamaConfig } from "../model/config.js";
import { createLlama } from "../model/llama.js";
import { createTrainer } from "./trainer.js";
import {
  clearTrainingCheckpoints,
  latestTrainingCheckpoint,
  saveTrainingCheckpoint,
} from "./training-checkpoints.js";

const config: LlamaConfig = {
  vocabSize: 16,
  dModel: 16,
  nLayers: 1,
  nHeads: 2,
  nKvHeads: 2,
  ffnDim: 32,
  contextLength: 8,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: true,
};

/** A trainer on random 8-token rows of a 16-token vocabulary: something that steps, quickly. */
function tinyTrainer() {
  const B = 2;
  const T = 8;
  return createTrainer(
    createLlama(config, 1),
    (_step, _micro, rng) => {
      const tokens = Int32Array.from({ length: B * T }, () => rng.int(16));
      const targets = Int32Array.from({ length: B * T }, () => rng.int(16));
      return { tokens, targets, B, T };
    },
    { steps: 10, learningRate: 1e-2, warmupSteps: 0, seed: 3 },
  );
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempRoot = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), "bf-ckpt-"));
  dirs.push(d);
  return path.join(d, "training-state");
};

describe("training checkpoints", () => {
  it("keep the latest two, each complete, with the trainer's extras and the caller's meta", () => {
    const root = tempRoot();
    const trainer = tinyTrainer();
    for (let i = 0; i < 3; i++) {
      trainer.step();
      saveTrainingCheckpoint(root, trainer, {
        meta: { runId: "r1" },
        extras: { values: { lastLoss: i } },
      });
    }
    expect(readdirSync(root).sort()).toEqual(["step-00000002", "step-00000003"]);
    const latest = latestTrainingCheckpoint(root)!;
    expect(latest.optimizer.step).toBe(3);
    expect(latest.model.flat).toEqual(trainer.model.flat);
    expect(latest.optimizer.m).toEqual(trainer.optimizer.m);
    expect(latest.optimizer.v).toEqual(trainer.optimizer.v);
    expect(latest.meta).toEqual({ runId: "r1" });
    expect(latest.extras.values).toEqual({ lastLoss: 2 });
    clearTrainingCheckpoints(root);
    expect(latestTrainingCheckpoint(root)).toBeUndefined();
  });

  it("a half-written checkpoint is ignored, a damaged one skipped for the one before it", () => {
    const root = tempRoot();
    const trainer = tinyTrainer();
    trainer.step();
    saveTrainingCheckpoint(root, trainer);
    trainer.step();
    const second = saveTrainingCheckpoint(root, trainer);
    // A kill mid-save leaves a temporary folder with part of the files.
    const tmp = path.join(root, ".step-00000003.tmp-99999");
    mkdirSync(tmp);
    writeFileSync(path.join(tmp, "model.safetensors"), "partial");
    expect(latestTrainingCheckpoint(root)?.optimizer.step).toBe(2);
    // A file cut short after the save (a disk that lost the last writes): its digest no longer matches.
    truncateSync(path.join(second, "optimizer.safetensors"), 100);
    expect(latestTrainingCheckpoint(root)?.optimizer.step).toBe(1);
    // The next save clears the stale temporary folder.
    trainer.step();
    saveTrainingCheckpoint(root, trainer);
    expect(readdirSync(root).filter((n) => n.startsWith("."))).toEqual([]);
    expect(latestTrainingCheckpoint(root)?.optimizer.step).toBe(3);
  });
});
