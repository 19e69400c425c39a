import { createRequire } from "node:module";
import path from "node:path";

/**
 * The optional native product kernels (native/blas-kernels.c, built by `npm run build:native` into
 * dist/native/): matmulNT and gemm with the WebAssembly kernels' arguments, run by the system's OpenBLAS
 * on operands in the kernels' shared memory. OpenBLAS sums in its own order, so results differ from the
 * SIMD kernels in the last bits; they are used only when asked for (BREAKFIX_ENGINE_BACKEND=native).
 */
export interface NativeProducts {
  matmulNT(...args: number[]): void;
  gemm(...args: number[]): void;
  /** The BLAS library the addon loaded, e.g. libopenblas.so.0. */
  library: string;
}

interface Addon {
  attach(view: Float32Array): string | null;
  matmulNT(...args: number[]): void;
  gemm(...args: number[]): void;
}

export const nativeAddonPath = path.resolve(import.meta.dirname, "../../../dist/native/blas-kernels.node");

/**
 * Loads the addon and points it at the memory `view` lies in (each thread calls this for itself); the
 * reason as a string when there is no addon build or no OpenBLAS on this machine.
 */
export function loadNativeProducts(view: Float32Array, addonPath = nativeAddonPath): NativeProducts | string {
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(addonPath) as Addon;
  } catch (err) {
    return `the native kernels are not built (${(err as Error).message.split("\n")[0]}); run npm run build:native`;
  }
  const library = addon.attach(view);
  if (library === null)
    return "no OpenBLAS library found; install libopenblas0 (Debian: apt-get install libopenblas0-pthread)";
  return { matmulNT: addon.matmulNT, gemm: addon.gemm, library };
}
