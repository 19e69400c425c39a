import type { LlamaModel } from "../model/llama.js";
import { isNormParam } from "../model/llama.js";

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** Optimizer state over the model's flat parameter buffer: first and second moments and the step count. */
export interface AdamWState {
  /** Updates applied so far (bias correction uses it). */
  step: number;
  m: Float32Array;
  v: Float32Array;
}

export function createAdamWState(model: LlamaModel): AdamWState {
  return { step: 0, m: new Float32Array(model.flat.length), v: new Float32Array(model.flat.length) };
}

/** [start, end) ranges of `flat` that get weight decay: everything but the norm weights (scale parameters). */
export function decayRanges(model: LlamaModel): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const p of model.params) {
    if (!isNormParam(p.name)) ranges.push([offset, offset + p.data.length]);
    offset += p.data.length;
  }
  return ranges;
}

/**
 * One AdamW update in PyTorch's order: decoupled weight decay p ← p·(1 − lr·wd) on decayed ranges, then
 * the bias-corrected Adam step p ← p − lr·m̂/(√v̂ + eps).
 */
export function adamWStep(
  params: Float32Array,
  grads: Float32Array,
  state: AdamWState,
  lr: number,
  o: AdamWOptions,
  decay: readonly [number, number][],
): void {
  state.step += 1;
  const { m, v } = state;
  if (o.weightDecay > 0) {
    const keep = 1 - lr * o.weightDecay;
    for (const [start, end] of decay) for (let i = start; i < end; i++) params[i] = params[i]! * keep;
  }
  const c1 = 1 - o.beta1 ** state.step;
  const c2 = 1 - o.beta2 ** state.step;
  const stepSize = lr / c1;
  const sqrtC2 = Math.sqrt(c2);
  for (let i = 0; i < params.length; i++) {
    const g = grads[i]!;
    const mi = o.beta1 * m[i]! + (1 - o.beta1) * g;
    const vi = o.beta2 * v[i]! + (1 - o.beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = params[i]! - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + o.eps);
  }
}
