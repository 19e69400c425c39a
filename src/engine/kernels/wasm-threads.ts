import { Worker } from "node:worker_threads";

/**
 * A second thread for the SIMD kernels: a worker instantiates the same module over the same shared
 * memory, and each large kernel call is split in two independent halves (rows of a product, sequences
 * of an attention batch), one per thread. The halves never share an output element and each element is
 * computed exactly as it would be unsplit, so threading does not change results.
 *
 * Hand-off goes through a small shared control block with Atomics: the main thread posts the worker's
 * half, runs its own, then waits for the worker (Node allows Atomics.wait on the main thread).
 */
export type KernelName = "matmulNT" | "gemm" | "attentionForward" | "attentionBackward";
const NAMES: KernelName[] = ["matmulNT", "gemm", "attentionForward", "attentionBackward"];

// Control block (Int32 slots): request sequence, kernel index, completed sequence, failure flag, then
// the kernel's arguments (byte offsets and sizes, all below 2³¹ as the memory is capped at 2 GiB).
const SEQ = 0;
const OP = 1;
const DONE = 2;
const FAILED = 3;
const ARGS = 4;
const SLOTS = ARGS + 16;

const workerSource = `
const { workerData } = require("node:worker_threads");
const { bytes, memory, control, names } = workerData;
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
  env: { memory, abort() { throw new Error("engine wasm kernel aborted"); } },
});
const ctl = new Int32Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${SEQ}, seen);
  seen = Atomics.load(ctl, ${SEQ});
  if (ctl[${OP}] < 0) break;
  try {
    const fn = instance.exports[names[ctl[${OP}]]];
    fn(...Array.from(ctl.subarray(${ARGS}, ${SLOTS})));
  } catch (err) {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

export interface KernelThreads {
  /** Runs `mine` here and `theirs` on the worker, returning when both are done. */
  split(name: KernelName, mine: number[], theirs: number[]): void;
}

export function startKernelThread(
  bytes: Uint8Array,
  memory: object,
  exports: Record<KernelName, (...args: number[]) => void>,
): KernelThreads {
  const control = new SharedArrayBuffer(SLOTS * 4);
  const ctl = new Int32Array(control);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { bytes, memory, control, names: NAMES },
  });
  // The worker only ever waits on the control block; it must not keep the process alive.
  worker.unref();
  let seq = 0;
  return {
    split(name, mine, theirs) {
      ctl.fill(0, ARGS, SLOTS);
      ctl.set(theirs, ARGS);
      ctl[OP] = NAMES.indexOf(name);
      seq += 1;
      Atomics.store(ctl, SEQ, seq);
      Atomics.notify(ctl, SEQ);
      exports[name](...mine);
      while (Atomics.load(ctl, DONE) !== seq) Atomics.wait(ctl, DONE, seq - 1, 1000);
      if (Atomics.load(ctl, FAILED) !== 0)
        throw new Error(`engine wasm kernel ${name} failed on the worker thread`);
    },
  };
}
