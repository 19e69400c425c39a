import { wasmFor } from "../backend.js";
import type { Buf } from "../buffer.js";
import { type AttentionShape, attendCachedJs, attentionBackwardJs, attentionForwardJs } from "./js.js";

/**
 * Causal self-attention, the one door to it: training's forward and backward over whole sequences, and
 * decoding's one new token over its cached keys and values. Each runs on the SIMD kernels (wasm.ts) for
 * Float32 data when they are built, else in JS (js.ts, which also states the contracts).
 */
export { type AttentionShape, attentionBackwardJs, attentionForwardJs } from "./js.js";

/**
 * Causal grouped-query self-attention (contract in js.ts), on the SIMD kernels for Float32 data
 * when they are built. The SIMD version sums in float32, so results agree with JS to float32 rounding.
 */
export function attentionForward(out: Buf, probs: Buf, q: Buf, k: Buf, v: Buf, s: AttentionShape): void {
  const wasm = wasmFor(out.length + probs.length + q.length + k.length + v.length, out, probs, q, k, v);
  if (wasm !== null)
    wasm.attentionForward(
      out as Float32Array,
      probs as Float32Array,
      q as Float32Array,
      k as Float32Array,
      v as Float32Array,
      s,
    );
  else attentionForwardJs(out, probs, q, k, v, s);
}

export function attentionBackward(
  dq: Buf,
  dk: Buf,
  dv: Buf,
  dOut: Buf,
  probs: Buf,
  q: Buf,
  k: Buf,
  v: Buf,
  s: AttentionShape,
): void {
  const wasm = wasmFor(
    2 * (dq.length + dk.length + dv.length) + probs.length,
    dq,
    dk,
    dv,
    dOut,
    probs,
    q,
    k,
    v,
  );
  if (wasm === null) attentionBackwardJs(dq, dk, dv, dOut, probs, q, k, v, s);
  else {
    const f = [dq, dk, dv, dOut, probs, q, k, v] as Float32Array[];
    wasm.attentionBackward(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, f[7]!, s);
  }
}

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
    attendCachedJs(att, q, r * qw + h * D, kc, vc, rowStart, kw, kh, t, D, scores, acc);
  }
}
