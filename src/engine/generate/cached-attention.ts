/**
 * One query head of one new token attending over its sequence's cached keys and values (positions
 * 0..t), written to att[qo .. qo+hd). Kept small and monomorphic (Float32Array in, Float64 scratch) so
 * the JIT compiles it tightly: it runs once per head, layer and decoded token.
 */
export function attendCached(
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
  const scale = 1 / Math.sqrt(hd);
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j <= t; j++) {
    const ko = (rowStart + j) * kw + kh;
    let dot = 0;
    for (let i = 0; i < hd; i++) dot += q[qo + i]! * kc[ko + i]!;
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
  acc.fill(0, 0, hd);
  for (let j = 0; j <= t; j++) {
    const p = scores[j]! / sum;
    const vo = (rowStart + j) * kw + kh;
    for (let i = 0; i < hd; i++) acc[i] = acc[i]! + p * vc[vo + i]!;
  }
  for (let i = 0; i < hd; i++) att[qo + i] = acc[i]!;
}
