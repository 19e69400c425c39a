import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { adamWStep } from "../training-loop/adamw.js";
import { clipGradNorm } from "../training-loop/schedule.js";
import { kernelFloats, withResidentWeights } from "./backend.js";
import { loadWasmKernels } from "./wasm-kernels.js";

/**
 * AdamW and clipping on the SIMD module must equal the JS bit for bit: checkpoints, resumed runs and the
 * embedded model's rebuild depend on it. Plain arrays take the JS path, arrays in the module's memory
 * (or pinned weights) the kernels.
 */
const wasm = loadWasmKernels();
const rng = createRng(3);
const rand = (n: number, scale = 1) => Float32Array.from({ length: n }, () => rng.normal() * scale);
const resident = (x: Float32Array) => {
  const r = kernelFloats(x.length);
  r.set(x);
  return r;
};

describe.skipIf(wasm === null)("optimizer kernels", () => {
  const n = 1001; // odd: the kernels' one-element remainder too
  const decay: [number, number][] = [
    [0, 400],
    [517, 1000],
  ];
  const options = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };

  it("AdamW: several steps on resident state (and pinned weights) equal the JS exactly", () => {
    const start = { p: rand(n), g: rand(n, 0.1), m: rand(n, 0.01), v: rand(n, 0.001).map(Math.abs) };
    const js = { p: start.p.slice(), m: start.m.slice(), v: start.v.slice() };
    const jsState = { step: 0, m: js.m, v: js.v };
    const kernel = { p: start.p.slice(), g: resident(start.g), m: resident(start.m), v: resident(start.v) };
    const kernelState = { step: 0, m: kernel.m, v: kernel.v };
    expect(kernel.g.buffer).not.toBe(start.g.buffer);
    for (let step = 0; step < 3; step++) {
      adamWStep(js.p, start.g, jsState, 1e-2, options, decay);
      withResidentWeights(kernel.p, () => adamWStep(kernel.p, kernel.g, kernelState, 1e-2, options, decay));
    }
    expect(Array.from(kernel.p)).toEqual(Array.from(js.p));
    expect(Array.from(kernel.m)).toEqual(Array.from(js.m));
    expect(Array.from(kernel.v)).toEqual(Array.from(js.v));
    // And resident weights (no pinned copy to write back) give the same.
    const own = { p: resident(start.p), m: resident(start.m), v: resident(start.v) };
    const ownState = { step: 0, m: own.m, v: own.v };
    for (let step = 0; step < 3; step++) adamWStep(own.p, kernel.g, ownState, 1e-2, options, decay);
    expect(Array.from(own.p)).toEqual(Array.from(js.p));
  });

  it("AdamW inside a pinned scope: one-row products afterwards see the updated weights", () => {
    const [N, K] = [8, 16];
    const weights = rand(N * K);
    const state = { step: 0, m: resident(new Float32Array(N * K)), v: resident(new Float32Array(N * K)) };
    const grads = resident(rand(N * K, 0.1));
    const x = rand(K);
    const [before, after] = [new Float32Array(N), new Float32Array(N)];
    withResidentWeights(weights, () => {
      wasm!.matmul("NT", before, x, weights, 1, N, K, false); // packs a copy of the weights
      adamWStep(weights, grads, state, 1e-1, options, []);
      wasm!.matmul("NT", after, x, weights, 1, N, K, false);
    });
    const expected = new Float32Array(N);
    wasm!.matmul("NT", expected, x, weights, 1, N, K, false); // unpinned: the updated weights themselves
    expect(Array.from(after)).toEqual(Array.from(expected));
    expect(after).not.toEqual(before);
  });

  it("clipping: the norm and the scaled gradients equal the JS exactly", () => {
    const g = rand(n, 3);
    const inJs = g.slice();
    const inKernel = resident(g);
    expect(clipGradNorm(inKernel, 1)).toBe(clipGradNorm(inJs, 1));
    expect(Array.from(inKernel)).toEqual(Array.from(inJs));
    expect(clipGradNorm(inKernel, 0)).toBe(clipGradNorm(inJs, 0));
  });
});
