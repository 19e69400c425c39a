import { dot } from "./matmul";

/** The four lanes summed in dot()'s order (lane 0 first), so dot4 matches dot bit for bit. */
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)
  );
}

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

/**
 * dst[i] = dot(x, y + i·stride, K) for i < 4, summed exactly as dot() sums, but with the four sums side by
 * side so that none waits on its own previous addition.
 */
function dot4(dst: usize, x: usize, y: usize, stride: usize, K: i32): void {
  const y1 = y + stride;
  const y2 = y1 + stride;
  const y3 = y2 + stride;
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0);
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const o = (<usize>k) << 2;
    const xv = v128.load(x + o);
    s0 = f32x4.add(s0, f32x4.mul(xv, v128.load(y + o)));
    s1 = f32x4.add(s1, f32x4.mul(xv, v128.load(y1 + o)));
    s2 = f32x4.add(s2, f32x4.mul(xv, v128.load(y2 + o)));
    s3 = f32x4.add(s3, f32x4.mul(xv, v128.load(y3 + o)));
  }
  let r0 = hsum(s0);
  let r1 = hsum(s1);
  let r2 = hsum(s2);
  let r3 = hsum(s3);
  for (; k < K; k++) {
    const o = (<usize>k) << 2;
    const xs = load<f32>(x + o);
    r0 += xs * load<f32>(y + o);
    r1 += xs * load<f32>(y1 + o);
    r2 += xs * load<f32>(y2 + o);
    r3 += xs * load<f32>(y3 + o);
  }
  store<f32>(dst, r0);
  store<f32>(dst + 4, r1);
  store<f32>(dst + 8, r2);
  store<f32>(dst + 12, r3);
}

/** dst[j] = dot(x, y + j·stride, K) for j < n. */
function dots(dst: usize, x: usize, y: usize, stride: usize, K: i32, n: i32): void {
  let j = 0;
  for (; j + 3 < n; j += 4) dot4(dst + ((<usize>j) << 2), x, y + <usize>j * stride, stride, K);
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
