import { describe, expect, it } from "vitest";
import { bf16BitsToF32, f16BitsToF32, f32ToF16Bits } from "./half.js";

const f32 = (x: number) => Math.fround(x);
/** Next float32 after x towards +inf / -inf (x finite and positive). */
function nextUp(x: number): number {
  const b = new Float32Array([x]);
  const u = new Uint32Array(b.buffer);
  u[0] = (u[0] as number) + 1;
  return b[0] as number;
}
function nextDown(x: number): number {
  const b = new Float32Array([x]);
  const u = new Uint32Array(b.buffer);
  u[0] = (u[0] as number) - 1;
  return b[0] as number;
}

describe("float16 conversion", () => {
  // Exhaustive loops collect mismatches and assert once: 65,536 expect() calls would dominate the run time.
  it("round-trips every non-NaN half exactly", () => {
    const bad: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const nanBits = (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
      const ok = nanBits ? Number.isNaN(f16BitsToF32(bits)) : f32ToF16Bits(f16BitsToF32(bits)) === bits;
      if (!ok) bad.push(bits);
    }
    expect(bad).toEqual([]);
  });

  it("rounds to nearest, ties to even, across subnormals, normals and into infinity", () => {
    const bad: string[] = [];
    for (let bits = 0; bits < 0x7c00; bits++) {
      const lo = f16BitsToF32(bits);
      const hi = bits + 1 === 0x7c00 ? 65536 : f16BitsToF32(bits + 1); // 65536 stands in for the inf step
      const mid = (lo + hi) / 2;
      const even = bits % 2 === 0 ? bits : bits + 1;
      const got = [
        f32(mid) === mid,
        f32ToF16Bits(mid),
        f32ToF16Bits(-mid),
        f32ToF16Bits(nextDown(mid)),
        f32ToF16Bits(nextUp(mid)),
      ];
      const want = [true, even, even | 0x8000, bits, bits + 1];
      if (got.some((g, i) => g !== want[i])) bad.push(`${bits}: got ${got} want ${want}`);
    }
    expect(bad).toEqual([]);
  });

  it("matches numpy on spot values", () => {
    // Computed with numpy 2.4: np.float32(v).astype(np.float16).view(np.uint16)
    const cases: Array<[number, number]> = [
      [1 / 3, 0x3555],
      [65519.99, 0x7bff],
      [65520, 0x7c00],
      [1e-8, 0x0],
      [2.98e-8, 0x0],
      [5.96e-8, 0x1],
      [6e-5, 0x3ef],
      [0.1, 0x2e66],
      [-2.5e-6, 0x802a],
      [3.0000001, 0x4200],
      [1e5, 0x7c00],
      [-0, 0x8000],
    ];
    for (const [value, bits] of cases) expect(f32ToF16Bits(value), String(value)).toBe(bits);
  });

  it("keeps infinities and makes NaN a quiet NaN", () => {
    expect(f32ToF16Bits(Number.POSITIVE_INFINITY)).toBe(0x7c00);
    expect(f32ToF16Bits(Number.NEGATIVE_INFINITY)).toBe(0xfc00);
    const nan = f32ToF16Bits(Number.NaN);
    expect(nan & 0x7c00).toBe(0x7c00);
    expect(nan & 0x200).toBe(0x200);
    expect(f16BitsToF32(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("reads bfloat16", () => {
    expect(bf16BitsToF32(0x3f80)).toBe(1);
    expect(bf16BitsToF32(0xc040)).toBe(-3);
    expect(bf16BitsToF32(0x7f80)).toBe(Number.POSITIVE_INFINITY);
    expect(bf16BitsToF32(0x3eab)).toBe(f32(0.333984375));
  });
});
