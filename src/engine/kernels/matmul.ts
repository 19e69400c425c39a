import type { Buf } from "./buffer.js";
import { matmulNNJs, matmulNTJs, matmulTNJs } from "./matmul-js.js";
import { loadWasmMatmul, type MatmulKind } from "./wasm-matmul.js";

/**
 * The three matrix products a Linear layer needs, each reading its operands in their stored row-major
 * layout so no transpose is ever materialised. `accumulate` adds into `out` (gradient accumulation)
 * instead of overwriting it.
 *
 * Linear y = x·Wᵀ with W (out, in):  forward  matmulNT(y, x, W)
 *                                    dx       matmulNN(dx, dy, W)
 *                                    dW       matmulTN(dW, dy, x, accumulate)
 *
 * Float32 products of more than a few thousand multiply-adds run on the WebAssembly SIMD kernels when
 * they are built and the backend is "auto"; everything else (and Float64, used by the gradient checks)
 * runs in JS. The SIMD kernels sum in float32 in a different order, so results agree to float32 rounding
 * (≈1e-6 relative), not bit for bit.
 */
export type KernelBackend = "auto" | "js";

let backend: KernelBackend = process.env.BREAKFIX_ENGINE_BACKEND === "js" ? "js" : "auto";

export function setKernelBackend(next: KernelBackend): void {
  backend = next;
}

/** "wasm" when Float32 matmuls run on the SIMD kernels, else "js". */
export function activeKernelBackend(): "wasm" | "js" {
  return backend === "auto" && loadWasmMatmul() !== null ? "wasm" : "js";
}

const SMALL = 4096;

function dispatch(
  kind: MatmulKind,
  js: typeof matmulNTJs,
): (out: Buf, a: Buf, b: Buf, M: number, N: number, K: number, accumulate?: boolean) => void {
  return (out, a, b, M, N, K, accumulate = false) => {
    if (
      backend === "auto" &&
      M * N * K >= SMALL &&
      out instanceof Float32Array &&
      a instanceof Float32Array &&
      b instanceof Float32Array
    ) {
      const wasm = loadWasmMatmul();
      if (wasm !== null) {
        wasm.run(kind, out, a, b, M, N, K, accumulate);
        return;
      }
    }
    js(out, a, b, M, N, K, accumulate);
  };
}

/** out (M, N) = a (M, K) · bᵀ where b is (N, K). */
export const matmulNT = dispatch("NT", matmulNTJs);
/** out (M, N) = a (M, K) · b (K, N). */
export const matmulNN = dispatch("NN", matmulNNJs);
/** out (M, N) = aᵀ · b where a is (K, M) and b is (K, N). */
export const matmulTN = dispatch("TN", matmulTNJs);
