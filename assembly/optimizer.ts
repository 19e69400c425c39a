// AdamW and gradient clipping (see src/engine/training-loop/adamw.ts and schedule.ts for the JS versions, which
// these match bit for bit: the same float64 operations in the same order, rounded to float32 where the
// JS stores into a Float32Array). Constants arrive as float64 values in memory, since the second thread
// is handed integer arguments only.

/**
 * One AdamW update of n elements. c points to 6 float64 values: beta1, beta2, eps, stepSize (lr divided
 * by the first bias correction), sqrtC2 (square root of the second one) and keep (1 − lr·weightDecay on
 * decayed ranges, else 1).
 */
export function adamw(params: usize, grads: usize, m: usize, v: usize, c: usize, n: i32): void {
  const beta1 = load<f64>(c);
  const beta2 = load<f64>(c, 8);
  const eps = load<f64>(c, 16);
  const stepSize = load<f64>(c, 24);
  const sqrtC2 = load<f64>(c, 32);
  const keep = load<f64>(c, 40);
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const o1 = f64x2.splat(1 - beta1);
  const o2 = f64x2.splat(1 - beta2);
  const ev = f64x2.splat(eps);
  const sv = f64x2.splat(stepSize);
  const qv = f64x2.splat(sqrtC2);
  const kv = f64x2.splat(keep);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = (<usize>i) << 2;
    // Two float32 lanes at a time, widened to float64 (v128.load64_zero keeps them in the low lanes).
    const p = f64x2.promote_low_f32x4(
      f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(params + o)), kv)),
    );
    const g = f64x2.promote_low_f32x4(v128.load64_zero(grads + o));
    const mi = f64x2.add(f64x2.mul(b1, f64x2.promote_low_f32x4(v128.load64_zero(m + o))), f64x2.mul(o1, g));
    const vi = f64x2.add(
      f64x2.mul(b2, f64x2.promote_low_f32x4(v128.load64_zero(v + o))),
      f64x2.mul(f64x2.mul(o2, g), g),
    );
    v128.store64_lane(m + o, f32x4.demote_f64x2_zero(mi), 0);
    v128.store64_lane(v + o, f32x4.demote_f64x2_zero(vi), 0);
    const step = f64x2.div(f64x2.mul(sv, mi), f64x2.add(f64x2.div(f64x2.sqrt(vi), qv), ev));
    v128.store64_lane(params + o, f32x4.demote_f64x2_zero(f64x2.sub(p, step)), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const p = <f64>(<f32>(<f64>load<f32>(params + o) * keep));
    const g = <f64>load<f32>(grads + o);
    const mi = beta1 * <f64>load<f32>(m + o) + (1 - beta1) * g;
    const vi = beta2 * <f64>load<f32>(v + o) + (1 - beta2) * g * g;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    store<f32>(params + o, <f32>(p - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + eps)));
  }
}

/** Σ x² over n float32 values, in float64 and in order (the JS sums one by one, so this does too). */
export function sumSquares(x: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const g = <f64>load<f32>(x + ((<usize>i) << 2));
    s += g * g;
  }
  return s;
}

/** x ← x·s, computed in float64 and rounded to float32; c points to s as a float64. */
export function scale(x: usize, c: usize, n: i32): void {
  const s = load<f64>(c);
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = (<usize>i) << 2;
    const y = f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(x + o)), sv);
    v128.store64_lane(x + o, f32x4.demote_f64x2_zero(y), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(x + o, <f32>(<f64>load<f32>(x + o) * s));
  }
}
