import { parentPort, workerData } from "node:worker_threads";
import { loadNativeProducts } from "./native-blas.js";
import { FAILED, OP, runChunks, SEQ, STATE, spinWhile } from "./wasm-chunks.js";
import { instantiateKernels } from "./wasm-instance.js";
import { KERNEL_NAMES, type KernelName } from "./wasm-signatures.js";

/**
 * The kernel thread (started by wasm-threads.ts): its own instance of the SIMD module over the shared
 * memory, running chunks of the jobs the main thread posts in the control block, until the process ends.
 */
export interface KernelWorkerData {
  bytes: Uint8Array;
  memory: object;
  control: SharedArrayBuffer;
  /** This thread's buffer for packing gemm operands (each module instance keeps its own). */
  packAt: number;
  /** The native products' addon (native-blas.ts). */
  nativePath: string;
}

const { bytes, memory, control, packAt, nativePath } = workerData as KernelWorkerData;
const fns = instantiateKernels(bytes, memory);
fns.setPackBuffer(packAt);

/** The kernel by name; the native products load on their first job (the main thread sends none unless it loaded them). */
function kernel(name: KernelName): (...args: number[]) => unknown {
  if (fns[name] === undefined && name.startsWith("native")) {
    const native = loadNativeProducts(
      new Float32Array((memory as { buffer: ArrayBufferLike }).buffer, 0, 1),
      nativePath,
    );
    if (typeof native === "string") throw new Error(native);
    fns.nativeMatmulNT = native.matmulNT;
    fns.nativeGemm = native.gemm;
  }
  return fns[name];
}

const ctl = new Int32Array(control);
parentPort?.postMessage("ready");
let seen = 0;
for (;;) {
  if (spinWhile(ctl, SEQ, seen) === seen) Atomics.wait(ctl, SEQ, seen);
  seen = Atomics.load(ctl, SEQ);
  if (Atomics.compareExchange(ctl, STATE, 3 * seen, 3 * seen + 1) !== 3 * seen) continue;
  try {
    runChunks(ctl, kernel(KERNEL_NAMES[ctl[OP]!]!));
  } catch {
    Atomics.store(ctl, FAILED, 1);
  }
  Atomics.store(ctl, STATE, 3 * seen + 2);
  Atomics.notify(ctl, STATE);
}
