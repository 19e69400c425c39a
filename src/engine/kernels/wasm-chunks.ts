/**
 * The control block both kernel threads share (wasm-threads.ts on the main thread, wasm-worker.ts on the
 * worker) and the chunk loop they both run, so the two sides read one layout and run the very same code.
 */

// Int32 slots. Arguments are byte offsets and sizes, below 2³¹ as memory is capped at 2 GiB.
export const SEQ = 0; // job number, bumped to wake the worker
export const STATE = 1; // 3·job: open, +1: taken by the worker, +2: closed
export const OP = 2; // the kernel, as its index in KERNEL_NAMES
export const NEXT = 3; // next unclaimed chunk
export const CHUNKS = 4;
export const CHUNK_ROWS = 5;
export const ROWS = 6;
export const ROWS_ARG = 7;
export const N_ADVANCE = 8;
export const FAILED = 9;
export const ADVANCE = 10; // pairs (arg, bytes per row)
export const ARGS = 30;
export const SLOTS = ARGS + 16;

/** How long a thread polls for the other side before it sleeps on Atomics.wait. */
const SPIN_MS = 2;

/** Polls ctl[slot] until it differs from value or SPIN_MS pass; returns the slot's value. */
export function spinWhile(ctl: Int32Array, slot: number, value: number): number {
  const until = performance.now() + SPIN_MS;
  for (let i = 1; ; i++) {
    const now = Atomics.load(ctl, slot);
    if (now !== value || ((i & 255) === 0 && performance.now() > until)) return now;
  }
}

/** Claims and runs chunks of the current job until none are left. */
export function runChunks(ctl: Int32Array, fn: (...args: number[]) => unknown): void {
  const base = Array.from(ctl.subarray(ARGS, SLOTS));
  const args = base.slice();
  for (;;) {
    const chunk = Atomics.add(ctl, NEXT, 1);
    if (chunk >= ctl[CHUNKS]!) return;
    const r0 = chunk * ctl[CHUNK_ROWS]!;
    args[ctl[ROWS_ARG]!] = Math.min(ctl[ROWS]!, r0 + ctl[CHUNK_ROWS]!) - r0;
    for (let i = 0; i < ctl[N_ADVANCE]!; i++) {
      const arg = ctl[ADVANCE + 2 * i]!;
      args[arg] = base[arg]! + r0 * ctl[ADVANCE + 2 * i + 1]!;
    }
    fn(...args);
  }
}
