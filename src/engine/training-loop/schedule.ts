import { wasmFor } from "../kernels/backend.js";

/**
 * Learning rate at `step` (0-based): linear warmup to `peak` over `warmup` steps, then cosine decay to
 * `floor` at `total` steps (and `floor` after).
 */
export function warmupCosine(
  step: number,
  total: number,
  warmup: number,
  peak: number,
  floor: number,
): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  if (step >= total) return floor;
  const progress = (step - warmup) / Math.max(1, total - warmup);
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
}

/** Scales `grads` in place so their global L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(grads: Float32Array, maxNorm: number): number {
  // On the SIMD kernels when grads lie in their memory (the trainers' do), with the same arithmetic.
  const wasm = wasmFor(0, grads);
  let ss = wasm?.sumSquares(grads) ?? null;
  if (ss === null) {
    ss = 0;
    for (let i = 0; i < grads.length; i++) ss += grads[i]! * grads[i]!;
  }
  const norm = Math.sqrt(ss);
  if (maxNorm > 0 && norm > maxNorm) {
    const scale = maxNorm / (norm + 1e-6);
    if (wasm?.scale(grads, scale) !== true)
      for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * scale;
  }
  return norm;
}
