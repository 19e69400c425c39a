import { type AttentionShape, attentionBackwardJs, attentionForwardJs } from "./attention-js.js";
import { wasmFor } from "./backend.js";
import type { Buf } from "./buffer.js";

export type { AttentionShape } from "./attention-js.js";

/**
 * Causal grouped-query self-attention (contract in attention-js.ts), on the SIMD kernels for Float32 data
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
