import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Progress } from "../../core/progress.js";
import { silentProgress } from "../../core/progress.js";
import { createRng } from "../../core/rng.js";
import { generate } from "../generate/generate.js";
import type { LlamaConfig } from "../model/config.js";
import type { Batch } from "../model/forward.js";
import { createLlama } from "../model/llama.js";
import { adamWStep } from "./adamw.js";
import { clipGradNorm, warmupCosine } from "./schedule.js";
import { type BatchSource, createTrainer, type TrainOptions, train } from "./trainer.js";
import { loadTrainingState, saveTrainingState } from "./training-state.js";

const corpus = "the cat sat on the mat. the dog ran to the log. ";
const chars = [...new Set(corpus)].sort();
const encode = (s: string) => [...s].map((ch) => chars.indexOf(ch));
const decode = (ids: number[]) => ids.map((i) => chars[i]).join("");
const text = encode(corpus.repeat(8));

const config: LlamaConfig = {
  vocabSize: chars.length,
  dModel: 32,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 64,
  contextLength: 32,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};

/** Random windows of the corpus; the first 4 target tokens are masked out to exercise the loss mask. */
const windows =
  (B: number, T: number): BatchSource =>
  (_step, _micro, rng) => {
    const tokens = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    const weights = new Float32Array(B * T);
    for (let b = 0; b < B; b++) {
      const start = rng.int(text.length - T - 1);
      for (let t = 0; t < T; t++) {
        tokens[b * T + t] = text[start + t]!;
        targets[b * T + t] = text[start + t + 1]!;
        weights[b * T + t] = t < 4 ? 0 : 1;
      }
    }
    return { tokens, targets, weights, B, T } satisfies Batch;
  };

const options: TrainOptions = { steps: 200, learningRate: 1e-2, warmupSteps: 20, seed: 1 };

describe("schedule, clipping and AdamW", () => {
  it("warms up linearly then decays by cosine to the floor", () => {
    expect(warmupCosine(0, 100, 10, 1, 0.1)).toBeCloseTo(0.1);
    expect(warmupCosine(9, 100, 10, 1, 0.1)).toBeCloseTo(1);
    expect(warmupCosine(55, 100, 10, 1, 0.1)).toBeCloseTo(0.55);
    expect(warmupCosine(100, 100, 10, 1, 0.1)).toBeCloseTo(0.1);
  });

  it("clips the global norm and reports the norm before clipping", () => {
    const g = Float32Array.from([3, 4]);
    expect(clipGradNorm(g, 1)).toBeCloseTo(5);
    expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(1, 5);
    const small = Float32Array.from([0.3, 0.4]);
    clipGradNorm(small, 1);
    expect([...small]).toEqual([Math.fround(0.3), Math.fround(0.4)]);
  });

  it("first AdamW step moves each weight by lr·sign(g) and decays only the listed ranges", () => {
    const p = Float32Array.from([1, 1, 1]);
    const state = { step: 0, m: new Float32Array(3), v: new Float32Array(3) };
    adamWStep(
      p,
      Float32Array.from([2, -3, 0]),
      state,
      0.1,
      { beta1: 0.9, beta2: 0.95, eps: 0, weightDecay: 0.5 },
      [[0, 1]],
    );
    expect(p[0]).toBeCloseTo(1 * (1 - 0.05) - 0.1, 6);
    expect(p[1]).toBeCloseTo(1 + 0.1, 6);
    expect(Number.isNaN(p[2])).toBe(true); // 0/0 with eps 0: the eps is what guards it
  });
});

describe("training a tiny Llama", () => {
  it("drives the loss down, reports progress and generates the corpus it learned", () => {
    const model = createLlama(config, 7);
    const notes: string[] = [];
    const progress: Progress = { ...silentProgress, note: (m) => notes.push(m) };
    const stats = train(createTrainer(model, windows(4, 24), options), progress, { noteEvery: 50 });
    expect(stats).toHaveLength(200);
    const first = stats[0]!.loss;
    const last = stats.slice(-10).reduce((s, x) => s + x.loss, 0) / 10;
    expect(first).toBeGreaterThan(Math.log(config.vocabSize) - 0.3);
    expect(last).toBeLessThan(0.35);
    expect(notes).toHaveLength(4);
    expect(notes[3]).toMatch(/^step 200\/200 loss /);
    const [g] = generate(model, [encode("the cat ")], { maxTokens: 20 });
    expect(decode(g!.tokens)).toBe("sat on the mat. the ");
  });

  it("is deterministic for a seed, and a resumed run continues the same loss curve", () => {
    const short = { ...options, steps: 30 };
    const source = windows(4, 16);
    const straight = createLlama(config, 3);
    const full = train(createTrainer(straight, source, short), silentProgress).map((s) => s.loss);

    const first = createLlama(config, 3);
    const t1 = createTrainer(first, source, short);
    const controller = new AbortController();
    const head = train(t1, silentProgress, {
      signal: controller.signal,
      onStep: (s) => s.step === 11 && controller.abort(),
    });
    expect(head.map((s) => s.loss)).toEqual(full.slice(0, 12));
    const dir = mkdtempSync(path.join(tmpdir(), "breakfix-train-"));
    try {
      saveTrainingState(dir, t1);
      const saved = loadTrainingState(dir);
      expect(saved.optimizer.step).toBe(12);
      expect(saved.options).toEqual(short);
      const resumed = saved.model;
      const tail = train(createTrainer(resumed, source, saved.options, saved.optimizer), silentProgress).map(
        (s) => s.loss,
      );
      expect(tail).toEqual(full.slice(12));
      expect(resumed.flat).toEqual(straight.flat);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("gradient accumulation over two halves equals one batch of the same tokens", () => {
    const draw = (step: number) => windows(4, 16)(step, 0, createRng(100 + step));
    const whole: BatchSource = (step) => draw(step);
    const half: BatchSource = (step, micro) => {
      const b = draw(step);
      const [from, to] = [micro * 32, (micro + 1) * 32];
      return {
        B: 2,
        T: 16,
        tokens: b.tokens.slice(from, to),
        targets: b.targets!.slice(from, to),
        weights: b.weights!.slice(from, to),
      };
    };
    const a = createLlama(config, 4);
    const b = createLlama(config, 4);
    const ta = createTrainer(a, whole, options);
    const tb = createTrainer(b, half, { ...options, accumulation: 2 });
    for (let i = 0; i < 3; i++) {
      const [sa, sb] = [ta.step(), tb.step()];
      expect(sb.loss).toBeCloseTo(sa.loss, 6);
      expect(sb.gradNorm).toBeCloseTo(sa.gradNorm, 5);
    }
    let worst = 0;
    for (let i = 0; i < a.flat.length; i++) worst = Math.max(worst, Math.abs(a.flat[i]! - b.flat[i]!));
    expect(worst).toBeLessThan(1e-5);
  });
});
