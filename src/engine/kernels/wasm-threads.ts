import { Worker } from "node:worker_threads";

/**
 * A second thread for the SIMD kernels: a worker instantiates the same module over the same shared
 * memory. A large call is cut into chunks of rows (rows of a product, sequences of an attention batch)
 * that both threads claim from a shared counter, so a thread slowed by a busy machine simply takes fewer
 * chunks. Chunks never share an output element and every element is computed exactly as it would be in
 * one call, so threading does not change results.
 *
 * Hand-off goes through a shared control block with Atomics. A job is open, taken (the worker joined) or
 * closed; the main thread closes a job the worker has not joined by the time the chunks run out, so it
 * never waits for a worker that is still waking up. Waking a sleeping thread takes tens of microseconds,
 * as long as a whole product when decoding one token, so both sides first poll for up to SPIN_MS (a
 * training step or a decode issues calls back to back) and only then sleep.
 */
const NAMES = [
  "matmulNT",
  "matvecPacked",
  "gemm",
  "attentionForward",
  "attentionBackward",
  "attendCached",
  "rmsnormForward",
  "rmsnormBackward",
  "swigluForward",
  "swigluBackward",
  "softmaxRows",
  "crossEntropyBackward",
  "adamw",
  "scale",
  "nativeMatmulNT",
  "nativeGemm",
] as const;
export type KernelName = (typeof NAMES)[number];

/**
 * How a call splits by rows: the row-count argument, each pointer argument's bytes per row, and
 * optionally a multiple that chunk sizes keep (so a kernel's blocks of rows stay whole).
 */
export interface RowSplit {
  rowsArg: number;
  advance: [arg: number, bytesPerRow: number][];
  align?: number;
}

// Control block (Int32 slots). Arguments are byte offsets and sizes, below 2³¹ as memory is capped at 2 GiB.
const SEQ = 0; // job number, bumped to wake the worker
const STATE = 1; // 3·job: open, +1: taken by the worker, +2: closed
const OP = 2;
const NEXT = 3; // next unclaimed chunk
const CHUNKS = 4;
const CHUNK_ROWS = 5;
const ROWS = 6;
const ROWS_ARG = 7;
const N_ADVANCE = 8;
const FAILED = 9;
const ADVANCE = 10; // pairs (arg, bytes per row)
const ARGS = 30;
const SLOTS = ARGS + 16;
/** Work below which a call is cut into just two chunks. */
const SMALL_WORK = 1 << 20;
/** How long a thread polls for the other side before it sleeps on Atomics.wait. */
const SPIN_MS = 2;

/**
 * Polls ctl[slot] until it differs from value or SPIN_MS pass; returns the slot's value. Shared as
 * source text with the worker, like runChunks.
 */
const spinWhileSource = `function spinWhile(ctl, slot, value) {
  const until = performance.now() + ${SPIN_MS};
  for (let i = 1; ; i++) {
    const now = Atomics.load(ctl, slot);
    if (now !== value || ((i & 255) === 0 && performance.now() > until)) return now;
  }
}`;
const spinWhile = new Function(`return ${spinWhileSource}`)() as (
  ctl: Int32Array,
  slot: number,
  value: number,
) => number;

/**
 * Claims and runs chunks until none are left. Kept as source text so the worker runs the very same code
 * (and no build step can rename what it refers to).
 */
const runChunksSource = `function runChunks(ctl, fn) {
  const base = Array.from(ctl.subarray(${ARGS}, ${SLOTS}));
  const args = base.slice();
  for (;;) {
    const chunk = Atomics.add(ctl, ${NEXT}, 1);
    if (chunk >= ctl[${CHUNKS}]) return;
    const r0 = chunk * ctl[${CHUNK_ROWS}];
    args[ctl[${ROWS_ARG}]] = Math.min(ctl[${ROWS}], r0 + ctl[${CHUNK_ROWS}]) - r0;
    for (let i = 0; i < ctl[${N_ADVANCE}]; i++) {
      const arg = ctl[${ADVANCE} + 2 * i];
      args[arg] = base[arg] + r0 * ctl[${ADVANCE} + 2 * i + 1];
    }
    fn(...args);
  }
}`;
const runChunks = new Function(`return ${runChunksSource}`)() as (
  ctl: Int32Array,
  fn: (...args: number[]) => void,
) => void;

const workerSource = `
const { workerData } = require("node:worker_threads");
const { bytes, memory, control, names, packAt, nativePath } = workerData;
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
  env: { memory, abort() { throw new Error("engine wasm kernel aborted"); } },
});
instance.exports.setPackBuffer(packAt);
const fns = { ...instance.exports };
// The native products (native-blas.ts), loaded on their first job: the main thread sends none unless
// it loaded them itself.
function kernel(name) {
  if (fns[name] === undefined && name.startsWith("native")) {
    const addon = require(nativePath);
    addon.attach(new Float32Array(memory.buffer, 0, 1));
    fns.nativeMatmulNT = addon.matmulNT;
    fns.nativeGemm = addon.gemm;
  }
  return fns[name];
}
const ctl = new Int32Array(control);
const runChunks = ${runChunksSource};
const spinWhile = ${spinWhileSource};
let seen = 0;
for (;;) {
  if (spinWhile(ctl, ${SEQ}, seen) === seen) Atomics.wait(ctl, ${SEQ}, seen);
  seen = Atomics.load(ctl, ${SEQ});
  if (Atomics.compareExchange(ctl, ${STATE}, 3 * seen, 3 * seen + 1) !== 3 * seen) continue;
  try {
    runChunks(ctl, kernel(names[ctl[${OP}]]));
  } catch (err) {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.store(ctl, ${STATE}, 3 * seen + 2);
  Atomics.notify(ctl, ${STATE});
}
`;

export interface KernelThreads {
  /**
   * Runs `fn` over all rows of the call `args`, split into chunks shared by this thread and the worker;
   * `work` (multiply-adds or similar) sets how many.
   */
  split(name: KernelName, args: number[], rows: number, how: RowSplit, work: number): void;
}

export function startKernelThread(
  bytes: Uint8Array,
  memory: object,
  exports: Record<KernelName, (...args: number[]) => void>,
  /** The worker's own buffer for packing gemm operands (each module instance keeps its own). */
  packAt: number,
  /** The native products' addon (native-blas.ts), loaded by the worker on its first native job. */
  nativePath: string,
): KernelThreads {
  const control = new SharedArrayBuffer(SLOTS * 4);
  const ctl = new Int32Array(control);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { bytes, memory, control, names: NAMES, packAt, nativePath },
  });
  // The worker only ever waits on the control block; it must not keep the process alive.
  worker.unref();
  let seq = 0;
  return {
    split(name, args, rows, how, work) {
      // About four chunks per thread: enough to rebalance, few enough to keep each call large. A small
      // call (a product while decoding) takes one chunk each, as each chunk has a fixed cost.
      const align = how.align ?? 1;
      const chunks = work >= SMALL_WORK ? 8 : 2;
      const chunkRows = Math.max(1, Math.ceil(rows / chunks / align)) * align;
      ctl.set(args, ARGS);
      ctl[OP] = NAMES.indexOf(name);
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
