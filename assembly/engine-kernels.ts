// AssemblyScript source of the engine's WebAssembly SIMD kernels (built by `npm run build:wasm` into
// dist/wasm/engine-kernels.wasm; src/engine/kernels/wasm-kernels.ts loads it). Arguments are byte offsets
// into the module's memory of row-major float32 matrices; `acc` != 0 adds into `out` instead of
// overwriting it. Same contracts as the JS kernels in src/engine/kernels/. Memory is imported and shared
// with a second thread (wasm-threads.ts, wasm-worker.ts), which runs chunks of each large call. Callers
// name the arguments through src/engine/kernels/wasm-signatures.ts: a parameter renamed or moved here must
// be there too (its test compares them).
export { attendCached, attentionBackward, attentionForward } from "./attention";
export { gemm, setPackBuffer } from "./gemm";
export { matmulNT, matvecPacked, packQuads } from "./matmul";
export { adamw, scale, sumSquares } from "./optimizer";
export {
  crossEntropyBackward,
  rmsnormBackward,
  rmsnormForward,
  softmaxRows,
  swigluBackward,
  swigluForward,
} from "./pointwise";
