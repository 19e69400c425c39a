import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { setKernelThreads } from "./backend.js";
import type { Buf } from "./buffer.js";
import { crossEntropyBackward, crossEntropyForward } from "./cross-entropy.js";
import { rmsnormBackward, rmsnormForward } from "./rmsnorm.js";
import { swigluBackward, swigluForward } from "./swiglu.js";
import { loadWasmKernels, wasmKernelsPath } from "./wasm-kernels.js";

/**
 * RMSNorm, SwiGLU and softmax cross-entropy on the SIMD kernels (Float32 data) against the same calls on
 * Float64 data, which always run in JS. The SIMD versions sum in float32 and take exp from a float32
 * polynomial, so they agree to a few float32 ulps: 1e-5 relative to each output's scale allows for that
 * and still catches any indexing mistake (O(1) errors). Odd sizes exercise the scalar tails.
 */
const root = path.resolve(import.meta.dirname, "../../..");
beforeAll(() => {
  if (!existsSync(wasmKernelsPath)) execFileSync("npm", ["run", "--silent", "build:wasm"], { cwd: root });
  if (loadWasmKernels() === null) throw new Error(`no wasm kernels at ${wasmKernelsPath}`);
}, 120_000);

const rng = createRng(11);
const rand = (n: number, scale = 1) => Float64Array.from({ length: n }, () => scale * rng.normal());
const f32 = (b: Float64Array) => Float32Array.from(b);

function expectClose(actual: Buf, expected: Buf, tol = 1e-5): void {
  let scale = 1e-30;
  for (const x of expected) scale = Math.max(scale, Math.abs(x));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst / scale).toBeLessThan(tol);
}

describe("SIMD pointwise kernels equal the JS kernels", () => {
  it("RMSNorm forward and backward (overwrite and accumulate)", () => {
    const [N, C] = [7, 37];
    const x = rand(N * C);
    const w = rand(C);
    const dy = rand(N * C);
    const js = { out: new Float64Array(N * C), rstd: new Float64Array(N) };
    const simd = { out: new Float32Array(N * C), rstd: new Float32Array(N) };
    rmsnormForward(js.out, js.rstd, x, w, N, C, 1e-5);
    rmsnormForward(simd.out, simd.rstd, f32(x), f32(w), N, C, 1e-5);
    expectClose(simd.out, js.out);
    expectClose(simd.rstd, js.rstd);
    for (const accumulate of [false, true]) {
      const start = rand(N * C);
      const jsDx = start.slice();
      const jsDw = rand(C);
      const simdDx = f32(start);
      const simdDw = f32(jsDw);
      rmsnormBackward(jsDx, jsDw, dy, x, w, js.rstd, N, C, accumulate);
      rmsnormBackward(simdDx, simdDw, f32(dy), f32(x), f32(w), simd.rstd, N, C, accumulate);
      expectClose(simdDx, jsDx);
      expectClose(simdDw, jsDw);
    }
  });

  it("SwiGLU forward (with and without σ, in place) and backward", () => {
    const n = 1031;
    const gate = rand(n, 4);
    const up = rand(n);
    const dOut = rand(n);
    const js = { out: new Float64Array(n), sig: new Float64Array(n) };
    const simd = { out: new Float32Array(n), sig: new Float32Array(n) };
    swigluForward(js.out, gate, up, n, js.sig);
    swigluForward(simd.out, f32(gate), f32(up), n, simd.sig);
    expectClose(simd.out, js.out);
    expectClose(simd.sig, js.sig);
    const inPlace = f32(gate);
    swigluForward(inPlace, inPlace, f32(up), n);
    expectClose(inPlace, js.out);
    const jsD = { g: new Float64Array(n), u: new Float64Array(n) };
    const simdD = { g: new Float32Array(n), u: new Float32Array(n) };
    swigluBackward(jsD.g, jsD.u, dOut, gate, up, n, js.sig);
    swigluBackward(simdD.g, simdD.u, f32(dOut), f32(gate), f32(up), n, simd.sig);
    expectClose(simdD.g, jsD.g);
    expectClose(simdD.u, jsD.u);
  });

  it("softmax cross-entropy with a loss mask, mean and sum, forward and backward", () => {
    const [N, V] = [9, 103];
    const logits = rand(N * V, 5);
    const targets = Int32Array.from({ length: N }, () => rng.int(V));
    const weights = Float64Array.from({ length: N }, (_, i) => (i % 3 === 1 ? 0 : 1 + (i % 2)));
    for (const reduction of ["mean", "sum"] as const) {
      const js = crossEntropyForward(logits, targets, weights, N, V, reduction, new Float64Array(N * V));
      const simd = crossEntropyForward(
        f32(logits),
        targets,
        f32(weights),
        N,
        V,
        reduction,
        new Float32Array(N * V),
      );
      expect(Math.abs(simd.loss - js.loss) / Math.abs(js.loss)).toBeLessThan(1e-6);
      expect(simd.weight).toBe(js.weight);
      expect(simd.logSumExp.map((x) => (Number.isNaN(x) ? -1 : 0))).toEqual(
        js.logSumExp.map((x) => (Number.isNaN(x) ? -1 : 0)),
      );
      const jsD = new Float64Array(N * V);
      const simdD = new Float32Array(N * V).fill(7);
      crossEntropyBackward(jsD, logits, targets, weights, js, N, V, reduction, 0.5);
      crossEntropyBackward(simdD, f32(logits), targets, f32(weights), simd, N, V, reduction, 0.5);
      expectClose(simdD, jsD);
    }
  });
});

/**
 * Index of the first element whose bits differ, or -1. Compares bytes, not with `toEqual`, whose
 * element-by-element deep equality takes seconds on arrays this size.
 */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const [x, y] = [
    new Uint32Array(a.buffer, a.byteOffset, a.length),
    new Uint32Array(b.buffer, b.byteOffset, b.length),
  ];
  if (
    x.length === y.length &&
    Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
      Buffer.from(y.buffer, y.byteOffset, y.byteLength),
    )
  )
    return -1;
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe("the second kernel thread on pointwise kernels", () => {
  afterEach(() => setKernelThreads(2));

  it("splits SwiGLU and the cross-entropy softmax by rows without changing a single bit", () => {
    // N·V ≥ 2^20: past the split threshold of every kernel here (cross-entropy backward needs the most).
    const [N, V] = [257, 4099];
    const logits = Float32Array.from({ length: N * V }, (_, i) => Math.sin(i) * 3);
    const targets = Int32Array.from({ length: N }, () => rng.int(V));
    const gate = Float32Array.from({ length: N * V }, (_, i) => Math.cos(i) * 4);
    const up = Float32Array.from({ length: N * V }, (_, i) => Math.sin(i * 0.7));
    const runAll = () => {
      const softmax = new Float32Array(N * V);
      const ce = crossEntropyForward(logits, targets, null, N, V, "mean", softmax);
      const dLogits = new Float32Array(N * V);
      crossEntropyBackward(dLogits, logits, targets, null, ce, N, V);
      const [act, sig, dg, du] = [0, 0, 0, 0].map(() => new Float32Array(N * V)) as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      swigluForward(act, gate, up, N * V, sig);
      swigluBackward(dg, du, logits, gate, up, N * V, sig);
      return { loss: ce.loss, softmax, dLogits, act, sig, dg, du };
    };
    setKernelThreads(1);
    const one = runAll();
    setKernelThreads(2);
    const two = runAll();
    expect(two.loss).toBe(one.loss);
    for (const k of ["softmax", "dLogits", "act", "sig", "dg", "du"] as const)
      expect([k, firstBitDifference(two[k], one[k])]).toEqual([k, -1]);
  });
});
