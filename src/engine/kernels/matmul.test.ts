import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { matmulNNJs, matmulNTJs, matmulTNJs } from "./matmul-js.js";
import { loadWasmMatmul, type WasmMatmul, wasmKernelsPath } from "./wasm-matmul.js";

/**
 * The SIMD kernels against the JS kernels. JS accumulates in double, the SIMD kernels in float32 (four
 * partial sums, then a horizontal add), so they agree to float32 rounding of a K-term sum: relative error
 * ≲ K·2⁻²⁴ in the worst case, ~1e-6 in practice. 2e-5 of each output's scale allows for that and still
 * catches any indexing mistake, which shows up as O(1) errors. Odd sizes exercise every remainder path.
 */
const root = path.resolve(import.meta.dirname, "../../..");

let wasm: WasmMatmul;
beforeAll(() => {
  // The module is built by `npm run build:wasm` (part of `npm ci`'s prepare); build it if this tree lacks it.
  if (!existsSync(wasmKernelsPath)) execFileSync("npm", ["run", "--silent", "build:wasm"], { cwd: root });
  const loaded = loadWasmMatmul();
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
          wasm.run(kind, actual, a, b, M, N, K, acc);
          expectClose(actual, expected, K);
        }
      }
    });
  }
});
