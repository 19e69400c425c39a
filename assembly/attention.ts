import { dot, dot4 } from "./matmul";

/** y[0..n) += s · x[0..n), SIMD. */
function axpy(y: usize, x: usize, s: f32, n: i32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(sv, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(y + o, load<f32>(y + o) + s * load<f32>(x + o));
  }
}

/** dst[j] = dot(x, y + j·stride, K) for j < n. */
function dots(dst: usize, x: usize, y: usize, stride: usize, K: i32, n: i32): void {
  let j = 0;
  for (; j + 3 < n; j += 4) dot4(dst + ((<usize>j) << 2), x, y + <usize>j * stride, stride, K, 0);
  for (; j < n; j++) store<f32>(dst + ((<usize>j) << 2), dot(x, y + <usize>j * stride, K));
}

/**
 * Causal grouped-query attention, same layout and contract as src/engine/kernels/attention-js.ts: q, out
 * (B, T, H·D); k, v (B, T, KV·D); probs (B, H, T, T). `scores` is scratch of T floats.
 */
export function attentionForward(
  out: usize,
  probs: usize,
  q: usize,
  k: usize,
  v: usize,
  scores: usize,
  B: i32,
  T: i32,
  H: i32,
  KV: i32,
  D: i32,
): void {
  const group = H / KV;
  const qw = H * D;
  const kw = KV * D;
  const scale = <f32>(1.0 / Math.sqrt(<f64>D));
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = (h / group) * D;
      for (let t = 0; t < T; t++) {
        const qo = q + ((<usize>((b * T + t) * qw + h * D)) << 2);
        let max: f32 = -Infinity;
        dots(scores, qo, k + ((<usize>(b * T * kw + kh)) << 2), (<usize>kw) << 2, D, t + 1);
        for (let j = 0; j <= t; j++) {
          const s = load<f32>(scores + ((<usize>j) << 2)) * scale;
          store<f32>(scores + ((<usize>j) << 2), s);
          if (s > max) max = s;
        }
        let sum: f64 = 0;
        for (let j = 0; j <= t; j++) {
          const e = Math.exp(<f64>(load<f32>(scores + ((<usize>j) << 2)) - max));
          store<f32>(scores + ((<usize>j) << 2), <f32>e);
          sum += e;
        }
        const inv = 1.0 / sum;
        const oo = out + ((<usize>((b * T + t) * qw + h * D)) << 2);
        memory.fill(oo, 0, (<usize>D) << 2);
        const po = probs + ((<usize>(((b * H + h) * T + t) * T)) << 2);
        for (let j = 0; j <= t; j++) {
          const p = <f32>(<f64>load<f32>(scores + ((<usize>j) << 2)) * inv);
          store<f32>(po + ((<usize>j) << 2), p);
          axpy(oo, v + ((<usize>((b * T + j) * kw + kh)) << 2), p, D);
        }
        // Positions after t are masked: zero them, so the whole probs buffer is defined.
        memory.fill(po + ((<usize>(t + 1)) << 2), 0, (<usize>(T - t - 1)) << 2);
      }
    }
  }
}

/** Backward of attentionForward; dq, dk and dv are overwritten. `dp` is scratch of T floats. */
export function attentionBackward(
  dq: usize,
  dk: usize,
  dv: usize,
  dOut: usize,
  probs: usize,
  q: usize,
  k: usize,
  v: usize,
  dp: usize,
  B: i32,
  T: i32,
  H: i32,
  KV: i32,
  D: i32,
): void {
  const group = H / KV;
  const qw = H * D;
  const kw = KV * D;
  const scale = <f32>(1.0 / Math.sqrt(<f64>D));
  memory.fill(dk, 0, (<usize>(B * T * kw)) << 2);
  memory.fill(dv, 0, (<usize>(B * T * kw)) << 2);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = (h / group) * D;
      for (let t = 0; t < T; t++) {
        const rowQ = (<usize>((b * T + t) * qw + h * D)) << 2;
        const po = probs + ((<usize>(((b * H + h) * T + t) * T)) << 2);
        let total: f32 = 0;
        dots(dp, dOut + rowQ, v + ((<usize>(b * T * kw + kh)) << 2), (<usize>kw) << 2, D, t + 1);
        for (let j = 0; j <= t; j++) {
          const rowK = (<usize>((b * T + j) * kw + kh)) << 2;
          const p = load<f32>(po + ((<usize>j) << 2));
          axpy(dv + rowK, dOut + rowQ, p, D);
          total += load<f32>(dp + ((<usize>j) << 2)) * p;
        }
        memory.fill(dq + rowQ, 0, (<usize>D) << 2);
        for (let j = 0; j <= t; j++) {
          const ds = load<f32>(po + ((<usize>j) << 2)) * (load<f32>(dp + ((<usize>j) << 2)) - total) * scale;
          const rowK = (<usize>((b * T + j) * kw + kh)) << 2;
          axpy(dq + rowQ, k + rowK, ds, D);
          axpy(dk + rowK, q + rowQ, ds, D);
        }
      }
    }
  }
}

/**
 * One new token attending over its sequence's cached keys and values (KV-cached decoding): q and out
 * (H·D); k and v hold rows 0..n−1 of (KV·D). `scores` is scratch of n floats.
 */
export function attendCached(
  out: usize,
  q: usize,
  k: usize,
  v: usize,
  scores: usize,
  n: i32,
  H: i32,
  KV: i32,
  D: i32,
): void {
  const group = H / KV;
  const kw = KV * D;
  const scale = <f32>(1.0 / Math.sqrt(<f64>D));
  for (let h = 0; h < H; h++) {
    const kh = (h / group) * D;
    const qo = q + ((<usize>(h * D)) << 2);
    let max: f32 = -Infinity;
    for (let j = 0; j < n; j++) {
      const s = dot(qo, k + ((<usize>(j * kw + kh)) << 2), D) * scale;
      store<f32>(scores + ((<usize>j) << 2), s);
      if (s > max) max = s;
    }
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(<f64>(load<f32>(scores + ((<usize>j) << 2)) - max));
      store<f32>(scores + ((<usize>j) << 2), <f32>e);
      sum += e;
    }
    const inv = 1.0 / sum;
    const oo = out + ((<usize>(h * D)) << 2);
    memory.fill(oo, 0, (<usize>D) << 2);
    for (let j = 0; j < n; j++) {
      const p = <f32>(<f64>load<f32>(scores + ((<usize>j) << 2)) * inv);
      axpy(oo, v + ((<usize>(j * kw + kh)) << 2), p, D);
    }
  }
}
