import type { Buf } from "./buffer.js";

/**
 * Rotary position embedding in Hugging Face's rotate_half form: each head of width D is split into two
 * halves, and element i pairs with element i + D/2 at angle pos · theta^(−2i/D).
 */
export interface RopeTables {
  /** (maxT, D/2) */
  cos: Float64Array;
  sin: Float64Array;
  half: number;
}

export function ropeTables(maxT: number, headDim: number, theta: number): RopeTables {
  const half = headDim / 2;
  const cos = new Float64Array(maxT * half);
  const sin = new Float64Array(maxT * half);
  for (let t = 0; t < maxT; t++) {
    for (let i = 0; i < half; i++) {
      const angle = t * theta ** ((-2 * i) / headDim);
      cos[t * half + i] = Math.cos(angle);
      sin[t * half + i] = Math.sin(angle);
    }
  }
  return { cos, sin, half };
}

/**
 * Rotates x (N, nHeads·D) in place; row n sits at position positions[n]. `inverse` applies the transposed
 * rotation, which is exactly the backward pass (a rotation's Jacobian is the rotation itself).
 */
export function ropeApply(
  x: Buf,
  positions: Int32Array,
  nHeads: number,
  tables: RopeTables,
  inverse = false,
): void {
  const { cos, sin, half } = tables;
  const D = half * 2;
  const width = nHeads * D;
  const sign = inverse ? -1 : 1;
  for (let n = 0; n < positions.length; n++) {
    const to = positions[n]! * half;
    for (let h = 0; h < nHeads; h++) {
      const o = n * width + h * D;
      for (let i = 0; i < half; i++) {
        const c = cos[to + i]!;
        const s = sign * sin[to + i]!;
        const a = x[o + i]!;
        const b = x[o + i + half]!;
        x[o + i] = a * c - b * s;
        x[o + i + half] = b * c + a * s;
      }
    }
  }
}

/** Positions 0..T−1 repeated for each of B sequences. */
export function trainingPositions(B: number, T: number): Int32Array {
  const p = new Int32Array(B * T);
  for (let i = 0; i < p.length; i++) p[i] = i % T;
  return p;
}
