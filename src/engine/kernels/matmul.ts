import { wasmFor } from "./backend.js";
import type { Buf } from "./buffer.js";
import { matmulNNJs, matmulNTJs, matmulTNJs } from "./matmul-js.js";
import type { MatmulKind } from "./wasm-products.js";

/**
 * The three matrix products a Linear layer needs, each reading its operands in their stored row-major
 * layout so no transpose is ever materialised. `accumulate` adds into `out` (gradient accumulation)
 * instead of overwriting it.
 *
 * Linear y = x·Wᵀ with W (out, in):  forward  matmulNT(y, x, W)
 *                                    dx       matmulNN(dx, dy, W)
 *                                    dW       matmulTN(dW, dy, x, accumulate)
 *
 * Float32 products run on the WebAssembly SIMD kernels when
 * they are built and the backend (backend.ts) is "auto"; everything else (and Float64, used by the gradient checks)
 * runs in JS. The SIMD kernels sum in float32 in a different order, so results agree to float32 rounding
 * (≈1e-6 relative), not bit for bit. All Float32 products take the same path whatever their size, so a row's result never
 * depends on how many rows were computed with it (KV-cached decoding relies on that).
 */
function dispatch(
  kind: MatmulKind,
  js: typeof matmulNTJs,
): (out: Buf, a: Buf, b: Buf, M: number, N: number, K: number, accumulate?: boolean) => void {
  return (out, a, b, M, N, K, accumulate = false) => {
    const wasm = wasmFor(M * K + N * K + M * N, out, a, b);
    if (wasm !== null)
      wasm.matmul(kind, out as Float32Array, a as Float32Array, b as Float32Array, M, N, K, accumulate);
    else js(out, a, b, M, N, K, accumulate);
  };
}

/** out (M, N) = a (M, K) · bᵀ where b is (N, K). */
export const matmulNT = dispatch("NT", matmulNTJs);
/** out (M, N) = a (M, K) · b (K, N). */
export const matmulNN = dispatch("NN", matmulNNJs);
/** out (M, N) = aᵀ · b where a is (K, M) and b is (K, N). */
export const matmulTN = dispatch("TN", matmulTNJs);
