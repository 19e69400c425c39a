import type { KernelCore } from "./wasm-core.js";
import type { RowSplit } from "./wasm-threads.js";

export type MatmulKind = "NT" | "NN" | "TN";

/** Matrix products on the SIMD module, or on the native OpenBLAS kernels when those are switched on. */
export interface ProductKernels {
  matmul(
    kind: MatmulKind,
    out: Float32Array,
    a: Float32Array,
    b: Float32Array,
    M: number,
    N: number,
    K: number,
    acc: boolean,
  ): void;
}

export function productKernels(core: KernelCore, onNative: () => boolean): ProductKernels {
  const { layout, put, place, get, run, inPlace } = core;
  return {
    matmul(kind, out, a, b, M, N, K, acc) {
      // Packed before the per-call slots are laid out: packing may take a block where they would start.
      const packed = kind === "NT" && M === 1 && !onNative() ? core.packedWeights(b, N, K) : -1;
      // Weights (the b operand of the forward and input-gradient products) are read where they are pinned.
      const { at, heap } = layout([M * K, inPlace(b, N * K) >= 0 ? 0 : N * K, M * N]);
      const aAt = put(heap, at[0]!, a, M * K);
      const bAt = put(heap, at[1]!, b, N * K);
      const outAt = place(at[2]!, out);
      if (acc) put(heap, outAt, out, M * N);
      const c = acc ? 1 : 0;
      if (packed >= 0) {
        // Decoding a token against pinned weights: their packed copy, columns split over the threads.
        const how: RowSplit = {
          rowsArg: 4,
          advance: [
            [0, 4],
            [2, (K & ~3) * 4],
            [3, K * 4],
          ],
          align: 4,
        };
        run("matvecPacked", [outAt, aAt, packed, bAt, N, K, c], N, how, N * K);
      } else if (kind === "NT" && M === 1) {
        // One row: split the columns instead; out and b advance together.
        const how: RowSplit = {
          rowsArg: 4,
          advance: [
            [0, 4],
            [2, K * 4],
          ],
          align: 4,
        };
        run(onNative() ? "nativeMatmulNT" : "matmulNT", [outAt, aAt, bAt, M, N, K, c], N, how, N * K);
      } else if (kind === "NT") {
        // Rows of a and out advance together.
        const how: RowSplit = {
          rowsArg: 3,
          advance: [
            [0, N * 4],
            [1, K * 4],
          ],
        };
        run(onNative() ? "nativeMatmulNT" : "matmulNT", [outAt, aAt, bAt, M, N, K, c], M, how, M * N * K);
      } else {
        // A's element (m, k) at a + 4·(m·rs + k·ks): NN reads a (M, K), TN reads a (K, M) transposed.
        const [rs, ks] = kind === "NN" ? [K, 1] : [1, M];
        const how: RowSplit = {
          rowsArg: 3,
          advance: [
            [0, N * 4],
            [1, rs * 4],
          ],
        };
        run(onNative() ? "nativeGemm" : "gemm", [outAt, aAt, bAt, M, N, K, rs, ks, c], M, how, M * N * K);
      }
      get(heap, outAt, out, M * N);
    },
  };
}
