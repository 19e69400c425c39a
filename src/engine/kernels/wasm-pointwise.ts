import { elementwise, type KernelCore } from "./wasm-core.js";
import type { RowSplit } from "./wasm-threads.js";

/** RMSNorm, SwiGLU and the softmax of cross-entropy on the SIMD module (contracts as in their JS files). */
export interface PointwiseKernels {
  rmsnormForward(
    out: Float32Array,
    rstd: Float32Array,
    x: Float32Array,
    w: Float32Array,
    N: number,
    C: number,
    eps: number,
  ): void;
  rmsnormBackward(
    dx: Float32Array,
    dw: Float32Array,
    dy: Float32Array,
    x: Float32Array,
    w: Float32Array,
    rstd: Float32Array,
    N: number,
    C: number,
    accumulate: boolean,
  ): void;
  swigluForward(
    out: Float32Array,
    gate: Float32Array,
    up: Float32Array,
    size: number,
    sigmoid: Float32Array | null,
  ): void;
  swigluBackward(
    dGate: Float32Array,
    dUp: Float32Array,
    dOut: Float32Array,
    gate: Float32Array,
    up: Float32Array,
    sigmoid: Float32Array,
    size: number,
  ): void;
  /** softmax (when given) and log Σ exp per row; rows of weight 0 get NaN and a zero softmax row. */
  softmaxRows(
    softmax: Float32Array | null,
    logSumExp: Float64Array,
    logits: Float32Array,
    weights: Float32Array | null,
    N: number,
    V: number,
  ): void;
  /** dLogits = g_n·(softmax − onehot(target_n)) per row; rows with g_n = 0 are zero. */
  crossEntropyBackward(
    dLogits: Float32Array,
    softmax: Float32Array,
    targets: Int32Array,
    g: Float32Array,
    N: number,
    V: number,
  ): void;
}

export function pointwiseKernels({ layout, put, place, get, run }: KernelCore): PointwiseKernels {
  return {
    rmsnormForward(out, rstd, x, w, N, C, eps) {
      const { at, heap } = layout([N * C, N, N * C, C]);
      const [outAt, rAt] = [place(at[0]!, out), place(at[1]!, rstd)];
      const [xAt, wAt] = [put(heap, at[2]!, x, N * C), put(heap, at[3]!, w, C)];
      // One thread: the split hands arguments over as integers, which eps is not; the rows are cheap.
      run("rmsnormForward", [outAt, rAt, xAt, wAt, N, C, eps], N, { rowsArg: 4, advance: [] }, 0);
      get(heap, outAt, out, N * C);
      get(heap, rAt, rstd, N);
    },
    rmsnormBackward(dx, dw, dy, x, w, rstd, N, C, accumulate) {
      // Single-threaded: dw sums over all rows, and the rows are cheap.
      const { at, heap } = layout([N * C, C, N * C, N * C, C, N]);
      const dxAt = place(at[0]!, dx);
      if (accumulate) put(heap, dxAt, dx, N * C);
      const dwAt = put(heap, at[1]!, dw, C);
      const [dyAt, xAt] = [put(heap, at[2]!, dy, N * C), put(heap, at[3]!, x, N * C)];
      const [wAt, rAt] = [put(heap, at[4]!, w, C), put(heap, at[5]!, rstd, N)];
      const args = [dxAt, dwAt, dyAt, xAt, wAt, rAt, N, C, accumulate ? 1 : 0];
      run("rmsnormBackward", args, N, { rowsArg: 6, advance: [] }, 0);
      get(heap, dxAt, dx, N * C);
      get(heap, dwAt, dw, C);
    },
    swigluForward(out, gate, up, size, sigmoid) {
      const { at, heap } = layout([size, sigmoid === null ? 0 : size, size, size]);
      const outAt = place(at[0]!, out);
      const sAt = sigmoid === null ? at[1]! : place(at[1]!, sigmoid);
      const [gAt, uAt] = [put(heap, at[2]!, gate, size), put(heap, at[3]!, up, size)];
      if (sigmoid === null) {
        // Without σ to keep, the σ pointer stays 0 (the kernel's "none") in every chunk.
        run("swigluForward", [outAt, 0, gAt, uAt, size], size, elementwise(4, [0, 2, 3]), size * 8);
      } else run("swigluForward", [outAt, sAt, gAt, uAt, size], size, elementwise(4, [0, 1, 2, 3]), size * 8);
      get(heap, outAt, out, size);
      if (sigmoid !== null) get(heap, sAt, sigmoid, size);
    },
    swigluBackward(dGate, dUp, dOut, gate, up, sigmoid, size) {
      const { at, heap } = layout([size, size, size, size, size, size]);
      const [dgAt, duAt] = [place(at[0]!, dGate), place(at[1]!, dUp)];
      const [doAt, gAt] = [put(heap, at[2]!, dOut, size), put(heap, at[3]!, gate, size)];
      const [uAt, sAt] = [put(heap, at[4]!, up, size), put(heap, at[5]!, sigmoid, size)];
      run(
        "swigluBackward",
        [dgAt, duAt, doAt, gAt, uAt, sAt, size],
        size,
        elementwise(6, [0, 1, 2, 3, 4, 5]),
        size * 2,
      );
      get(heap, dgAt, dGate, size);
      get(heap, duAt, dUp, size);
    },
    softmaxRows(softmax, logSumExp, logits, weights, N, V) {
      const { at, heap } = layout([N * V, 2 * N, N * V, weights === null ? 0 : N]);
      const pAt = softmax === null ? at[0]! : place(at[0]!, softmax);
      const lseAt = at[1]!;
      const lAt = put(heap, at[2]!, logits, N * V);
      const wAt = weights === null ? 0 : put(heap, at[3]!, weights, N);
      const advance: [number, number][] = [
        [0, V * 4],
        [1, 8],
        [2, V * 4],
      ];
      if (weights !== null) advance.push([3, 4]);
      const args = [pAt, lseAt, lAt, wAt, N, V];
      run("softmaxRows", args, N, { rowsArg: 4, advance }, N * V * 8);
      if (softmax !== null) get(heap, pAt, softmax, N * V);
      logSumExp.set(new Float64Array(heap.buffer, lseAt, N));
    },
    crossEntropyBackward(dLogits, softmax, targets, g, N, V) {
      const { at, heap } = layout([N * V, N * V, N, N]);
      const dAt = place(at[0]!, dLogits);
      const pAt = put(heap, at[1]!, softmax, N * V);
      const tAt = at[2]!;
      new Int32Array(heap.buffer, tAt, N).set(targets);
      const gAt = put(heap, at[3]!, g, N);
      const how: RowSplit = {
        rowsArg: 4,
        advance: [
          [0, V * 4],
          [1, V * 4],
          [2, 4],
          [3, 4],
        ],
      };
      run("crossEntropyBackward", [dAt, pAt, tAt, gAt, N, V], N, how, N * V);
      get(heap, dAt, dLogits, N * V);
    },
  };
}
