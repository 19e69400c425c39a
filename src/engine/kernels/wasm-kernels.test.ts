import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { attentionBackwardJs, attentionForwardJs } from "./attention/index.js";
import { setKernelThreads, withResidentWeights } from "./backend.js";
import { matmulNNJs, matmulNTJs, matmulTNJs } from "./matmul-js.js";
import { loadWasmKernels, type WasmKernels, wasmKernelsPath } from "./wasm-kernels.js";

/**
 * The SIMD kernels against the JS kernels (the JS ones are gradient-checked in kernels.test.ts). JS accumulates in double, the SIMD kernels in float32 (four
 * partial sums, then a horizontal add), so they agree to float32 rounding of a K-term sum: relative error
 * ≲ K·2⁻²⁴ in the worst case, ~1e-6 in practice. 2e-5 of each output's scale allows for that and still
 * catches any indexing mistake, which shows up as O(1) errors. Odd sizes exercise every remainder path.
 */
const root = path.resolve(import.meta.dirname, "../../..");

let wasm: WasmKernels;
beforeAll(() => {
  // The module is built by `npm run build:wasm` (part of `npm ci`'s prepare); build it if this tree lacks it.
  if (!existsSync(wasmKernelsPath)) execFileSync("npm", ["run", "--silent", "build:wasm"], { cwd: root });
  const loaded = loadWasmKernels();
  if (loaded === null) throw new Error(`no wasm kernels at ${wasmKernelsPath}`);
  wasm = loaded;
}, 120_000);

const rng = createRng(5);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

function expectClose(actual: Float32Array, expected: Float32Array, K: number): void {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.sqrt(K));
  }
  // Outputs of K unit-normal products have scale √K.
  expect(worst).toBeLessThan(2e-5);
}

describe("WebAssembly SIMD matmul equals the JS kernels", () => {
  const shapes = [
    [1, 1, 1],
    [3, 5, 7],
    [9, 13, 6],
    [16, 24, 32],
    [37, 41, 29],
    [64, 256, 96],
    [19, 250, 300], // NT panels of 108 columns: several panels and a ragged last one
  ] as const;
  for (const [M, N, K] of shapes) {
    it(`M=${M} N=${N} K=${K}, overwrite and accumulate`, () => {
      const cases = [
        ["NT", matmulNTJs, M * K, N * K],
        ["NN", matmulNNJs, M * K, K * N],
        ["TN", matmulTNJs, K * M, K * N],
      ] as const;
      for (const [kind, js, aSize, bSize] of cases) {
        const a = rand(aSize);
        const b = rand(bSize);
        const start = rand(M * N);
        for (const acc of [false, true]) {
          const expected = start.slice();
          const actual = start.slice();
          js(expected, a, b, M, N, K, acc);
          wasm.matmul(kind, actual, a, b, M, N, K, acc);
          expectClose(actual, expected, K);
        }
      }
    });
  }
});

describe("WebAssembly SIMD attention equals the JS kernels", () => {
  const shapes = [
    { B: 2, T: 7, H: 4, KV: 2, D: 6 },
    { B: 1, T: 33, H: 2, KV: 2, D: 64 },
  ];
  for (const s of shapes) {
    it(`B=${s.B} T=${s.T} H=${s.H} KV=${s.KV} D=${s.D}: forward and backward`, () => {
      const nq = s.B * s.T * s.H * s.D;
      const nk = s.B * s.T * s.KV * s.D;
      const np = s.B * s.H * s.T * s.T;
      const [q, k, v, dOut] = [rand(nq), rand(nk), rand(nk), rand(nq)];
      const js = { out: new Float32Array(nq), probs: new Float32Array(np) };
      const simd = { out: new Float32Array(nq), probs: new Float32Array(np) };
      attentionForwardJs(js.out, js.probs, q, k, v, s);
      wasm.attentionForward(simd.out, simd.probs, q, k, v, s);
      expectClose(simd.out, js.out, 1);
      expectClose(simd.probs, js.probs, 1);
      const grads = () =>
        [new Float32Array(nq), new Float32Array(nk).fill(7), new Float32Array(nk).fill(7)] as const;
      const [dq1, dk1, dv1] = grads();
      const [dq2, dk2, dv2] = grads();
      attentionBackwardJs(dq1, dk1, dv1, dOut, js.probs, q, k, v, s);
      wasm.attentionBackward(dq2, dk2, dv2, dOut, js.probs, q, k, v, s);
      // Gradients sum over up to T positions of O(√D) terms.
      expectClose(dq2, dq1, s.T * s.D);
      expectClose(dk2, dk1, s.T * s.D);
      expectClose(dv2, dv1, s.T);
    });
  }
});

describe("resident weights", () => {
  it("products reading pinned weights equal products that copy them, and pinning is scoped", () => {
    const weights = rand(3 * 40 * 24);
    const w = weights.subarray(40 * 24, 2 * 40 * 24); // the middle (40, 24) matrix
    const x = rand(5 * 24);
    const copied = new Float32Array(5 * 40);
    wasm.matmul("NT", copied, x, w, 5, 40, 24, false);
    const resident = new Float32Array(5 * 40);
    withResidentWeights(weights, () => {
      expect(wasm.pinned()).toBe(weights);
      wasm.matmul("NT", resident, x, w, 5, 40, 24, false);
    });
    expect(resident).toEqual(copied);
    expect(wasm.pinned()).toBeNull();
  });
});

describe("one-row products on pinned weights", () => {
  afterEach(() => setKernelThreads(2));

  it("read a packed copy with the same bits as the unpinned product, remainders and accumulation too", () => {
    for (const [N, K] of [
      [40, 24],
      [43, 26],
      [3, 9],
      [700, 257],
    ] as const) {
      const weights = rand(2 * N * K + 5);
      const w = weights.subarray(N * K + 5); // an (N, K) matrix at an odd place in the weights
      const [x, start] = [rand(K), rand(N)];
      for (const acc of [false, true]) {
        const expected = Float32Array.from(start);
        wasm.matmul("NT", expected, x, w, 1, N, K, acc);
        for (const threads of [1, 2] as const) {
          setKernelThreads(threads);
          const actual = Float32Array.from(start);
          const again = Float32Array.from(start);
          withResidentWeights(weights, () => {
            wasm.matmul("NT", actual, x, w, 1, N, K, acc);
            wasm.matmul("NT", again, x, w, 1, N, K, acc); // the packed copy, reused
          });
          expect(Array.from(actual), `${N}×${K} acc=${acc} threads=${threads}`).toEqual(Array.from(expected));
          expect(again).toEqual(actual);
        }
      }
    }
  });
});

describe("resident arrays", () => {
  it("are read and written in place with the same results as copied operands", () => {
    const [M, N, K] = [33, 40, 24];
    const s = { B: 2, T: 16, H: 2, KV: 1, D: 8 };
    const nq = s.B * s.T * s.H * s.D;
    const nk = s.B * s.T * s.KV * s.D;
    const inputs = [M * K, N * K, M * N, nq, nk, nk, M * N].map(rand);
    const resident = (x: Float32Array) => {
      const r = wasm.resident(x.length)!;
      r.set(x);
      return r;
    };
    const runAll = (own: (x: Float32Array) => Float32Array) => {
      const [a, b, start, q, k, v, up] = inputs.map(own) as Float32Array[];
      const out = own(start!);
      wasm.matmul("NT", out, a!, b!, M, N, K, true);
      const att = own(new Float32Array(nq));
      const probs = own(new Float32Array(s.B * s.H * s.T * s.T));
      wasm.attentionForward(att, probs, q!, k!, v!, s);
      const [dq, dk, dv] = [own(new Float32Array(nq)), own(new Float32Array(nk)), own(new Float32Array(nk))];
      wasm.attentionBackward(dq, dk, dv, att, probs, q!, k!, v!, s);
      const act = own(new Float32Array(M * N));
      const sig = own(new Float32Array(M * N));
      wasm.swigluForward(act, out, up!, M * N, sig);
      return [out, att, probs, dq, dk, dv, act, sig].map((x) => Array.from(x));
    };
    const copied = runAll((x) => Float32Array.from(x));
    const inPlace = runAll(resident);
    for (let i = 0; i < copied.length; i++) expect(inPlace[i], `output ${i}`).toEqual(copied[i]);
    expect(wasm.resident(1)).not.toBeNull();
  });
});

describe("the second kernel thread", () => {
  afterEach(() => setKernelThreads(2));

  it("splits large calls by rows without changing a single bit", () => {
    const s = { B: 4, T: 64, H: 4, KV: 2, D: 64 };
    const [M, N, K] = [130, 256, 72];
    const inputs = {
      a: rand(M * K),
      b: rand(N * K),
      bNN: rand(K * N),
      aTN: rand(K * M),
      q: rand(s.B * s.T * s.H * s.D),
      k: rand(s.B * s.T * s.KV * s.D),
      v: rand(s.B * s.T * s.KV * s.D),
    };
    const runAll = () => {
      const nt = new Float32Array(M * N);
      const nn = new Float32Array(M * N);
      const tn = new Float32Array(M * N).fill(1);
      wasm.matmul("NT", nt, inputs.a, inputs.b, M, N, K, false);
      wasm.matmul("NN", nn, inputs.a, inputs.bNN, M, N, K, false);
      wasm.matmul("TN", tn, inputs.aTN, inputs.bNN, M, N, K, true);
      const out = new Float32Array(inputs.q.length);
      const probs = new Float32Array(s.B * s.H * s.T * s.T);
      wasm.attentionForward(out, probs, inputs.q, inputs.k, inputs.v, s);
      const [dq, dk, dv] = [
        new Float32Array(out.length),
        new Float32Array(inputs.k.length),
        new Float32Array(inputs.k.length),
      ];
      wasm.attentionBackward(dq, dk, dv, out, probs, inputs.q, inputs.k, inputs.v, s);
      return { nt, nn, tn, out, probs, dq, dk, dv };
    };
    setKernelThreads(1);
    const one = runAll();
    setKernelThreads(2);
    const two = runAll();
    expect(two).toEqual(one);
    // And against JS, to be sure both are right rather than equally wrong.
    const expected = new Float32Array(M * N);
    matmulTNJs(expected, inputs.aTN, inputs.bNN, M, N, K);
    for (let i = 0; i < expected.length; i++) expected[i] = expected[i]! + 1;
    expectClose(two.tn, expected, K);
  });
});
