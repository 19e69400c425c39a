import { describe, expect, it } from "vitest";
import { createKernelMemory, type WasmMemory } from "./wasm-memory.js";

// The project's lib settings (ES2023, no DOM) do not declare WebAssembly.
const { Memory } = (
  globalThis as unknown as {
    WebAssembly: { Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory };
  }
).WebAssembly;

const PAGE = 65536;
const fresh = (maxPages = 64) => {
  const memory = new Memory({ initial: 1, maximum: maxPages, shared: true });
  return { memory, space: createKernelMemory(memory, 1024, maxPages * PAGE) };
};

describe("kernel memory", () => {
  it("hands out aligned blocks, reuses freed ones first-fit and lowers the top when the last one goes", () => {
    const { space } = fresh();
    const a = space.alloc(10);
    const b = space.alloc(100);
    const c = space.alloc(40);
    expect([a, b, c]).toEqual([1024, 1040, 1152]);
    expect(space.top()).toBe(1200);
    space.free(b);
    expect(space.alloc(50)).toBe(1040); // the gap left by b, split
    expect(space.alloc(64)).toBe(1200); // 48 bytes left in the gap: too small
    space.free(c);
    space.free(1200);
    // c and the last block merge with the rest of b's gap and give everything above 1040+64 back.
    expect(space.top()).toBe(1104);
  });

  it("grows the memory for new blocks, and refuses beyond the maximum", () => {
    const { memory, space } = fresh(4);
    expect(space.alloc(3 * PAGE)).toBe(1024);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(1024 + 3 * PAGE);
    expect(space.alloc(2 * PAGE)).toBe(-1);
    expect(space.resident(PAGE / 2)).toBeNull();
  });

  it("keeps resident arrays to the lower half, so pinned weights and operands always find room", () => {
    const { space } = fresh(4); // 256 KiB: resident arrays end below 128 KiB
    const first = space.resident(20_000)!; // 80 000 bytes
    expect(space.offsetOf(first)).toBe(1024);
    expect(space.resident(20_000)).toBeNull();
    expect(space.alloc(80_000)).toBeGreaterThan(0); // a block for pinned weights still fits
    // Released now (not when collected), its block serves the next resident array.
    space.release(first);
    space.release(first); // a second release does nothing
    expect(space.offsetOf(space.resident(20_000)!)).toBe(1024);
    space.release(new Float32Array(4)); // not resident: nothing to free
  });

  it("knows its resident arrays and their subarrays after the memory grows, and nothing else", () => {
    const { space } = fresh();
    const r = space.resident(8)!;
    expect(r.every((x) => x === 0)).toBe(true);
    r.set([1, 2, 3]);
    const before = space.offsetOf(r);
    space.alloc(10 * PAGE); // grows: the memory hands out a new buffer object
    expect(space.offsetOf(r)).toBe(before);
    expect(space.offsetOf(r.subarray(2))).toBe(before + 8);
    expect(space.heap()[before / 4 + 1]).toBe(2);
    expect(space.offsetOf(new Float32Array(8))).toBe(-1);
    const other = new Memory({ initial: 1, maximum: 2, shared: true });
    expect(space.offsetOf(new Float32Array(other.buffer))).toBe(-1);
  });
});
