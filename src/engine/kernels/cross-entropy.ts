import { wasmFor } from "./backend.js";
import type { Buf } from "./buffer.js";

/**
 * Softmax cross-entropy over logits (N, V) with per-row weights: the loss mask. Rows with weight 0 are
 * skipped entirely. "mean" divides by the total weight (mean over unmasked tokens, the training loss);
 * "sum" does not (summed log-probabilities, as sequence scoring and DPO need).
 */
export type LossReduction = "mean" | "sum";

export interface CrossEntropyResult {
  loss: number;
  /** Σ weights (the number of unmasked tokens for a 0/1 mask). */
  weight: number;
  /** log Σ exp(logits) per row (N), kept for the backward pass; NaN for skipped rows. */
  logSumExp: Float64Array;
  /** softmax(logits) on the rows that were not skipped, when the caller gave a buffer for it. */
  softmax: Buf | null;
}

export function crossEntropyForward(
  logits: Buf,
  targets: Int32Array,
  weights: Buf | null,
  N: number,
  V: number,
  reduction: LossReduction = "mean",
  softmax: Buf | null = null,
): CrossEntropyResult {
  const logSumExp = new Float64Array(N).fill(Number.NaN);
  let total = 0;
  let weight = 0;
  const wasm = wasmFor(
    2 * N * V,
    logits,
    ...(weights === null ? [] : [weights]),
    ...(softmax === null ? [] : [softmax]),
  );
  if (wasm !== null) {
    // The SIMD module computes each row's softmax and log Σ exp (exp in float32); the loss sums here.
    const f = (b: Buf | null) => b as Float32Array | null;
    wasm.softmaxRows(f(softmax), logSumExp, logits as Float32Array, f(weights), N, V);
    for (let n = 0; n < N; n++) {
      const w = weights === null ? 1 : weights[n]!;
      if (w === 0) continue;
      total += w * (logSumExp[n]! - logits[n * V + targets[n]!]!);
      weight += w;
    }
    const loss = reduction === "sum" ? total : weight === 0 ? 0 : total / weight;
    return { loss, weight, logSumExp, softmax };
  }
  for (let n = 0; n < N; n++) {
    const w = weights === null ? 1 : weights[n]!;
    if (w === 0) continue;
    const o = n * V;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < V; i++) if (logits[o + i]! > max) max = logits[o + i]!;
    let sum = 0;
    if (softmax === null) {
      for (let i = 0; i < V; i++) sum += Math.exp(logits[o + i]! - max);
    } else {
      for (let i = 0; i < V; i++) {
        const e = Math.exp(logits[o + i]! - max);
        softmax[o + i] = e;
        sum += e;
      }
      for (let i = 0; i < V; i++) softmax[o + i] = softmax[o + i]! / sum;
    }
    const lse = max + Math.log(sum);
    logSumExp[n] = lse;
    total += w * (lse - logits[o + targets[n]!]!);
    weight += w;
  }
  const loss = reduction === "sum" ? total : weight === 0 ? 0 : total / weight;
  return { loss, weight, logSumExp, softmax };
}

/** dLogits (N, V) = dLoss · w_n / norm · (softmax − onehot(target)); overwritten, zero on skipped rows. */
export function crossEntropyBackward(
  dLogits: Buf,
  logits: Buf,
  targets: Int32Array,
  weights: Buf | null,
  result: CrossEntropyResult,
  N: number,
  V: number,
  reduction: LossReduction = "mean",
  dLoss = 1,
): void {
  const norm = reduction === "sum" || result.weight === 0 ? 1 : result.weight;
  const p = result.softmax;
  const wasm = p === null ? null : wasmFor(2 * N * V, dLogits, p, ...(weights === null ? [] : [weights]));
  if (wasm !== null) {
    const g = Float32Array.from({ length: N }, (_, n) => {
      const w = weights === null ? 1 : weights[n]!;
      return w === 0 ? 0 : (dLoss * w) / norm;
    });
    wasm.crossEntropyBackward(dLogits as Float32Array, p as Float32Array, targets, g, N, V);
    return;
  }
  for (let n = 0; n < N; n++) {
    const o = n * V;
    const w = weights === null ? 1 : weights[n]!;
    if (w === 0) {
      dLogits.fill(0, o, o + V);
      continue;
    }
    const lse = result.logSumExp[n]!;
    const g = (dLoss * w) / norm;
    if (p !== null) for (let i = 0; i < V; i++) dLogits[o + i] = g * p[o + i]!;
    else for (let i = 0; i < V; i++) dLogits[o + i] = g * Math.exp(logits[o + i]! - lse);
    const t = o + targets[n]!;
    dLogits[t] = dLogits[t]! - g;
  }
}
