import type { KernelCore } from "./wasm-core.js";

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
      run("rmsnormForward", { out: outAt, rstd: rAt, x: xAt, w: wAt, N, C, eps });
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
      const acc = accumulate ? 1 : 0;
      run("rmsnormBackward", { dx: dxAt, dw: dwAt, dy: dyAt, x: xAt, w: wAt, rstd: rAt, N, C, acc });
      get(heap, dxAt, dx, N * C);
      get(heap, dwAt, dw, C);
    },
    swigluForward(out, gate, up, size, sigmoid) {
      const { at, heap } = layout([size, sigmoid === null ? 0 : size, size, size]);
      const outAt = place(at[0]!, out);
      const sAt = sigmoid === null ? at[1]! : place(at[1]!, sigmoid);
      const [gAt, uAt] = [put(heap, at[2]!, gate, size), put(heap, at[3]!, up, size)];
      const args = { out: outAt, sig: sigmoid === null ? 0 : sAt, gate: gAt, up: uAt, n: size };
      // Without σ to keep, the σ pointer stays 0 (the kernel's "none") in every chunk.
      run("swigluForward", args, {
        rows: "n",
        advance: { out: 4, sig: sigmoid === null ? 0 : 4, gate: 4, up: 4 },
        work: size * 8,
      });
      get(heap, outAt, out, size);
      if (sigmoid !== null) get(heap, sAt, sigmoid, size);
    },
    swigluBackward(dGate, dUp, dOut, gate, up, sigmoid, size) {
      const { at, heap } = layout([size, size, size, size, size, size]);
      const [dgAt, duAt] = [place(at[0]!, dGate), place(at[1]!, dUp)];
      const [doAt, gAt] = [put(heap, at[2]!, dOut, size), put(heap, at[3]!, gate, size)];
      const [uAt, sAt] = [put(heap, at[4]!, up, size), put(heap, at[5]!, sigmoid, size)];
      const args = { dGate: dgAt, dUp: duAt, dOut: doAt, gate: gAt, up: uAt, sig: sAt, n: size };
      run("swigluBackward", args, {
        rows: "n",
        advance: { dGate: 4, dUp: 4, dOut: 4, gate: 4, up: 4, sig: 4 },
        work: size * 2,
      });
      get(heap, dgAt, dGate, size);
      get(heap, duAt, dUp, size);
    },
    softmaxRows(softmax, logSumExp, logits, weights, N, V) {
      const { at, heap } = layout([N * V, 2 * N, N * V, weights === null ? 0 : N]);
      const pAt = softmax === null ? at[0]! : place(at[0]!, softmax);
      const lseAt = at[1]!;
      const lAt = put(heap, at[2]!, logits, N * V);
      const wAt = weights === null ? 0 : put(heap, at[3]!, weights, N);
      // lse holds a float64 per row; without weights, the weights pointer stays 0 (none) in every chunk.
      const args = { softmax: pAt, lse: lseAt, logits: lAt, weights: wAt, N, V };
      run("softmaxRows", args, {
        rows: "N",
        advance: { softmax: V * 4, lse: 8, logits: V * 4, weights: weights === null ? 0 : 4 },
        work: N * V * 8,
      });
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
      const args = { dLogits: dAt, softmax: pAt, targets: tAt, g: gAt, N, V };
      run("crossEntropyBackward", args, {
        rows: "N",
        advance: { dLogits: V * 4, softmax: V * 4, targets: 4, g: 4 },
        work: N * V,
      });
      get(heap, dAt, dLogits, N * V);
    },
  };
}
