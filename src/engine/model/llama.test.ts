import { describe, expect, it } from "vitest";
import { BreakfixError } from "../../core/errors.js";
import { backward, tokenLogprobs } from "./backward.js";
import { type LlamaConfig, paramNames } from "./config.js";
import { forward } from "./forward.js";
import { createGradients, createLlama, llamaFromTensors, paramCount } from "./llama.js";

const config: LlamaConfig = {
  vocabSize: 20,
  dModel: 8,
  nLayers: 2,
  nHeads: 2,
  nKvHeads: 1,
  ffnDim: 12,
  contextLength: 6,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
const batch = {
  tokens: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
  B: 2,
  T: 4,
  targets: Int32Array.from([2, 3, 4, 5, 6, 7, 8, 9]),
};

describe("Llama model", () => {
  it("initialises deterministically from a seed, HF style (norms 1, matrices N(0, 0.02²))", () => {
    const a = createLlama(config, 42);
    expect(createLlama(config, 42).flat).toEqual(a.flat);
    expect(createLlama(config, 43).flat).not.toEqual(a.flat);
    expect([...a.tensor(paramNames.finalNorm)]).toEqual(new Array(8).fill(1));
    const q = a.tensor(paramNames.layer(0).q);
    const std = Math.sqrt(q.reduce((s, x) => s + x * x, 0) / q.length);
    expect(std).toBeGreaterThan(0.012);
    expect(std).toBeLessThan(0.028);
    expect(a.params.map((p) => p.name)).toContain(paramNames.lmHead);
    expect(a.flat.length).toBe(paramCount(config));
    // (vocab, d) embed + lm_head, 2 × (2 norms + q (8,8) + k,v (4,8) + o (8,8) + 3 × (12,8)), final norm
    expect(paramCount(config)).toBe(2 * 160 + 2 * (16 + 64 + 64 + 64 + 288) + 8);
  });

  it("tied embeddings have no lm_head", () => {
    const m = createLlama({ ...config, tiedEmbeddings: true }, 1);
    expect(m.params.map((p) => p.name)).not.toContain(paramNames.lmHead);
  });

  it("rejects inconsistent configs with a field and a fix", () => {
    const bad = () => createLlama({ ...config, nKvHeads: 3 }, 1);
    expect(bad).toThrow(BreakfixError);
    expect(bad).toThrow(/nKvHeads/);
  });

  it("loads named tensors and rejects a missing or misshapen one", () => {
    const m = createLlama(config, 5);
    const copy = llamaFromTensors(config, m.params);
    expect(copy.flat).toEqual(m.flat);
    expect(() => llamaFromTensors(config, m.params.slice(1), "ckpt.safetensors")).toThrow(/missing tensor/);
    const wrong = m.params.map((p) => (p.name === paramNames.finalNorm ? { ...p, shape: [4, 2] } : p));
    expect(() => llamaFromTensors(config, wrong)).toThrow(/shape/);
  });

  it("rejects out-of-range tokens and over-long sequences", () => {
    const m = createLlama(config, 5);
    expect(() => forward(m, { tokens: Int32Array.from([0, 20]), B: 1, T: 2 })).toThrow(
      /outside the vocabulary/,
    );
    expect(() => forward(m, { tokens: new Int32Array(7), B: 1, T: 7 })).toThrow(/contextLength/);
  });

  it("an untrained model predicts near-uniformly; gradients accumulate across backward calls", () => {
    const m = createLlama(config, 5);
    const out = forward(m, batch);
    expect(out.loss).toBeCloseTo(Math.log(config.vocabSize), 1);
    const once = createGradients(m);
    backward(m, out.state, once);
    const twice = createGradients(m);
    backward(m, out.state, twice);
    backward(m, out.state, twice);
    for (let i = 0; i < once.flat.length; i += 37) expect(twice.flat[i]).toBeCloseTo(2 * once.flat[i]!, 6);
  });

  it("the gradient predicts the loss change along a random direction (float32 directional check)", () => {
    const m = createLlama(config, 9, 0.3);
    const g = createGradients(m);
    backward(m, forward(m, batch).state, g);
    const base = m.flat.slice();
    const dir = createLlama(config, 10, 1).flat;
    let predicted = 0;
    for (let i = 0; i < dir.length; i++) predicted += g.flat[i]! * dir[i]!;
    const h = 1e-3;
    const lossAt = (t: number) => {
      for (let i = 0; i < base.length; i++) m.flat[i] = base[i]! + t * dir[i]!;
      return forward(m, batch).loss!;
    };
    const numeric = (lossAt(h) - lossAt(-h)) / (2 * h);
    expect(Math.abs(numeric - predicted) / Math.abs(predicted)).toBeLessThan(1e-2);
  });
});

describe("losses built on the forward's own outputs (DPO)", () => {
  it("backward with per-token weights gives the gradient of Σ c·log p(completion)", () => {
    const m = createLlama(config, 21, 0.3);
    // Two sequences; the last two target positions of each are the completion.
    const mask = Float32Array.from([0, 0, 1, 1, 0, 0, 1, 1]);
    const b = { ...batch, weights: mask, reduction: "sum" as const };
    const out = forward(m, b);
    const logp = tokenLogprobs(out.state);
    expect(Number.isNaN(logp[0])).toBe(true);
    const seq = [logp[2]! + logp[3]!, logp[6]! + logp[7]!];
    expect(-out.loss!).toBeCloseTo(seq[0]! + seq[1]!, 4);
    // Coefficients that depend on the forward's outputs, as DPO's do.
    const c = [1 / (1 + Math.exp(seq[0]!)), -0.5];
    const weights = Float32Array.from(mask, (w, i) => w * c[i < 4 ? 0 : 1]!);
    const g = createGradients(m);
    backward(m, out.state, g, -1, { weights });
    // Directional check of J(θ) = Σ c·logp against the gradient (float32, as in the test above).
    const base = m.flat.slice();
    const dir = createLlama(config, 22, 1).flat;
    let predicted = 0;
    for (let i = 0; i < dir.length; i++) predicted += g.flat[i]! * dir[i]!;
    const J = (t: number) => {
      for (let i = 0; i < base.length; i++) m.flat[i] = base[i]! + t * dir[i]!;
      const lp = tokenLogprobs(forward(m, b).state);
      return c[0]! * (lp[2]! + lp[3]!) + c[1]! * (lp[6]! + lp[7]!);
    };
    // This random model is strongly curved along a unit-scale direction: a small step keeps the central
    // difference's truncation error well under the tolerance (float32 noise stays ~1e-4 relative).
    const h = 2e-4;
    expect(Math.abs((J(h) - J(-h)) / (2 * h) - predicted) / Math.abs(predicted)).toBeLessThan(1e-2);
  });

  it("refuses a stale forward state and weights on masked rows", () => {
    const m = createLlama(config, 23);
    const first = forward(m, batch);
    forward(m, batch);
    expect(() => backward(m, first.state, createGradients(m))).toThrow(/latest forward/);
    const masked = forward(m, { ...batch, weights: new Float32Array(8).fill(1).fill(0, 0, 1) });
    const g = createGradients(m);
    expect(() => backward(m, masked.state, g, 1, { weights: new Float32Array(8).fill(1) })).toThrow(/row 0/);
  });
});
