import type { Buf } from "../buffer.js";

/**
 * Causal multi-head self-attention over B sequences of length T, with grouped-query attention: query head
 * h reads key/value head floor(h / (H / KV)). q and out are (B, T, H·D); k and v are (B, T, KV·D).
 * `probs` (B, H, T, T) keeps the softmax weights for the backward pass (zero above the diagonal).
 */
export interface AttentionShape {
  B: number;
  T: number;
  H: number;
  KV: number;
  D: number;
}

/**
 * The softmax numerators of one query row (query at q[qo..qo+D)) over keys at rows rowStart..rowStart+t
 * of k (row width kw, head offset kh): scores[j] = exp(q·k_j·scale − max). Returns their sum, so
 * p_j = scores[j] / sum. Shared by full-sequence attention and cached single-token decoding.
 */
function causalScores(
  q: Buf,
  qo: number,
  k: Buf,
  rowStart: number,
  kw: number,
  kh: number,
  D: number,
  t: number,
  scale: number,
  scores: Float64Array,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j <= t; j++) {
    const ko = (rowStart + j) * kw + kh;
    let dot = 0;
    for (let d = 0; d < D; d++) dot += q[qo + d]! * k[ko + d]!;
    dot *= scale;
    scores[j] = dot;
    if (dot > max) max = dot;
  }
  let sum = 0;
  for (let j = 0; j <= t; j++) {
    const e = Math.exp(scores[j]! - max);
    scores[j] = e;
    sum += e;
  }
  return sum;
}

export function attentionForwardJs(out: Buf, probs: Buf, q: Buf, k: Buf, v: Buf, s: AttentionShape): void {
  const { B, T, H, KV, D } = s;
  const group = H / KV;
  const qw = H * D;
  const kw = KV * D;
  const scale = 1 / Math.sqrt(D);
  const scores = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = Math.floor(h / group) * D;
      for (let t = 0; t < T; t++) {
        const qo = (b * T + t) * qw + h * D;
        const sum = causalScores(q, qo, k, b * T, kw, kh, D, t, scale, scores);
        const po = ((b * H + h) * T + t) * T;
        probs.fill(0, po + t + 1, po + T);
        out.fill(0, qo, qo + D);
        for (let j = 0; j <= t; j++) {
          const p = scores[j]! / sum;
          probs[po + j] = p;
          const vo = (b * T + j) * kw + kh;
          for (let d = 0; d < D; d++) out[qo + d] = out[qo + d]! + p * v[vo + d]!;
        }
      }
    }
  }
}

/**
 * dq is overwritten; dk and dv are overwritten too (they are zeroed first) since several query heads of a
 * group add into the same key/value head.
 */
export function attentionBackwardJs(
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
  const { B, T, H, KV, D } = s;
  const group = H / KV;
  const qw = H * D;
  const kw = KV * D;
  const scale = 1 / Math.sqrt(D);
  const dp = new Float64Array(T);
  dk.fill(0, 0, B * T * kw);
  dv.fill(0, 0, B * T * kw);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = Math.floor(h / group) * D;
      for (let t = 0; t < T; t++) {
        const qo = (b * T + t) * qw + h * D;
        const po = ((b * H + h) * T + t) * T;
        // dP_j = dO_t · v_j, and dV_j += P_j · dO_t.
        let dot = 0;
        for (let j = 0; j <= t; j++) {
          const vo = (b * T + j) * kw + kh;
          const p = probs[po + j]!;
          let g = 0;
          for (let d = 0; d < D; d++) {
            const dod = dOut[qo + d]!;
            g += dod * v[vo + d]!;
            dv[vo + d] = dv[vo + d]! + p * dod;
          }
          dp[j] = g;
          dot += g * p;
        }
        // Softmax backward: dS_j = P_j (dP_j − Σ P·dP); then through the scaled dot product.
        dq.fill(0, qo, qo + D);
        for (let j = 0; j <= t; j++) {
          const ds = probs[po + j]! * (dp[j]! - dot) * scale;
          if (ds === 0) continue;
          const ko = (b * T + j) * kw + kh;
          for (let d = 0; d < D; d++) {
            dq[qo + d] = dq[qo + d]! + ds * k[ko + d]!;
            dk[ko + d] = dk[ko + d]! + ds * q[qo + d]!;
          }
        }
      }
    }
  }
}

/**
 * One query head of one new token attending over its sequence's cached keys and values (positions
 * 0..t), written to att[qo .. qo+hd). Kept small and monomorphic (Float32Array in, Float64 scratch) so
 * the JIT compiles it tightly: it runs once per head, layer and decoded token.
 */
export function attendCachedJs(
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
