// Row-wise and elementwise kernels (RMSNorm, SwiGLU, softmax cross-entropy), same contracts as the JS
// kernels in src/engine/kernels/. exp runs four lanes at a time in float32 (expv, a couple of ulps);
// sums of squares in float32 lanes, sums of exponentials in float64 as in JS.

/**
 * e^x per lane: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its degree-7 Taylor-like polynomial (Cephes'
 * expf coefficients), 2ⁿ built in the exponent bits. Inputs are clamped to the range where 2ⁿ is a
 * normal float, so e^x underflows to ~1e-38 rather than 0 (immaterial next to the sums it enters).
 */
function expv(x: v128): v128 {
  x = f32x4.max(f32x4.min(x, f32x4.splat(88.0)), f32x4.splat(-87.0));
  const n = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(<f32>Math.LOG2E)), f32x4.splat(0.5)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(-2.1219444e-4)));
  let y = f32x4.splat(1.98756915e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(x, x)), x), f32x4.splat(1));
  const pow2n = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2n);
}

/** e^x for one value, by the same arithmetic as expv, so a row's tail matches its body. */
function exp1(x: f32): f32 {
  return f32x4.extract_lane(expv(f32x4.splat(x)), 0);
}

/** RMSNorm forward over N rows of width C; `rstd` (N) receives each row's reciprocal RMS. */
export function rmsnormForward(out: usize, rstd: usize, x: usize, w: usize, N: i32, C: i32, eps: f32): void {
  for (let n = 0; n < N; n++) {
    const row = x + ((<usize>(n * C)) << 2);
    const o = out + ((<usize>(n * C)) << 2);
    let s = f32x4.splat(0);
    let c = 0;
    for (; c + 3 < C; c += 4) {
      const v = v128.load(row + ((<usize>c) << 2));
      s = f32x4.add(s, f32x4.mul(v, v));
    }
    let ss =
      f32x4.extract_lane(s, 0) +
      f32x4.extract_lane(s, 1) +
      f32x4.extract_lane(s, 2) +
      f32x4.extract_lane(s, 3);
    for (; c < C; c++) {
      const v = load<f32>(row + ((<usize>c) << 2));
      ss += v * v;
    }
    const r = <f32>(1.0 / Math.sqrt(<f64>ss / <f64>C + <f64>eps));
    store<f32>(rstd + ((<usize>n) << 2), r);
    const rv = f32x4.splat(r);
    c = 0;
    for (; c + 3 < C; c += 4) {
      const p = (<usize>c) << 2;
      v128.store(o + p, f32x4.mul(f32x4.mul(v128.load(row + p), rv), v128.load(w + p)));
    }
    for (; c < C; c++) {
      const p = (<usize>c) << 2;
      store<f32>(o + p, load<f32>(row + p) * r * load<f32>(w + p));
    }
  }
}

/**
 * RMSNorm backward: dx = r·(dy·w − x·r²·mean(dy·w·x)) (added to dx when acc), dw += Σ_rows dy·x·r. Rows
 * run in order on one thread, so dw sums the same way on every run.
 */
export function rmsnormBackward(
  dx: usize,
  dw: usize,
  dy: usize,
  x: usize,
  w: usize,
  rstd: usize,
  N: i32,
  C: i32,
  acc: i32,
): void {
  for (let n = 0; n < N; n++) {
    const base = (<usize>(n * C)) << 2;
    const r = load<f32>(rstd + ((<usize>n) << 2));
    let s = f32x4.splat(0);
    let c = 0;
    for (; c + 3 < C; c += 4) {
      const p = (<usize>c) << 2;
      s = f32x4.add(
        s,
        f32x4.mul(f32x4.mul(v128.load(dy + base + p), v128.load(w + p)), v128.load(x + base + p)),
      );
    }
    let dot =
      f32x4.extract_lane(s, 0) +
      f32x4.extract_lane(s, 1) +
      f32x4.extract_lane(s, 2) +
      f32x4.extract_lane(s, 3);
    for (; c < C; c++) {
      const p = (<usize>c) << 2;
      dot += load<f32>(dy + base + p) * load<f32>(w + p) * load<f32>(x + base + p);
    }
    const k = (r * r * dot) / <f32>C;
    const rv = f32x4.splat(r);
    const kv = f32x4.splat(k);
    c = 0;
    for (; c + 3 < C; c += 4) {
      const p = (<usize>c) << 2;
      const g = v128.load(dy + base + p);
      const xc = v128.load(x + base + p);
      let d = f32x4.mul(rv, f32x4.sub(f32x4.mul(g, v128.load(w + p)), f32x4.mul(xc, kv)));
      if (acc) d = f32x4.add(v128.load(dx + base + p), d);
      v128.store(dx + base + p, d);
      v128.store(dw + p, f32x4.add(v128.load(dw + p), f32x4.mul(f32x4.mul(g, xc), rv)));
    }
    for (; c < C; c++) {
      const p = (<usize>c) << 2;
      const g = load<f32>(dy + base + p);
      const xc = load<f32>(x + base + p);
      const d = r * (g * load<f32>(w + p) - xc * k);
      store<f32>(dx + base + p, acc ? load<f32>(dx + base + p) + d : d);
      store<f32>(dw + p, load<f32>(dw + p) + g * xc * r);
    }
  }
}

/** out = silu(gate)·up over n elements; σ(gate) to `sig` unless sig is 0. */
export function swigluForward(out: usize, sig: usize, gate: usize, up: usize, n: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const p = (<usize>i) << 2;
    const g = v128.load(gate + p);
    const s = f32x4.div(one, f32x4.add(one, expv(f32x4.neg(g))));
    if (sig) v128.store(sig + p, s);
    v128.store(out + p, f32x4.mul(f32x4.mul(g, s), v128.load(up + p)));
  }
  for (; i < n; i++) {
    const p = (<usize>i) << 2;
    const g = load<f32>(gate + p);
    const s: f32 = 1 / (1 + exp1(-g));
    if (sig) store<f32>(sig + p, s);
    store<f32>(out + p, g * s * load<f32>(up + p));
  }
}

/** dGate = dOut·up·σ(1 + g(1 − σ)), dUp = dOut·g·σ, with σ read from `sig`. */
export function swigluBackward(
  dGate: usize,
  dUp: usize,
  dOut: usize,
  gate: usize,
  up: usize,
  sig: usize,
  n: i32,
): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const p = (<usize>i) << 2;
    const g = v128.load(gate + p);
    const s = v128.load(sig + p);
    const d = v128.load(dOut + p);
    const ds = f32x4.mul(s, f32x4.add(one, f32x4.mul(g, f32x4.sub(one, s))));
    v128.store(dGate + p, f32x4.mul(f32x4.mul(d, v128.load(up + p)), ds));
    v128.store(dUp + p, f32x4.mul(f32x4.mul(d, g), s));
  }
  for (; i < n; i++) {
    const p = (<usize>i) << 2;
    const g = load<f32>(gate + p);
    const s = load<f32>(sig + p);
    const d = load<f32>(dOut + p);
    // Grouped as in the SIMD body, so a split that moves the tail changes no bit.
    store<f32>(dGate + p, d * load<f32>(up + p) * (s * (1 + g * (1 - s))));
    store<f32>(dUp + p, d * g * s);
  }
}

/**
 * Softmax of each row of logits (N, V) into `softmax` and log Σ exp into `lse` (float64 per row). Rows
 * whose weight is 0 (`weights` a float32 per row, or 0 for none) are skipped: softmax zero, lse NaN.
 */
export function softmaxRows(softmax: usize, lse: usize, logits: usize, weights: usize, N: i32, V: i32): void {
  for (let n = 0; n < N; n++) {
    const o = (<usize>(n * V)) << 2;
    if (weights && load<f32>(weights + ((<usize>n) << 2)) === 0) {
      memory.fill(softmax + o, 0, (<usize>V) << 2);
      store<f64>(lse + ((<usize>n) << 3), NaN);
      continue;
    }
    const row = logits + o;
    let mv = f32x4.splat(-Infinity);
    let i = 0;
    for (; i + 3 < V; i += 4) mv = f32x4.max(mv, v128.load(row + ((<usize>i) << 2)));
    const m01 = max<f32>(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1));
    let top = max<f32>(m01, max<f32>(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
    for (; i < V; i++) top = max<f32>(top, load<f32>(row + ((<usize>i) << 2)));
    const topv = f32x4.splat(top);
    let sums = f64x2.splat(0);
    for (i = 0; i + 3 < V; i += 4) {
      const p = (<usize>i) << 2;
      const e = expv(f32x4.sub(v128.load(row + p), topv));
      v128.store(softmax + o + p, e);
      sums = f64x2.add(
        sums,
        f64x2.add(
          f64x2.promote_low_f32x4(e),
          f64x2.promote_low_f32x4(i8x16.shuffle(e, e, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)),
        ),
      );
    }
    let sum = f64x2.extract_lane(sums, 0) + f64x2.extract_lane(sums, 1);
    for (; i < V; i++) {
      const p = (<usize>i) << 2;
      const e = exp1(load<f32>(row + p) - top);
      store<f32>(softmax + o + p, e);
      sum += <f64>e;
    }
    const inv = f32x4.splat(<f32>(1.0 / sum));
    for (i = 0; i + 3 < V; i += 4) {
      const p = (<usize>i) << 2;
      v128.store(softmax + o + p, f32x4.mul(v128.load(softmax + o + p), inv));
    }
    for (; i < V; i++) {
      const p = (<usize>i) << 2;
      store<f32>(softmax + o + p, load<f32>(softmax + o + p) * <f32>(1.0 / sum));
    }
    store<f64>(lse + ((<usize>n) << 3), <f64>top + Math.log(sum));
  }
}

/** dLogits (N, V) = g_n·(softmax − onehot(target)) with g (float32 per row); rows with g = 0 are zero. */
export function crossEntropyBackward(
  dLogits: usize,
  softmax: usize,
  targets: usize,
  g: usize,
  N: i32,
  V: i32,
): void {
  for (let n = 0; n < N; n++) {
    const o = (<usize>(n * V)) << 2;
    const gn = load<f32>(g + ((<usize>n) << 2));
    if (gn === 0) {
      memory.fill(dLogits + o, 0, (<usize>V) << 2);
      continue;
    }
    const gv = f32x4.splat(gn);
    let i = 0;
    for (; i + 3 < V; i += 4) {
      const p = (<usize>i) << 2;
      v128.store(dLogits + o + p, f32x4.mul(gv, v128.load(softmax + o + p)));
    }
    for (; i < V; i++) {
      const p = (<usize>i) << 2;
      store<f32>(dLogits + o + p, gn * load<f32>(softmax + o + p));
    }
    const t = dLogits + o + ((<usize>load<i32>(targets + ((<usize>n) << 2))) << 2);
    store<f32>(t, load<f32>(t) - gn);
  }
}
