import { afterEach, describe, expect, it } from "vitest";
import { BreakfixError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { createLlama } from "../model/llama.js";
import { createTrainer } from "../training-loop/trainer.js";
import { activeKernelBackend, setKernelBackend, setKernelThreads } from "./backend.js";
import { loadNativeProducts } from "./native-blas.js";
import { loadWasmKernels, type WasmKernels } from "./wasm-kernels.js";

/**
 * The optional OpenBLAS products (native/blas-kernels.c) against the SIMD kernels. They sum in another
 * order, so they agree to float32 rounding, not bit for bit. Where the addon or OpenBLAS is missing (a
 * fresh clone without a C compiler) this skips; with CI set it must run (.ci/run installs OpenBLAS).
 */
const wasm = loadWasmKernels();
const unavailable = wasm === null ? "the WebAssembly kernels are not built" : wasm.useNativeProducts(true);
wasm?.useNativeProducts(false);
const required = Boolean(process.env["CI"]);
if (unavailable !== null && required)
  throw new Error(`CI is set but the native kernels cannot run: ${unavailable}`);
if (unavailable !== null) console.warn(`skipping the native kernel tests: ${unavailable}`);

const rng = createRng(11);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

describe.skipIf(unavailable !== null)("native OpenBLAS products", () => {
  const simd = wasm as WasmKernels;
  afterEach(() => {
    setKernelBackend("auto");
    setKernelThreads(2);
  });

  it("match the SIMD products for NT, NN and TN, overwriting and accumulating, on 1 and 2 threads", () => {
    for (const [M, N, K] of [
      [1, 1, 1],
      [1, 300, 70],
      [7, 5, 3],
      [130, 256, 72],
      [64, 33, 257],
    ] as const) {
      for (const [kind, aSize, bSize] of [
        ["NT", M * K, N * K],
        ["NN", M * K, K * N],
        ["TN", K * M, K * N],
      ] as const) {
        const [a, b, start] = [rand(aSize), rand(bSize), rand(M * N)];
        for (const acc of [false, true]) {
          const expected = Float32Array.from(start);
          simd.useNativeProducts(false);
          simd.matmul(kind, expected, a, b, M, N, K, acc);
          for (const threads of [1, 2] as const) {
            setKernelThreads(threads);
            const actual = Float32Array.from(start);
            expect(simd.useNativeProducts(true)).toBeNull();
            simd.matmul(kind, actual, a, b, M, N, K, acc);
            simd.useNativeProducts(false);
            let worst = 0;
            for (let i = 0; i < expected.length; i++) {
              worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.sqrt(K));
            }
            expect(worst, `${kind} ${M}×${N}×${K} acc=${acc} threads=${threads}`).toBeLessThan(2e-5);
          }
        }
      }
    }
  });

  it("train a model along the same loss curve as the SIMD kernels, and say so", () => {
    const config = {
      vocabSize: 40,
      dModel: 32,
      nLayers: 2,
      nHeads: 4,
      nKvHeads: 2,
      ffnDim: 64,
      contextLength: 16,
      ropeTheta: 10000,
      normEps: 1e-5,
      tiedEmbeddings: false,
    };
    const tokens = Int32Array.from({ length: 4 * 16 }, (_, i) => (i * 7) % 40);
    const batch = { B: 4, T: 16, tokens, targets: tokens.map((t) => (t + 1) % 40) };
    const losses = (backend: "auto" | "native") => {
      setKernelBackend(backend);
      expect(activeKernelBackend()).toBe(backend === "native" ? "native" : "wasm");
      const trainer = createTrainer(createLlama(config, 3), () => batch, {
        steps: 30,
        learningRate: 1e-2,
        warmupSteps: 2,
        seed: 1,
      });
      return Array.from({ length: 30 }, () => trainer.step().loss);
    };
    const simdLosses = losses("auto");
    const nativeLosses = losses("native");
    expect(nativeLosses[29]!).toBeLessThan(nativeLosses[0]! / 2);
    for (let i = 0; i < 30; i++) expect(Math.abs(nativeLosses[i]! - simdLosses[i]!)).toBeLessThan(2e-3);
  });
});

describe("an unavailable native backend", () => {
  it("names what is missing, and asking for it is a configuration error that changes nothing", () => {
    expect(loadNativeProducts(new Float32Array(1), "/nonexistent/blas-kernels.node")).toMatch(
      /not built.*npm run build:native/,
    );
    if (unavailable === null) return;
    expect(() => setKernelBackend("native")).toThrow(BreakfixError);
    expect(activeKernelBackend()).not.toBe("native");
  });
});
