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

/**
 * dst[0..D) = (keep ? dst : 0) + Σ_j c_j · row_j for j < count, rows `rowStride` bytes apart and the
 * coefficients c_j (float32) `coefStride` bytes apart: each element sums in j order exactly as repeated
 * axpy calls would, but 32 floats of dst stay in registers across all j instead of being loaded and
 * stored once per row.
 */
function accum(
  dst: usize,
  rows: usize,
  rowStride: usize,
  coef: usize,
  coefStride: usize,
  count: i32,
  D: i32,
  keep: bool,
): void {
  let i = 0;
  for (; i + 31 < D; i += 32) {
    const d = dst + ((<usize>i) << 2);
    const z = f32x4.splat(0);
    let a0 = keep ? v128.load(d) : z;
    let a1 = keep ? v128.load(d, 16) : z;
    let a2 = keep ? v128.load(d, 32) : z;
    let a3 = keep ? v128.load(d, 48) : z;
    let a4 = keep ? v128.load(d, 64) : z;
    let a5 = keep ? v128.load(d, 80) : z;
    let a6 = keep ? v128.load(d, 96) : z;
    let a7 = keep ? v128.load(d, 112) : z;
    let r = rows + ((<usize>i) << 2);
    let c = coef;
    for (let j = 0; j < count; j++) {
      const sv = f32x4.splat(load<f32>(c));
      a0 = f32x4.add(a0, f32x4.mul(sv, v128.load(r)));
      a1 = f32x4.add(a1, f32x4.mul(sv, v128.load(r, 16)));
      a2 = f32x4.add(a2, f32x4.mul(sv, v128.load(r, 32)));
      a3 = f32x4.add(a3, f32x4.mul(sv, v128.load(r, 48)));
      a4 = f32x4.add(a4, f32x4.mul(sv, v128.load(r, 64)));
      a5 = f32x4.add(a5, f32x4.mul(sv, v128.load(r, 80)));
      a6 = f32x4.add(a6, f32x4.mul(sv, v128.load(r, 96)));
      a7 = f32x4.add(a7, f32x4.mul(sv, v128.load(r, 112)));
      r += rowStride;
      c += coefStride;
    }
    v128.store(d, a0);
    v128.store(d, a1, 16);
    v128.store(d, a2, 32);
    v128.store(d, a3, 48);
    v128.store(d, a4, 64);
    v128.store(d, a5, 80);
    v128.store(d, a6, 96);
    v128.store(d, a7, 112);
  }
  for (; i + 3 < D; i += 4) {
    const d = dst + ((<usize>i) << 2);
    let a = keep ? v128.load(d) : f32x4.splat(0);
    let r = rows + ((<usize>i) << 2);
    let c = coef;
    for (let j = 0; j < count; j++) {
      a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(c)), v128.load(r)));
      r += rowStride;
      c += coefStride;
    }
    v128.store(d, a);
  }
  for (; i < D; i++) {
    const d = dst + ((<usize>i) << 2);
    let a: f32 = keep ? load<f32>(d) : 0;
    let r = rows + ((<usize>i) << 2);
    let c = coef;
    for (let j = 0; j < count; j++) {
      a = a + load<f32>(c) * load<f32>(r);
      r += rowStride;
      c += coefStride;
    }
    store<f32>(d, a);
  }
}

/** dst[j] = dot(x, y + j·stride, K) for j < n. */
function dots(dst: usize, x: usize, y: usize, stride: usize, K: i32, n: i32): void {
  let j = 0;
  for (; j + 3 < n; j += 4) dot4(dst + ((<usize>j) << 2), x, y + <usize>j * stride, stride, K, 0);
  for (; j < n; j++) store<f32>(dst + ((<usize>j) << 2), dot(x, y + <usize>j * stride, K));
}

/**
 * Causal grouped-query attention, same layout and contract as src/engine/kernels/attention/js.ts: q, out
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
        const po = probs + ((<usize>(((b * H + h) * T + t) * T)) << 2);
        for (let j = 0; j <= t; j++) {
          store<f32>(po + ((<usize>j) << 2), <f32>(<f64>load<f32>(scores + ((<usize>j) << 2)) * inv));
        }
        const vRows = v + ((<usize>(b * T * kw + kh)) << 2);
        accum(oo, vRows, (<usize>kw) << 2, po, 4, t + 1, D, false);
        // Positions after t are masked: zero them, so the whole probs buffer is defined.
        memory.fill(po + ((<usize>(t + 1)) << 2), 0, (<usize>(T - t - 1)) << 2);
      }
    }
  }
}

/**
 * Backward of attentionForward; dq, dk and dv are overwritten. `ds` is scratch of T·T floats. Each
 * gradient element sums its terms in the order a loop over query positions t (keys j ≤ t within each)
 * would, head by head, but in three passes: the score gradients of every (t, j) first, then dq row by
 * row and dk, dv key by key, each with its row in registers (accum).
 */
export function attentionBackward(
  dq: usize,
  dk: usize,
  dv: usize,
  dOut: usize,
  probs: usize,
  q: usize,
  k: usize,
  v: usize,
  ds: usize,
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
  const qStride = (<usize>qw) << 2;
  const kStride = (<usize>kw) << 2;
  const tStride = (<usize>T) << 2;
  memory.fill(dk, 0, (<usize>(B * T * kw)) << 2);
  memory.fill(dv, 0, (<usize>(B * T * kw)) << 2);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = (h / group) * D;
      const pBase = probs + ((<usize>((b * H + h) * T * T)) << 2);
      const qBase = q + ((<usize>(b * T * qw + h * D)) << 2);
      const oBase = dOut + ((<usize>(b * T * qw + h * D)) << 2);
      const kBase = (<usize>(b * T * kw + kh)) << 2;
      // ds[t, j] = p·(dp − Σ_j dp·p)·scale with dp[t, j] = dOut_t · v_j.
      for (let t = 0; t < T; t++) {
        const row = ds + <usize>t * tStride;
        const po = pBase + <usize>t * tStride;
        dots(row, oBase + <usize>t * qStride, v + kBase, kStride, D, t + 1);
        let total: f32 = 0;
        for (let j = 0; j <= t; j++)
          total += load<f32>(row + ((<usize>j) << 2)) * load<f32>(po + ((<usize>j) << 2));
        for (let j = 0; j <= t; j++) {
          const o = (<usize>j) << 2;
          store<f32>(row + o, load<f32>(po + o) * (load<f32>(row + o) - total) * scale);
        }
      }
      // dq_t = Σ_{j ≤ t} ds[t, j]·k_j.
      for (let t = 0; t < T; t++) {
        accum(
          qBase - q + dq + <usize>t * qStride,
          k + kBase,
          kStride,
          ds + <usize>t * tStride,
          4,
          t + 1,
          D,
          false,
        );
      }
      // dk_j += Σ_{t ≥ j} ds[t, j]·q_t and dv_j += Σ_{t ≥ j} p[t, j]·dOut_t (onto earlier heads' sums).
      for (let j = 0; j < T; j++) {
        const at = (<usize>(j * T + j)) << 2;
        const rowK = kBase + <usize>j * kStride;
        accum(dk + rowK, qBase + <usize>j * qStride, qStride, ds + at, tStride, T - j, D, true);
        accum(dv + rowK, oBase + <usize>j * qStride, qStride, pBase + at, tStride, T - j, D, true);
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
