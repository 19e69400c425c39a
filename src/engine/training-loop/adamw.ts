import { BreakfixError } from "../../core/index.js";
import { kernelFloats, wasmFor } from "../kernels/backend.js";
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

/**
 * Fresh optimizer state for `model`, or a copy of a saved one to resume from: either way its moments live
 * in the SIMD kernels' memory when those run, so the update runs there (see adamWStep).
 */
export function createAdamWState(model: LlamaModel, resume?: AdamWState): AdamWState {
  const [m, v] = [kernelFloats(model.flat.length), kernelFloats(model.flat.length)];
  if (resume === undefined) return { step: 0, m, v };
  if (resume.m.length !== m.length || resume.v.length !== v.length) {
    throw new BreakfixError("DATA_INVALID", "train: optimizer state does not match the model's size", {
      fix: "resume from a checkpoint saved for this model config",
    });
  }
  m.set(resume.m);
  v.set(resume.v);
  return { step: resume.step, m, v };
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
  const keep = o.weightDecay > 0 ? 1 - lr * o.weightDecay : 1;
  const c1 = 1 - o.beta1 ** state.step;
  const c2 = 1 - o.beta2 ** state.step;
  const k: AdamConstants = [o.beta1, o.beta2, o.eps, lr / c1, Math.sqrt(c2)];
  // One pass: a decayed parameter is rounded to float32 after p·(1 − lr·wd), exactly as if the decay had
  // been stored in a pass of its own, then gets the Adam step (p·1 is p itself on the other ranges).
  const ranges = o.weightDecay > 0 ? [...decay].sort((x, y) => x[0] - y[0]) : [];
  // On the SIMD kernels when every buffer is in their memory (the trainers keep them there), else in JS.
  const wasm = wasmFor(0, params, grads, state.m, state.v);
  const update = (start: number, end: number, keep: number) => {
    if (start === end || wasm?.adamw(params, grads, state.m, state.v, start, end, [...k, keep])) return;
    adamRange(params, grads, state, start, end, keep, k);
  };
  let at = 0;
  for (const [start, end] of ranges) {
    update(at, start, 1);
    update(start, end, keep);
    at = end;
  }
  update(at, params.length, 1);
}

type AdamConstants = [beta1: number, beta2: number, eps: number, stepSize: number, sqrtC2: number];

function adamRange(
  params: Float32Array,
  grads: Float32Array,
  state: AdamWState,
  start: number,
  end: number,
  keep: number,
  [beta1, beta2, eps, stepSize, sqrtC2]: AdamConstants,
): void {
  const { m, v } = state;
  for (let i = start; i < end; i++) {
    const p = Math.fround(params[i]! * keep);
    const g = grads[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * g;
    const vi = beta2 * v[i]! + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = p - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + eps);
  }
}
