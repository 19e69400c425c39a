import { startModuleWorker } from "../../core/index.js";
import {
  ADVANCE,
  ARGS,
  CHUNK_ROWS,
  CHUNKS,
  FAILED,
  N_ADVANCE,
  NEXT,
  OP,
  ROWS,
  ROWS_ARG,
  runChunks,
  SEQ,
  SLOTS,
  STATE,
  spinWhile,
} from "./wasm-chunks.js";
import type { KernelExports } from "./wasm-instance.js";
import { KERNEL_NAMES, type KernelName, type PositionalSplit } from "./wasm-signatures.js";
import type { KernelWorkerData } from "./wasm-worker.js";

/**
 * A second thread for the SIMD kernels: a worker (wasm-worker.ts) instantiates the same module over the
 * same shared memory. A large call is cut into chunks of rows (rows of a product, sequences of an
 * attention batch) that both threads claim from a shared counter, so a thread slowed by a busy machine
 * simply takes fewer chunks. Chunks never share an output element and every element is computed exactly
 * as it would be in one call, so threading does not change results.
 *
 * Hand-off goes through a shared control block (wasm-chunks.ts) with Atomics. A job is open, taken (the
 * worker joined) or closed; the main thread closes a job the worker has not joined by the time the chunks
 * run out, so it never waits for a worker that is still waking up. Waking a sleeping thread takes tens of
 * microseconds, as long as a whole product when decoding one token, so both sides first poll for a couple
 * of milliseconds (a training step or a decode issues calls back to back) and only then sleep.
 */
export interface KernelThreads {
  /** Settles once the worker has its module instance and waits for jobs, or could not start (rejected). */
  ready: Promise<void>;
  /** Runs kernel `name` over all rows of the call `args`, split into chunks shared by this thread and the worker. */
  split(name: KernelName, args: number[], rows: number, how: PositionalSplit, work: number): void;
}

/** Work below which a call is cut into just two chunks. */
const SMALL_WORK = 1 << 20;

export function startKernelThread(
  bytes: Uint8Array,
  memory: object,
  exports: KernelExports,
  /** The worker's own buffer for packing gemm operands. */
  packAt: number,
  /** The native products' addon (native-blas.ts), loaded by the worker on its first native job. */
  nativePath: string,
): KernelThreads {
  const control = new SharedArrayBuffer(SLOTS * 4);
  const ctl = new Int32Array(control);
  const workerData: KernelWorkerData = { bytes, memory, control, packAt, nativePath };
  const worker = startModuleWorker(import.meta.url, "wasm-worker", { workerData });
  // The worker only ever waits on the control block; it must not keep the process alive.
  worker.unref();
  // A worker that cannot start never joins a job (this thread then runs every chunk): once the error is
  // delivered (the event loop turns), the next call says so.
  let failed: Error | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", (err) => {
      failed = err;
      reject(err);
    });
  });
  ready.catch(() => undefined);
  let seq = 0;
  return {
    ready,
    split(name, args, rows, how, work) {
      if (failed !== null) throw new Error(`engine wasm kernel thread failed: ${failed.message}`);
      // About four chunks per thread: enough to rebalance, few enough to keep each call large. A small
      // call (a product while decoding) takes one chunk each, as each chunk has a fixed cost.
      const chunks = work >= SMALL_WORK ? 8 : 2;
      const chunkRows = Math.max(1, Math.ceil(rows / chunks / how.align)) * how.align;
      ctl.set(args, ARGS);
      ctl[OP] = KERNEL_NAMES.indexOf(name);
      ctl[CHUNKS] = Math.ceil(rows / chunkRows);
      ctl[CHUNK_ROWS] = chunkRows;
      ctl[ROWS] = rows;
      ctl[ROWS_ARG] = how.rowsArg;
      ctl[N_ADVANCE] = how.advance.length;
      how.advance.forEach(([arg, stride], i) => {
        ctl[ADVANCE + 2 * i] = arg;
        ctl[ADVANCE + 2 * i + 1] = stride;
      });
      Atomics.store(ctl, NEXT, 0);
      seq += 1;
      Atomics.store(ctl, STATE, 3 * seq);
      Atomics.store(ctl, SEQ, seq);
      Atomics.notify(ctl, SEQ);
      runChunks(ctl, exports[name]);
      // Close the job unless the worker joined it; if it did, wait for it to finish its chunks.
      if (Atomics.compareExchange(ctl, STATE, 3 * seq, 3 * seq + 2) !== 3 * seq) {
        spinWhile(ctl, STATE, 3 * seq + 1);
        while (Atomics.load(ctl, STATE) !== 3 * seq + 2) Atomics.wait(ctl, STATE, 3 * seq + 1, 1000);
      }
      if (Atomics.load(ctl, FAILED) !== 0)
        throw new Error(`engine wasm kernel ${name} failed on the worker thread`);
    },
  };
}
