import { BreakfixError } from "../../core/index.js";
import { loadWasmKernels, setThreads, type WasmKernels } from "./wasm-kernels.js";

/**
 * Which implementation the dispatching kernels (matmul, attention) use for Float32 data: "auto" runs the
 * WebAssembly SIMD kernels when they are built, "js" always runs plain JS, "native" runs matrix products
 * on the system's OpenBLAS (native-blas.ts) and everything else on the SIMD kernels. "auto" and "js" give
 * the same results on every machine; "native" is faster where OpenBLAS has wide vectors but differs in the
 * last bits (OpenBLAS picks its own summation order per CPU). Float64 data (the gradient checks) always
 * runs in JS. BREAKFIX_ENGINE_BACKEND=js|native selects one at start-up.
 */
export type KernelBackend = "auto" | "js" | "native";

const fromEnv = process.env.BREAKFIX_ENGINE_BACKEND;
let backend: KernelBackend = fromEnv === "js" || fromEnv === "native" ? fromEnv : "auto";
/** Whether the SIMD module has been told the current backend (it loads lazily). */
let applied = false;

export function setKernelBackend(next: KernelBackend): void {
  backend = next;
  applied = false;
  applyBackend();
}

/** Routes the SIMD module's products to OpenBLAS or back; a clear error when "native" cannot run here. */
function applyBackend(): void {
  if (applied) return;
  const wasm = loadWasmKernels();
  const why =
    wasm === null
      ? backend === "native"
        ? "the WebAssembly kernels are not built (npm run build:wasm)"
        : null
      : wasm.useNativeProducts(backend === "native");
  if (why !== null) {
    backend = "auto";
    throw new BreakfixError("CONFIG_INVALID", `engine backend "native" is unavailable: ${why}`, {
      fix: "unset BREAKFIX_ENGINE_BACKEND, or build the native kernels as the message says",
    });
  }
  applied = true;
}

/**
 * Applies BREAKFIX_ENGINE_BACKEND as a command starts (unset leaves the backend as it is): an unknown
 * value, or "native" where it cannot run, is a configuration error naming the fix, instead of surfacing
 * later inside a model call.
 */
export function applyKernelBackendEnv(value: string | undefined): void {
  if (value === undefined || value === "") return;
  if (value !== "auto" && value !== "js" && value !== "native") {
    throw new BreakfixError("CONFIG_INVALID", `BREAKFIX_ENGINE_BACKEND=${value} is not a kernel backend`, {
      fix: "set it to auto, native or js, or unset it",
    });
  }
  setKernelBackend(value);
}

/** "native" when products run on OpenBLAS, "wasm" when Float32 kernels run on the SIMD module, else "js". */
export function activeKernelBackend(): "native" | "wasm" | "js" {
  if (backend === "js" || loadWasmKernels() === null) return "js";
  applyBackend();
  return backend === "native" ? "native" : "wasm";
}

/**
 * The module's memory is capped at 2 GiB: resident weights may take up to 512 MiB and one call's operands
 * up to 1 GiB; anything larger runs in JS.
 */
const MAX_RESIDENT_FLOATS = 2 ** 27;
const MAX_CALL_FLOATS = 2 ** 28;

/** The SIMD kernels when they should run on these buffers (`floats` values in all), else null. */
export function wasmFor(floats: number, ...buffers: (Float32Array | Float64Array)[]): WasmKernels | null {
  if (backend === "js" || floats > MAX_CALL_FLOATS) return null;
  for (const b of buffers) if (!(b instanceof Float32Array)) return null;
  applyBackend();
  return loadWasmKernels();
}

/**
 * Runs `fn` with `weights` resident in the SIMD module's memory, so products with weight matrices skip
 * copying them (decoding one token at a time is dominated by those copies otherwise). `weights` must not
 * change inside `fn`. Without the SIMD kernels, or when already resident, it simply runs `fn`.
 */
export function withResidentWeights<T>(weights: Float32Array, fn: () => T): T {
  const wasm = weights.length <= MAX_RESIDENT_FLOATS ? wasmFor(0, weights) : null;
  if (wasm === null || wasm.pinned() === weights) return fn();
  return pinnedFor(wasm, weights, fn);
}

/**
 * Makes `weights` resident until the returned release is called, across awaits (a decode that yields
 * between tokens): withResidentWeights inside then finds them pinned and keeps the packed weights instead
 * of rebuilding them per token. Synchronous work meanwhile may pin its own weights; it restores these.
 */
export function holdResidentWeights(weights: Float32Array): () => void {
  const wasm = weights.length <= MAX_RESIDENT_FLOATS ? wasmFor(0, weights) : null;
  const previous = wasm?.pinned() ?? null;
  if (wasm === null || previous === weights) return () => undefined;
  wasm.pin(weights);
  return () => {
    if (wasm.pinned() !== weights) return;
    if (previous === null) wasm.unpin();
    else wasm.pin(previous);
  };
}

function pinnedFor<T>(wasm: WasmKernels, weights: Float32Array, fn: () => T): T {
  const previous = wasm.pinned();
  wasm.pin(weights);
  try {
    return fn();
  } finally {
    if (previous === null) wasm.unpin();
    else wasm.pin(previous);
  }
}

/** Threads for the SIMD kernels: 2 (default; BREAKFIX_ENGINE_THREADS=1 starts with 1) or 1. */
export function setKernelThreads(n: 1 | 2): void {
  setThreads(n);
}

/**
 * A zeroed Float32Array of `n` that lives in the SIMD kernels' memory when they are in use, so kernels
 * read and write it in place instead of copying it per call (buffers passed to the kernels on every
 * training step: activations, gradients). A plain Float32Array otherwise, or when the memory is full. A
 * subarray must not outlive the array itself (see wasm-memory.ts).
 */
export function kernelFloats(n: number): Float32Array {
  const wasm = n > 0 && n <= MAX_RESIDENT_FLOATS ? wasmFor(0) : null;
  return wasm?.resident(n) ?? new Float32Array(n);
}

/**
 * Gives kernelFloats arrays back now rather than whenever the garbage collector gets to them (it does not
 * see how much memory they hold): for buffers replaced or finished with while their owner lives on. The
 * arrays must not be used again; plain arrays are left alone.
 */
export function releaseKernelFloats(...arrays: Float32Array[]): void {
  const wasm = loadWasmKernels();
  if (wasm !== null) for (const a of arrays) wasm.release(a);
}
