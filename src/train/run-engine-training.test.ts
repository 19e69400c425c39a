import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BreakfixError, silentProgress } from "../core/index.js";
import { activeKernelBackend } from "../engine/kernels/index.js";
import { openStore } from "../store/index.js";
import { toTrainingJsonl } from "../training-data/index.js";
import { type EngineTrainingRequest, runEngineTraining } from "./run-engine-training.js";
import { refusalPairs, refusalSft, TRAIN_TEMPLATES } from "./testing/refusal-data.js";
import { writeTinyCheckpoint } from "./testing/tiny-checkpoint.js";

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "bf-train-"));
  writeTinyCheckpoint(path.join(dir, "base"));
  const sft = path.join(dir, "sft.jsonl");
  writeFileSync(sft, toTrainingJsonl({ kind: "sft", format: "openai", rows: refusalSft(TRAIN_TEMPLATES) }));
  const dpo = path.join(dir, "dpo.jsonl");
  writeFileSync(
    dpo,
    toTrainingJsonl({ kind: "preference", format: "openai-dpo", rows: refusalPairs(TRAIN_TEMPLATES) }),
  );
  const store = openStore(path.join(dir, "t.db"));
  const request = (over: Partial<EngineTrainingRequest>): EngineTrainingRequest => ({
    method: "sft",
    checkpointDir: path.join(dir, "base"),
    dataFile: sft,
    format: "auto",
    outDir: path.join(dir, "out"),
    steps: 6,
    batchSize: 4,
    learningRate: 3e-3,
    seed: 1,
    validationFraction: 0.1,
    evalEvery: 3,
    patience: 0,
    beta: 0.1,
    loss: "sigmoid",
    sftWeight: 0,
    resume: false,
    ...over,
  });
  return { dir, store, request, dpo };
}

describe("runEngineTraining", () => {
  it("a given runId is reused: training redone after an interruption finishes that run, not a new one", () => {
    const { store, request } = setup();
    const r = request({ runId: "cycle-1/r1/sft" });
    const controller = new AbortController();
    let advanced = 0;
    const stopAfterTwo = {
      ...silentProgress,
      advance: () => {
        if (++advanced === 2) controller.abort();
      },
    };
    const first = runEngineTraining(r, { store, progress: stopAfterTwo, signal: controller.signal });
    expect([first.runId, store.runs.get(first.runId)?.status]).toEqual(["cycle-1/r1/sft", "interrupted"]);
    const redo = runEngineTraining(r, { store, progress: silentProgress });
    expect(redo.runId).toBe("cycle-1/r1/sft");
    expect(store.runs.list({ kind: "train" }).map((x) => [x.id, x.status])).toEqual([
      ["cycle-1/r1/sft", "done"],
    ]);
    expect(store.metrics.series(redo.runId, "loss")).toHaveLength(6);
  });

  it("SFT then DPO: checkpoints with lineage (parent, data version, config, metrics) and metrics in the store", () => {
    const { dir, store, request, dpo } = setup();
    const sft = runEngineTraining(request({}), { store, progress: silentProgress });
    expect(sft.steps).toBe(6);
    const stored = store.checkpoints.get(sft.checkpointId!)!;
    expect(stored.kind).toBe("sft");
    expect(stored.parentId).toBe(sft.parentId);
    expect(stored.dataVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.config).toMatchObject({
      method: "sft",
      learningRate: 3e-3,
      kernels: activeKernelBackend(),
    });
    expect(stored.metrics?.eval_loss).toBeGreaterThan(0);
    expect(store.checkpoints.get(sft.parentId!)!.kind).toBe("import");
    expect(store.metrics.series(sft.runId, "loss")).toHaveLength(6);
    expect(store.metrics.series(sft.runId, "eval_loss").map((p) => p.step)).toEqual([3, 6]);

    const out = runEngineTraining(
      request({
        method: "dpo",
        dataFile: dpo,
        checkpointDir: path.join(dir, "out"),
        outDir: path.join(dir, "dpo"),
      }),
      { store, progress: silentProgress },
    );
    expect(store.checkpoints.ancestors(out.checkpointId!).map((c) => c.id)).toEqual([
      sft.checkpointId,
      sft.parentId,
    ]);
    for (const name of [
      "rewards/chosen",
      "rewards/rejected",
      "rewards/accuracies",
      "rewards/margins",
      "logps/chosen",
      "logps/rejected",
      "loss",
    ]) {
      expect(store.metrics.series(out.runId, name)).toHaveLength(6);
      expect(store.metrics.series(out.runId, `eval_${name}`).length).toBeGreaterThan(0);
    }
    expect(store.runs.get(out.runId)?.status).toBe("done");
  });

  it("an interrupted run resumes from its training state and ends where an uninterrupted run ends", () => {
    const { dir, store, request } = setup();
    const whole = runEngineTraining(request({ outDir: path.join(dir, "whole") }), {
      store,
      progress: silentProgress,
    });
    const controller = new AbortController();
    let steps = 0;
    const stopping = { ...silentProgress, advance: () => (++steps === 2 ? controller.abort() : undefined) };
    const cut = runEngineTraining(request({}), { store, progress: stopping, signal: controller.signal });
    expect(cut.steps).toBe(2);
    expect(store.runs.get(cut.runId)?.status).toBe("interrupted");
    const resumed = runEngineTraining(request({ resume: true }), { store, progress: silentProgress });
    expect(resumed.resumedFromStep).toBe(2);
    expect(resumed.checkpointId).toBe(whole.checkpointId);
  });

  it("SFT with early stopping resumes mid-way to the same weights and metrics (checkpoint every step)", () => {
    const { dir, store, request } = setup();
    const settings = { patience: 1, evalEvery: 1, steps: 20, learningRate: 0.1, checkpointEvery: 1 };
    const whole = runEngineTraining(request({ ...settings, outDir: path.join(dir, "whole") }), {
      store,
      progress: silentProgress,
    });
    const controller = new AbortController();
    let steps = 0;
    const stopping = { ...silentProgress, advance: () => (++steps === 2 ? controller.abort() : undefined) };
    runEngineTraining(request(settings), { store, progress: stopping, signal: controller.signal });
    const resumed = runEngineTraining(request({ ...settings, resume: true }), {
      store,
      progress: silentProgress,
    });
    // It stopped early after the resume point, so the resumed run needed the best loss and weights.
    expect(whole.metrics.stopped_early_at).toBeGreaterThan(2);
    expect(whole.metrics.stopped_early_at).toBeLessThan(20);
    expect(resumed.resumedFromStep).toBe(2);
    expect(resumed.checkpointId).toBe(whole.checkpointId);
    expect(resumed.metrics).toEqual(whole.metrics);
    expect(existsSync(path.join(dir, "out", "training-state"))).toBe(false);
  });

  it("a checkpoint of a run with other settings is refused with the settings named (exit 2)", () => {
    const { store, request } = setup();
    const controller = new AbortController();
    const stopping = { ...silentProgress, advance: () => controller.abort() };
    runEngineTraining(request({}), { store, progress: stopping, signal: controller.signal });
    let error: unknown;
    try {
      runEngineTraining(request({ resume: true, seed: 2, learningRate: 1e-3 }), {
        store,
        progress: silentProgress,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BreakfixError);
    expect((error as BreakfixError).code).toBe("USAGE");
    expect((error as BreakfixError).message).toMatch(/other settings \(learningRate, seed\)/);
  });

  it("a resume that finds only damaged checkpoints says so and starts at step 0", () => {
    const { dir, store, request } = setup();
    const damaged = path.join(dir, "out", "training-state", "step-00000004");
    mkdirSync(damaged, { recursive: true });
    writeFileSync(path.join(damaged, "training-state.json"), "{");
    const notes: string[] = [];
    const result = runEngineTraining(request({ resume: true }), {
      store,
      progress: { ...silentProgress, note: (n) => notes.push(n) },
    });
    expect(result.resumedFromStep).toBe(0);
    expect(result.steps).toBe(6);
    expect(notes[0]).toMatch(/^no intact training checkpoint in .*training-state: starting at step 0$/);
  });

  it("refuses DPO on SFT data", () => {
    const { store, request } = setup();
    expect(() => runEngineTraining(request({ method: "dpo" }), { store, progress: silentProgress })).toThrow(
      /needs preference pairs/,
    );
  });
});
