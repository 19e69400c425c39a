import { describe, expect, it } from "vitest";
import { BreakfixError, createLimiter, createRng, mapConcurrent, sleep, stableStringify } from "./index.js";

describe("rng", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it("forks independent streams", () => {
    const r = createRng(7);
    const f1 = r.fork("a").next();
    r.next();
    expect(r.fork("a").next()).toBe(f1);
    expect(r.fork("b").next()).not.toBe(f1);
  });
  it("draws uniformly enough and shuffles to a permutation", () => {
    const r = createRng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(4)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("concurrency", () => {
  it("never exceeds the limit and keeps order", async () => {
    let active = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (x) => {
      active++;
      peak = Math.max(peak, active);
      await sleep(x * 2);
      active--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
  it("limiter queues and aborts waiters", async () => {
    const lim = createLimiter(1);
    const ac = new AbortController();
    const first = lim.run(() => sleep(20).then(() => 1));
    const second = lim.run(() => Promise.resolve(2), ac.signal);
    ac.abort();
    await expect(second).rejects.toMatchObject({ code: "ABORTED" });
    expect(await first).toBe(1);
  });
  it("rethrows the first error", async () => {
    await expect(
      mapConcurrent([1, 2, 3], 2, async (x) => {
        if (x === 2) throw new Error("boom");
        return x;
      }),
    ).rejects.toThrow("boom");
  });
});

describe("errors and ids", () => {
  it("formats one line with location and fix", () => {
    const e = new BreakfixError("CONFIG_INVALID", "concurrency must be a number", {
      fix: "write a whole number such as 8",
      location: { file: "breakfix.yaml", line: 3, column: 5, field: "providers.x.concurrency" },
    });
    expect(e.toLine()).toBe(
      "breakfix.yaml:3:5: providers.x.concurrency: concurrency must be a number. Fix: write a whole number such as 8",
    );
    expect(e.exitCode).toBe(2);
  });
  it("stable stringify ignores key order", () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: 3 } })).toBe(stableStringify({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
