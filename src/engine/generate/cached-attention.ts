import { causalScores } from "../kernels/attention-js.js";
import { wasmFor } from "../kernels/backend.js";

/**
 * One new token (row r of q and att, (R, H·hd)) attending over its sequence's cached keys and values,
 * rows rowStart..rowStart+t of the cache buffers (maxT·slots, KV·hd): on the SIMD kernels when built,
 * else head by head in JS.
 */
export function attendCachedRow(
  att: Float32Array,
  q: Float32Array,
  r: number,
  kc: Float32Array,
  vc: Float32Array,
  rowStart: number,
  t: number,
  shape: { H: number; KV: number; D: number },
  scores: Float64Array,
  acc: Float64Array,
): void {
  const { H, KV, D } = shape;
  const qw = H * D;
  const kw = KV * D;
  const wasm = wasmFor(2 * qw + 2 * (t + 1) * kw, att, q, kc, vc);
  if (wasm !== null) {
    const row = att.subarray(r * qw, (r + 1) * qw);
    wasm.attendCached(row, q.subarray(r * qw, (r + 1) * qw), kc, vc, rowStart, t + 1, shape);
    return;
  }
  for (let h = 0; h < H; h++) {
    const kh = Math.floor(h / (H / KV)) * D;
    attendCached(att, q, r * qw + h * D, kc, vc, rowStart, kw, kh, t, D, scores, acc);
  }
}

/**
 * One query head of one new token attending over its sequence's cached keys and values (positions
 * 0..t), written to att[qo .. qo+hd). Kept small and monomorphic (Float32Array in, Float64 scratch) so
 * the JIT compiles it tightly: it runs once per head, layer and decoded token.
 */
function attendCached(
  att: Float32Array,
  q: Float32Array,
  qo: number,
  kc: Float32Array,
  vc: Float32Array,
  rowStart: number,
  kw: number,
  kh: number,
  t: number,
  hd: number,
  scores: Float64Array,
  acc: Float64Array,
): void {
  const sum = causalScores(q, qo, kc, rowStart, kw, kh, hd, t, 1 / Math.sqrt(hd), scores);
  acc.fill(0, 0, hd);
  for (let j = 0; j <= t; j++) {
    const p = scores[j]! / sum;
    const vo = (rowStart + j) * kw + kh;
    for (let i = 0; i < hd; i++) acc[i] = acc[i]! + p * vc[vo + i]!;
  }
  for (let i = 0; i < hd; i++) att[qo + i] = acc[i]!;
}
