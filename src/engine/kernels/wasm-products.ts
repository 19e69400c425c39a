import type { KernelCore } from "./wasm-core.js";

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
      const gemmName = onNative() ? "nativeGemm" : "gemm";
      const ntName = onNative() ? "nativeMatmulNT" : "matmulNT";
      const nt = { out: outAt, a: aAt, b: bAt, M, N, K, acc: c };
      if (packed >= 0) {
        // Decoding a token against pinned weights: their packed copy, columns split over the threads in
        // quads; p holds K&~3 floats per column, b is read whole for the columns past them.
        const args = { out: outAt, x: aAt, p: packed, b: bAt, N, K, acc: c };
        const work = N * K;
        run("matvecPacked", args, {
          rows: "N",
          advance: { out: 4, p: (K & ~3) * 4, b: K * 4 },
          align: 4,
          work,
        });
      } else if (kind === "NT" && M === 1) {
        // One row: split the columns instead; out and b advance together.
        run(ntName, nt, { rows: "N", advance: { out: 4, b: K * 4 }, align: 4, work: N * K });
      } else if (kind === "NT") {
        // Rows of a and out advance together.
        run(ntName, nt, { rows: "M", advance: { out: N * 4, a: K * 4 }, work: M * N * K });
      } else {
        // A's element (m, k) at a + 4·(m·rs + k·ks): NN reads a (M, K), TN reads a (K, M) transposed.
        const [rs, ks] = kind === "NN" ? [K, 1] : [1, M];
        const args = { ...nt, rs, ks };
        run(gemmName, args, { rows: "M", advance: { out: N * 4, a: rs * 4 }, work: M * N * K });
      }
      get(heap, outAt, out, M * N);
    },
  };
}
