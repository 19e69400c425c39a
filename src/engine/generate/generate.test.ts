import { afterEach, describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { setKernelBackend } from "../kernels/backend.js";
import type { LlamaConfig } from "../model/config.js";
import { forward } from "../model/forward.js";
import { createLlama } from "../model/llama.js";
import { cachedForward } from "./cached-forward.js";
import { generate, generateAsync } from "./generate.js";
import { createKvCache } from "./kv-cache.js";
import { sequenceLogprobs } from "./logprobs.js";
import { argmax, sampleToken } from "./sample.js";

const config: LlamaConfig = {
  vocabSize: 23,
  dModel: 16,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 24,
  contextLength: 16,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
// Large init so the logits are far from uniform and mistakes show.
const model = createLlama(config, 3, 0.4);
const V = config.vocabSize;

const fullLogits = (tokens: number[]): Float32Array =>
  forward(model, { tokens: Int32Array.from(tokens), B: 1, T: tokens.length }).logits.slice();

const logSoftmax = (row: Float32Array, i: number): number => {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of row) max = Math.max(max, x);
  let sum = 0;
  for (const x of row) sum += Math.exp(x - max);
  return row[i]! - max - Math.log(sum);
};

describe("KV-cached decoding", () => {
  afterEach(() => setKernelBackend("auto"));
  // "js" runs the plain-JS kernels (and cached attention); "auto" the SIMD ones when built.
  for (const backend of ["js", "auto"] as const) {
    it(`prefill plus one-token steps give the logits of a full recompute (${backend} kernels)`, () => {
      setKernelBackend(backend);
      const seq = [1, 5, 9, 2, 22, 7, 7, 0, 13];
      const full = fullLogits(seq);
      const cache = createKvCache(model, 1);
      const pre = cachedForward(model, cache, new Int32Array(3), Int32Array.from(seq.slice(0, 3)));
      const rows = [pre];
      for (let t = 3; t < seq.length; t++)
        rows.push(cachedForward(model, cache, new Int32Array(1), Int32Array.from([seq[t]!])));
      const cached = new Float32Array(seq.length * V);
      let at = 0;
      for (const r of rows) {
        cached.set(r, at);
        at += r.length;
      }
      let worst = 0;
      for (let i = 0; i < full.length; i++) worst = Math.max(worst, Math.abs(full[i]! - cached[i]!));
      expect(worst).toBeLessThan(1e-5);
      expect(cache.lengths[0]).toBe(seq.length);
    });
  }

  it("prompts of different lengths prefilled together match separate runs exactly", () => {
    const a = [4, 8, 15, 16];
    const b = [22, 3];
    const both = cachedForward(
      model,
      createKvCache(model, 2),
      Int32Array.from([0, 0, 0, 0, 1, 1]),
      Int32Array.from([...a, ...b]),
    );
    const alone = (p: number[]) =>
      cachedForward(model, createKvCache(model, 1), new Int32Array(p.length), Int32Array.from(p));
    expect(both.subarray(0, 4 * V)).toEqual(alone(a));
    expect(both.subarray(4 * V)).toEqual(alone(b));
    let worst = 0;
    const full = fullLogits(a);
    for (let i = 0; i < full.length; i++) worst = Math.max(worst, Math.abs(full[i]! - both[i]!));
    expect(worst).toBeLessThan(1e-5);
  });

  it("greedy generation equals argmax of full recomputes, and stops at maxTokens", () => {
    const prompt = [3, 1, 4];
    const [g] = generate(model, [prompt], { maxTokens: 6 });
    const seq = [...prompt];
    for (let i = 0; i < 6; i++) {
      const logits = fullLogits(seq);
      seq.push(argmax(logits.subarray((seq.length - 1) * V)));
    }
    expect(g!.tokens).toEqual(seq.slice(prompt.length));
    expect(g!.finishReason).toBe("length");
  });

  it("rejects empty, over-long and out-of-vocabulary prompts", () => {
    expect(() => generate(model, [[]], { maxTokens: 1 })).toThrow(/needs 1 to 15/);
    expect(() => generate(model, [new Array(16).fill(1)], { maxTokens: 1 })).toThrow(/needs 1 to 15/);
    expect(() => generate(model, [[1], [2, V]], { maxTokens: 1 })).toThrow(
      /prompt 1: token id 23 is outside/,
    );
  });

  it("stop tokens end a sequence (included), and a full context ends it too", () => {
    const [free] = generate(model, [[3, 1, 4]], { maxTokens: 6 });
    const stopAt = free!.tokens[2]!;
    const [g] = generate(model, [[3, 1, 4]], { maxTokens: 6, stopTokens: [stopAt] });
    expect(g!.finishReason).toBe("stop");
    expect(g!.tokens).toEqual(free!.tokens.slice(0, free!.tokens.indexOf(stopAt) + 1));
    const [long] = generate(model, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], { maxTokens: 100 });
    expect(long!.tokens.length).toBe(config.contextLength - 10 + 1);
    expect(long!.finishReason).toBe("length");
  });

  it("batched sampling gives each sequence what it would get alone, reproducibly per seed", () => {
    const prompts = [[1, 2], [5, 6, 7, 8], [9]];
    const o = { maxTokens: 5, temperature: 1.2, topK: 10, topP: 0.9, seed: 11 };
    const batched = generate(model, prompts, o);
    expect(generate(model, prompts, o)).toEqual(batched);
    // Alone, a prompt uses stream "sequence:0"; in the batch, prompt i uses "sequence:i".
    const alone = generate(model, [prompts[0]!], o);
    expect(batched[0]).toEqual(alone[0]);
    expect(generate(model, prompts, { ...o, seed: 12 })).not.toEqual(batched);
  });

  it("generateAsync yields between tokens and gives generate()'s results", async () => {
    const prompts = [[1, 2], [5, 6, 7, 8], [9]];
    const o = { maxTokens: 6, temperature: 0.8, seed: 5 };
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const out = await generateAsync(model, prompts, o);
    clearInterval(ticking);
    expect(out).toEqual(generate(model, prompts, o));
    expect(turns).toBeGreaterThan(0);
  });

  it("onToken ends one sequence early without touching the others", () => {
    const prompts = [
      [3, 1, 4],
      [2, 7],
    ];
    const free = generate(model, prompts, { maxTokens: 6 });
    const seen: number[][] = [];
    const cut = generate(model, prompts, {
      maxTokens: 6,
      onToken: (seq, tokens) => {
        seen.push([seq, tokens.length]);
        return seq === 0 && tokens.length === 2;
      },
    });
    expect(cut[0]).toEqual({ tokens: free[0]!.tokens.slice(0, 2), finishReason: "stop" });
    expect(cut[1]).toEqual(free[1]);
    expect(seen.filter(([s]) => s === 0).map(([, n]) => n)).toEqual([1, 2]);
  });

  it("logprobs are each chosen token's log-softmax, with the likeliest alternatives first", () => {
    const prompt = [3, 1, 4];
    const [g] = generate(model, [prompt], { maxTokens: 4, topLogprobs: 3 });
    expect(g!.logprobs).toHaveLength(4);
    g!.logprobs!.forEach((lp, j) => {
      const row = fullLogits([...prompt, ...g!.tokens.slice(0, j)]).subarray(
        (prompt.length + j - 1) * V,
        (prompt.length + j) * V,
      );
      expect(lp.token).toBe(g!.tokens[j]);
      expect(lp.logprob).toBeCloseTo(logSoftmax(row, lp.token), 4);
      expect(lp.top.map((t) => t.token)[0]).toBe(argmax(row));
      expect(lp.top).toHaveLength(3);
      expect(lp.top[0]!.logprob).toBeGreaterThanOrEqual(lp.top[1]!.logprob);
      expect(lp.top[1]!.logprob).toBeGreaterThanOrEqual(lp.top[2]!.logprob);
      expect(lp.top[2]!.logprob).toBeCloseTo(logSoftmax(row, lp.top[2]!.token), 4);
    });
    expect(generate(model, [prompt], { maxTokens: 4 })[0]!.logprobs).toBeUndefined();
  });
});

describe("sampling", () => {
  const row = Float32Array.from([0.1, 2, -1, 1.5, 0.3]);

  it("greedy, top-k 1 and a tiny top-p all pick the argmax", () => {
    const rng = createRng(1);
    expect(sampleToken(row, {}, rng)).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleToken(row, { temperature: 1, topK: 1 }, rng)).toBe(1);
      expect(sampleToken(row, { temperature: 1, topP: 0.01 }, rng)).toBe(1);
    }
  });

  it("temperature sampling follows softmax(logits / T); top-k and top-p cut the tail", () => {
    const rng = createRng(2);
    const counts = new Array(5).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) counts[sampleToken(row, { temperature: 1 }, rng)]++;
    const z = [...row].reduce((s, x) => s + Math.exp(x), 0);
    // Binomial standard error ≤ sqrt(0.25/20000) ≈ 0.0035; 0.015 is over 4σ.
    row.forEach((x, i) => {
      expect(Math.abs(counts[i] / n - Math.exp(x) / z)).toBeLessThan(0.015);
    });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(sampleToken(row, { temperature: 1, topK: 2 }, rng));
    expect([...seen].sort()).toEqual([1, 3]);
    // p(1) ≈ 0.52 and p(3) ≈ 0.31: top-p 0.6 keeps exactly those two.
    seen.clear();
    for (let i = 0; i < 2000; i++) seen.add(sampleToken(row, { temperature: 1, topP: 0.6 }, rng));
    expect([...seen].sort()).toEqual([1, 3]);
  });
});

describe("sequence log-probabilities", () => {
  it("equal the sum of per-token log-softmax of a full forward, batched with padding", () => {
    const items = [
      { prompt: [1, 2, 3], completion: [4, 5] },
      { prompt: [7], completion: [8, 9, 10, 11, 12] },
    ];
    const got = sequenceLogprobs(model, items);
    items.forEach((it, b) => {
      const seq = [...it.prompt, ...it.completion];
      const logits = fullLogits(seq);
      let expected = 0;
      it.completion.forEach((tok, j) => {
        const row = it.prompt.length - 1 + j;
        expected += logSoftmax(logits.subarray(row * V, (row + 1) * V), tok);
      });
      expect(got[b]!.logprob).toBeCloseTo(expected, 5);
      expect(got[b]!.tokens).toHaveLength(it.completion.length);
    });
    expect(got[0]!.logprob).toBeLessThan(0);
  });

  it("agree with the summed masked cross-entropy the trainer uses (for DPO gradients)", () => {
    const prompt = [1, 2, 3];
    const completion = [4, 5, 6];
    const seq = [...prompt, ...completion];
    const out = forward(model, {
      tokens: Int32Array.from(seq.slice(0, -1)),
      B: 1,
      T: 5,
      targets: Int32Array.from(seq.slice(1)),
      weights: Float32Array.from([0, 0, 1, 1, 1]),
      reduction: "sum",
    });
    expect(-out.loss!).toBeCloseTo(sequenceLogprobs(model, [{ prompt, completion }])[0]!.logprob, 5);
  });
});
