import { wasmFor } from "./backend.js";
import type { Buf } from "./buffer.js";

const f32 = (b: Buf) => b as Float32Array;

/**
 * RMSNorm as Hugging Face Llama computes it: y = x · rsqrt(mean(x²) + eps) · w, per row of width C.
 * `rstd` (N) keeps each row's reciprocal RMS for the backward pass. Float32 data runs on the SIMD kernels
 * when built (sums of squares in float32 there, so results agree to float32 rounding).
 */
export function rmsnormForward(out: Buf, rstd: Buf, x: Buf, w: Buf, N: number, C: number, eps: number): void {
  const wasm = wasmFor(3 * N * C, out, rstd, x, w);
  if (wasm !== null) {
    wasm.rmsnormForward(f32(out), f32(rstd), f32(x), f32(w), N, C, eps);
    return;
  }
  for (let n = 0; n < N; n++) {
    const o = n * C;
    let ss = 0;
    for (let c = 0; c < C; c++) ss += x[o + c]! * x[o + c]!;
    const r = 1 / Math.sqrt(ss / C + eps);
    rstd[n] = r;
    for (let c = 0; c < C; c++) out[o + c] = x[o + c]! * r * w[c]!;
  }
}

/**
 * With g = dy·w: dx = r·(g − x·r²·mean(g·x)), dw += Σ_rows dy·x·r. dx is overwritten, or added to when
 * `accumulate` (the residual stream's gradient flows through both paths).
 */
export function rmsnormBackward(
  dx: Buf,
  dw: Buf,
  dy: Buf,
  x: Buf,
  w: Buf,
  rstd: Buf,
  N: number,
  C: number,
  accumulate = false,
): void {
  const wasm = wasmFor(4 * N * C, dx, dw, dy, x, w, rstd);
  if (wasm !== null) {
    const [a, b, c, e, f, g] = [dx, dw, dy, x, w, rstd].map(f32) as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    wasm.rmsnormBackward(a, b, c, e, f, g, N, C, accumulate);
    return;
  }
  for (let n = 0; n < N; n++) {
    const o = n * C;
    const r = rstd[n]!;
    let dot = 0;
    for (let c = 0; c < C; c++) dot += dy[o + c]! * w[c]! * x[o + c]!;
    const k = (r * r * dot) / C;
    for (let c = 0; c < C; c++) {
      const xc = x[o + c]!;
      const d = r * (dy[o + c]! * w[c]! - xc * k);
      dx[o + c] = accumulate ? dx[o + c]! + d : d;
      dw[c] = dw[c]! + dy[o + c]! * xc * r;
    }
  }
}
