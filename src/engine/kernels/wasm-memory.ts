/**
 * Space in the SIMD kernels' shared memory: blocks that outlive a kernel call (pinned weights, the KV
 * cache of decoding, resident arrays) from a first-fit free list, and above the highest live block, the
 * per-call slots that operands are copied into. A resident array is a Float32Array view into the memory:
 * kernels read and write it in place, so buffers that every training step passes to the kernels
 * (activations, gradients) cost no copies. Its block returns to the free list when release() is called
 * or else once the view itself is garbage-collected, so a subarray of it must not outlive it. The
 * garbage collector does not know what a view holds here and may keep dead ones for long, so resident
 * arrays only take the lower half of the memory: pinned weights and per-call operands always have room,
 * and an array that does not fit is a plain one (copied per call, as before).
 */

// The project's lib settings (ES2023, no DOM) do not declare WebAssembly; this is the part used here.
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

const ALIGN = 16;
const PAGE = 65536;
const aligned = (bytes: number) => Math.ceil(bytes / ALIGN) * ALIGN;

export interface KernelMemory {
  /** A view of the whole memory as it is now (renewed when the memory grows). */
  heap(): Float32Array;
  /** Grows the memory to at least `end` bytes; false when that would pass the maximum. */
  reserve(end: number): boolean;
  /** Byte offset of a new block of `bytes`, or -1 when the memory is full. */
  alloc(bytes: number): number;
  free(at: number): void;
  /** Where per-call slots start: the end of the highest live block. */
  top(): number;
  /** Byte offset of `view` when it lies in this memory (a resident array or a view into one), else -1. */
  offsetOf(view: Float32Array): number;
  /** A zeroed resident array of `floats`, or null when the resident half of the memory is full. */
  resident(floats: number): Float32Array | null;
  /** Frees a resident array's block now (it must not be used again); nothing for other arrays. */
  release(view: Float32Array): void;
}

export function createKernelMemory(memory: WasmMemory, base: number, maxBytes: number): KernelMemory {
  // Every buffer object the memory has handed out (each growth hands out a new, longer one); views made
  // before a growth keep the old object but still address the same memory.
  const buffers = new WeakSet<object>([memory.buffer]);
  let heap = new Float32Array(memory.buffer);
  /** Live blocks by offset → size, and free gaps below the top, sorted by offset. */
  const live = new Map<number, number>();
  let gaps: { at: number; size: number }[] = [];
  let end = base;
  const released = new FinalizationRegistry<number>((at) => free(at));

  const reserve = (bytes: number): boolean => {
    if (bytes > maxBytes) return false;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    if (heap.byteLength < bytes) {
      heap = new Float32Array(memory.buffer);
      buffers.add(memory.buffer);
    }
    return true;
  };

  const alloc = (bytes: number, limit = maxBytes): number => {
    const size = aligned(Math.max(bytes, ALIGN));
    const gap = gaps.findIndex((g) => g.size >= size && g.at + size <= limit);
    let at: number;
    if (gap >= 0) {
      const g = gaps[gap]!;
      at = g.at;
      if (g.size === size) gaps.splice(gap, 1);
      else gaps[gap] = { at: g.at + size, size: g.size - size };
    } else {
      if (end + size > limit || !reserve(end + size)) return -1;
      at = end;
      end += size;
    }
    live.set(at, size);
    return at;
  };

  function free(at: number): void {
    const size = live.get(at);
    if (size === undefined) return;
    live.delete(at);
    gaps.push({ at, size });
    gaps.sort((x, y) => x.at - y.at);
    // Merge neighbours, then give a gap that reaches the top back to it.
    const merged: { at: number; size: number }[] = [];
    for (const g of gaps) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last.at + last.size === g.at) last.size += g.size;
      else merged.push({ ...g });
    }
    const last = merged[merged.length - 1];
    if (last !== undefined && last.at + last.size === end) {
      end = last.at;
      merged.pop();
    }
    gaps = merged;
  }

  return {
    heap: () => heap,
    reserve,
    alloc,
    free,
    top: () => end,
    offsetOf: (view) => (buffers.has(view.buffer) ? view.byteOffset : -1),
    resident(floats) {
      const at = alloc(floats * 4, maxBytes / 2);
      if (at < 0) return null;
      const view = new Float32Array(heap.buffer, at, floats);
      view.fill(0);
      released.register(view, at, view);
      return view;
    },
    release(view) {
      if (released.unregister(view)) free(view.byteOffset);
    },
  };
}
