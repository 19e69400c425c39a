import { readFileSync } from "node:fs";
import path from "node:path";
import { type AttentionKernels, attentionKernels } from "./attention/wasm.js";
import { loadNativeProducts, type NativeProducts, nativeAddonPath } from "./native-blas.js";
import type { KernelCore } from "./wasm-core.js";
import { instantiateKernels, wasmApi } from "./wasm-instance.js";
import { createKernelMemory } from "./wasm-memory.js";
import { type OptimizerKernels, optimizerKernels } from "./wasm-optimizer.js";
import { type PointwiseKernels, pointwiseKernels } from "./wasm-pointwise.js";
import { type ProductKernels, productKernels } from "./wasm-products.js";
import { positional, positionalSplit } from "./wasm-signatures.js";
import { type KernelThreads, startKernelThread } from "./wasm-threads.js";

/**
 * The WebAssembly SIMD kernels built from assembly/engine-kernels.ts by `npm run build:wasm`, in families
 * (wasm-products.ts, attention/wasm.ts, wasm-pointwise.ts, wasm-optimizer.ts) over one shared memory
 * (wasm-memory.ts). Operands that live in the memory (resident arrays, pinned weights) are used in
 * place; others are copied into per-call slots and results copied back.
 */
export interface WasmKernels extends ProductKernels, AttentionKernels, PointwiseKernels, OptimizerKernels {
  /**
   * Runs matrix products on the native OpenBLAS kernels (native-blas.ts) from now on, or again on the
   * SIMD kernels; returns why not when the native ones are unavailable (nothing changes then).
   */
  useNativeProducts(on: boolean): string | null;
  /** The BLAS library products run on, or null while they run on the SIMD kernels. */
  nativeProducts(): string | null;
  /**
   * Copies `weights` into the module's memory once; until unpin(), operands that are views into it are
   * read from that copy instead of being copied per call. While pinned, only the optimizer kernels may
   * change them (they update the copy and write the weights back).
   */
  pin(weights: Float32Array): void;
  unpin(): void;
  pinned(): Float32Array | null;
  /**
   * A zeroed array of `floats` living in the module's memory for as long as the returned view is
   * reachable (kernels use it in place), or null when the memory is full. See wasm-memory.ts.
   */
  resident(floats: number): Float32Array | null;
  /** Frees a resident array now instead of when it is garbage-collected (it must not be used again). */
  release(view: Float32Array): void;
}

/** Where the build puts the module: dist/wasm/, found from src/ (tsx, tests) and from dist/ alike. */
export const wasmKernelsPath = path.resolve(import.meta.dirname, "../../../dist/wasm/engine-kernels.wasm");

// The first 64 KiB are left to the module (its few constants live there), then each thread's buffer for
// packing operands of gemm (256 × 128 floats, see assembly/gemm.ts), then blocks (pinned weights,
// resident arrays) and above them the per-call slots of operands.
// The memory is shared with the kernel thread and capped at 2 GiB so that byte offsets fit the thread's
// Int32 control slots; the build declares the same maximum.
const PACK_BYTES = 256 * 128 * 4;
const PACK_AT = [65536, 65536 + PACK_BYTES] as const;
const BASE = 65536 + 2 * PACK_BYTES;
const MAX_PAGES = 32768;
/**
 * Multiply-adds below which handing half to the second thread costs more than it saves: a polling worker
 * joins within a microsecond or so, about the time of 8K multiply-adds, while a sleeping one takes tens of
 * microseconds (it then joins late or not at all, see wasm-threads.ts).
 */
const MIN_SPLIT_WORK = 1 << 15;

/** Kernel threads in use (1 or 2): BREAKFIX_ENGINE_THREADS at start-up, default 2; see setThreads. */
let threadCount = process.env.BREAKFIX_ENGINE_THREADS === "1" ? 1 : 2;

function instantiate(bytes: Uint8Array): WasmKernels {
  const memory = new wasmApi.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
  const fns = instantiateKernels(bytes, memory);
  memory.grow(BASE / 65536 - 2);
  fns.setPackBuffer(PACK_AT[0]);
  let threads: KernelThreads | null = null;
  /** Runs a kernel, split by rows over both threads when there is a thread for it and enough work. */
  const run: KernelCore["run"] = (name, args, split) => {
    const at = positional(name, args);
    const rows = split === undefined ? 0 : args[split.rows];
    if (split === undefined || threadCount < 2 || split.work < MIN_SPLIT_WORK || rows < 2) {
      fns[name](...at);
      return;
    }
    threads ??= startKernelThread(bytes, memory, fns, PACK_AT[1], nativeAddonPath);
    threads.split(name, at, rows, positionalSplit(name, split), split.work);
  };

  const space = createKernelMemory(memory, BASE, MAX_PAGES * 65536);
  let pinned: Float32Array | null = null;
  let pinnedBlock = -1;
  /** The resident copy of the pinned weights (or the weights themselves when they are resident). */
  let pinnedCopy = -1;
  /** Packed copies of pinned weight matrices for one-row products: pinned offset → packed offset. */
  const packed = new Map<number, number>();
  const weightsChanged = () => {
    for (const at of packed.values()) space.free(at);
    packed.clear();
  };
  const unpinAll = () => {
    weightsChanged();
    if (pinnedBlock >= 0) space.free(pinnedBlock);
    [pinned, pinnedBlock, pinnedCopy] = [null, -1, -1];
  };
  /** Byte offset of `src` inside the pinned copy, or -1 when it is not a view into the pinned weights. */
  const pinnedAt = (src: Float32Array, n: number): number => {
    if (pinned === null || src.buffer !== pinned.buffer) return -1;
    const rel = src.byteOffset - pinned.byteOffset;
    return rel >= 0 && rel + n * 4 <= pinned.byteLength ? pinnedCopy + rel : -1;
  };
  /** Where a kernel can read `src` without copying it: a resident array, or the pinned weights' copy. */
  const inPlace = (src: Float32Array, n: number): number => {
    const at = space.offsetOf(src);
    return at >= 0 ? at : pinnedAt(src, n);
  };

  /** Lays the given float counts out one after another (16-byte aligned) and returns their byte offsets. */
  const layout = (sizes: number[]): { at: number[]; heap: Float32Array } => {
    const at: number[] = [];
    let end = space.top();
    for (const n of sizes) {
      at.push(end);
      end += Math.ceil((n * 4) / 16) * 16;
    }
    if (!space.reserve(end)) throw new Error("engine wasm kernels: operands exceed the module's memory");
    return { at, heap: space.heap() };
  };
  const put = (heap: Float32Array, at: number, src: Float32Array, n: number): number => {
    const there = inPlace(src, n);
    if (there >= 0) return there;
    heap.set(src.subarray(0, n), at / 4);
    return at;
  };
  const place = (at: number, dst: Float32Array): number => {
    const there = space.offsetOf(dst);
    return there >= 0 ? there : at;
  };
  const get = (heap: Float32Array, at: number, dst: Float32Array, n: number) => {
    if (space.offsetOf(dst) !== at) dst.set(heap.subarray(at / 4, at / 4 + n));
  };
  const call: KernelCore["call"] = (name, args) =>
    (fns as unknown as Record<string, (...a: number[]) => number>)[name]!(...positional(name, args));
  const resident = (x: Float32Array) => space.offsetOf(x) >= 0;
  const packedWeights = (b: Float32Array, N: number, K: number): number => {
    const from = pinnedAt(b, N * K);
    if (from < 0 || N < 4 || K < 4) return -1;
    let at = packed.get(from);
    if (at === undefined) {
      at = space.alloc((N & ~3) * (K & ~3) * 4);
      if (at < 0) return -1;
      fns.packQuads(at, from, N, K);
      packed.set(from, at);
    }
    return at;
  };
  const core: KernelCore = {
    layout,
    put,
    place,
    get,
    run,
    inPlace,
    packedWeights,
    weightsChanged,
    resident,
    call,
  };

  let native: NativeProducts | string | null = null;
  let productsOnNative = false;

  return {
    ...pointwiseKernels(core),
    ...optimizerKernels(core),
    useNativeProducts(on) {
      if (on) {
        native ??= loadNativeProducts(new Float32Array(memory.buffer, 0, 1));
        if (typeof native === "string") return native;
        fns.nativeMatmulNT = native.matmulNT;
        fns.nativeGemm = native.gemm;
      }
      productsOnNative = on;
      return null;
    },
    nativeProducts: () =>
      productsOnNative && typeof native === "object" && native !== null ? native.library : null,
    pin(weights) {
      unpinAll();
      pinned = weights;
      pinnedCopy = space.offsetOf(weights);
      if (pinnedCopy >= 0) return;
      pinnedBlock = space.alloc(weights.byteLength);
      if (pinnedBlock < 0) throw new Error("engine wasm kernels: the weights exceed the module's memory");
      space.heap().set(weights, pinnedBlock / 4);
      pinnedCopy = pinnedBlock;
    },
    unpin: unpinAll,
    pinned: () => pinned,
    resident: (floats) => space.resident(floats),
    release: (view) => space.release(view),
    ...productKernels(core, () => productsOnNative),
    ...attentionKernels(core),
  };
}

/** Uses 1 or 2 threads for the SIMD kernels from now on (the worker starts on first need). */
export function setThreads(n: 1 | 2): void {
  threadCount = n;
}

let loaded: WasmKernels | null | undefined;

/** The SIMD kernels, or null when the module has not been built (the JS kernels are used instead). */
export function loadWasmKernels(): WasmKernels | null {
  if (loaded === undefined) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(wasmKernelsPath);
    } catch {
      bytes = null;
    }
    loaded = bytes === null ? null : instantiate(bytes);
  }
  return loaded;
}
