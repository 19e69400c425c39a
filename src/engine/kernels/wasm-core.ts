import type { KernelArgs, KernelName, RowSplit } from "./wasm-signatures.js";

/** What the SIMD module's loader (wasm-kernels.ts) lends the kernel families (wasm-products.ts, attention/wasm.ts, wasm-pointwise.ts, wasm-optimizer.ts). */
export interface KernelCore {
  /** Byte offsets of consecutive 16-byte-aligned slots of the given float counts, and a view of memory. */
  layout(sizes: number[]): { at: number[]; heap: Float32Array };
  /** Copies an input into its slot unless it already lies in the memory; returns where it lies. */
  put(heap: Float32Array, at: number, src: Float32Array, n: number): number;
  /** Where the kernel should write an output: the output itself when it lies in the memory, else its slot. */
  place(at: number, dst: Float32Array): number;
  /** Copies an output out of its slot (nothing to do when the kernel wrote it in place). */
  get(heap: Float32Array, at: number, dst: Float32Array, n: number): void;
  /** Runs a kernel; with `split`, cut by rows over both threads when there is enough work. */
  run<K extends KernelName>(name: K, args: KernelArgs<K>, split?: RowSplit<K>): void;
  /** Byte offset where `src` (n floats) can be read in place (resident, or pinned weights), else -1. */
  inPlace(src: Float32Array, n: number): number;
  /**
   * Byte offset of a copy of `b` (N, K) packed for one-row products (assembly/matmul.ts packQuads), made
   * on first use and kept while the weights stay pinned; -1 when b is not a view into pinned weights.
   */
  packedWeights(b: Float32Array, N: number, K: number): number;
  /** The pinned weights were updated in place (the optimizer): copies derived from them are dropped. */
  weightsChanged(): void;
  /** Whether `x` lies in the module's memory (a resident array or a view into one). */
  resident(x: Float32Array): boolean;
  /** Runs a kernel on this thread only and returns its result (attendCached returns none). */
  call<K extends "sumSquares" | "attendCached">(name: K, args: KernelArgs<K>): number;
}
