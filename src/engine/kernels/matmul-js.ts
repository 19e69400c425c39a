import type { Buf } from "./buffer.js";

/**
 * Plain-JS matrix products: the fallback when the WebAssembly kernels are not built, and the float64 path
 * of the gradient checks. Contracts are documented in matmul.ts.
 */

/** out (M, N) = a (M, K) · bᵀ where b is (N, K): row-by-row dot products. */
export function matmulNTJs(
  out: Buf,
  a: Buf,
  b: Buf,
  M: number,
  N: number,
  K: number,
  accumulate = false,
): void {
  const K4 = K - (K % 4);
  for (let m = 0; m < M; m++) {
    const ao = m * K;
    const oo = m * N;
    let n = 0;
    // Four output columns at a time: each load of a[m,k] feeds four accumulators.
    for (; n + 3 < N; n += 4) {
      const b0 = n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const av = a[ao + k]!;
        s0 += av * b[b0 + k]!;
        s1 += av * b[b1 + k]!;
        s2 += av * b[b2 + k]!;
        s3 += av * b[b3 + k]!;
      }
      if (accumulate) {
        out[oo + n] = out[oo + n]! + s0;
        out[oo + n + 1] = out[oo + n + 1]! + s1;
        out[oo + n + 2] = out[oo + n + 2]! + s2;
        out[oo + n + 3] = out[oo + n + 3]! + s3;
      } else {
        out[oo + n] = s0;
        out[oo + n + 1] = s1;
        out[oo + n + 2] = s2;
        out[oo + n + 3] = s3;
      }
    }
    for (; n < N; n++) {
      const bo = n * K;
      let s = 0;
      let k = 0;
      for (; k < K4; k += 4) {
        s +=
          a[ao + k]! * b[bo + k]! +
          a[ao + k + 1]! * b[bo + k + 1]! +
          a[ao + k + 2]! * b[bo + k + 2]! +
          a[ao + k + 3]! * b[bo + k + 3]!;
      }
      for (; k < K; k++) s += a[ao + k]! * b[bo + k]!;
      out[oo + n] = accumulate ? out[oo + n]! + s : s;
    }
  }
}

/** out (M, N) = a (M, K) · b (K, N): each output row is a sum of scaled rows of b. */
export function matmulNNJs(
  out: Buf,
  a: Buf,
  b: Buf,
  M: number,
  N: number,
  K: number,
  accumulate = false,
): void {
  for (let m = 0; m < M; m++) {
    const oo = m * N;
    if (!accumulate) out.fill(0, oo, oo + N);
    const ao = m * K;
    for (let k = 0; k < K; k++) {
      const s = a[ao + k]!;
      if (s === 0) continue;
      const bo = k * N;
      for (let n = 0; n < N; n++) out[oo + n] = out[oo + n]! + s * b[bo + n]!;
    }
  }
}

/** out (M, N) = aᵀ · b where a is (K, M) and b is (K, N): the weight gradient dyᵀ·x. */
export function matmulTNJs(
  out: Buf,
  a: Buf,
  b: Buf,
  M: number,
  N: number,
  K: number,
  accumulate = false,
): void {
  if (!accumulate) out.fill(0, 0, M * N);
  for (let k = 0; k < K; k++) {
    const ao = k * M;
    const bo = k * N;
    for (let m = 0; m < M; m++) {
      const s = a[ao + m]!;
      if (s === 0) continue;
      const oo = m * N;
      for (let n = 0; n < N; n++) out[oo + n] = out[oo + n]! + s * b[bo + n]!;
    }
  }
}
