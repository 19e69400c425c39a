import { BreakfixError } from "../../core/index.js";
import { attentionBackward } from "../kernels/attention/index.js";
import { withResidentWeights } from "../kernels/backend.js";
import { crossEntropyBackward } from "../kernels/cross-entropy.js";
import { embeddingBackward } from "../kernels/embedding.js";
import { matmulNN, matmulTN } from "../kernels/matmul.js";
import { rmsnormBackward } from "../kernels/rmsnorm.js";
import { ropeApply } from "../kernels/rope.js";
import { swigluBackward } from "../kernels/swiglu.js";
import { type BackwardScratch, createBackwardScratch } from "./activations.js";
import { headDim, paramNames } from "./config.js";
import type { ForwardState } from "./forward.js";
import type { Gradients, LlamaModel } from "./llama.js";

const scratchCache = new WeakMap<LlamaModel, BackwardScratch>();

/**
 * Backpropagates the loss of the last forward() (which must have had targets) and ADDS the parameter
 * gradients, times dLoss, into `grads`, so micro-batches accumulate. Zero `grads.flat` to start afresh.
 */
export function backward(
  model: LlamaModel,
  state: ForwardState,
  grads: Gradients,
  dLoss = 1,
  loss?: LossOverride,
): void {
  if (state.ce === null || state.batch.targets === undefined) {
    throw new BreakfixError("INTERNAL", "backward() needs a forward() that was given targets");
  }
  if (state.version !== state.acts.version) {
    throw new BreakfixError("INTERNAL", "backward() needs the latest forward() of this model", {
      fix: "run backward() before the next forward(), or put the sequences in one batch",
    });
  }
  if (loss !== undefined) {
    loss.weights.forEach((w, i) => {
      if (w !== 0 && Number.isNaN(state.ce!.logSumExp[i]!)) {
        throw new BreakfixError(
          "INTERNAL",
          `loss weight at row ${i} falls on a row the forward pass masked out`,
        );
      }
    });
  }
  withResidentWeights(model.flat, () => run(model, state, grads, dLoss, loss));
}

/**
 * Backpropagates Σ weights·(−log p(target)) (reduction "sum") instead of the loss the forward pass was
 * given, for losses whose per-token weights depend on the forward's own outputs. DPO: forward with the
 * completion mask and reduction "sum", read each sequence's log-probability with tokenLogprobs(), then
 * backward with each completion token weighted by its sequence's coefficient.
 */
export interface LossOverride {
  weights: Float32Array;
}

function run(
  model: LlamaModel,
  state: ForwardState,
  grads: Gradients,
  dLoss: number,
  loss?: LossOverride,
): void {
  const { batch, acts, positions } = state;
  const ce = state.ce!;
  const targets = batch.targets!;
  const c = model.config;
  const N = batch.B * batch.T;
  const d = c.dModel;
  const hd = headDim(c);
  const qw = c.nHeads * hd;
  const kw = c.nKvHeads * hd;
  let s = scratchCache.get(model);
  if (s === undefined || s.dx.length !== N * d) {
    s = createBackwardScratch(c, N);
    scratchCache.set(model, s);
  }
  const weights = loss?.weights ?? batch.weights ?? null;
  const reduction = loss !== undefined ? "sum" : (batch.reduction ?? "mean");
  crossEntropyBackward(s.dLogits, acts.logits, targets, weights, ce, N, c.vocabSize, reduction, dLoss);

  // logits (N, V) = hF (N, d) · headᵀ
  const headName = c.tiedEmbeddings ? paramNames.embed : paramNames.lmHead;
  matmulNN(s.dh, s.dLogits, model.tensor(headName), N, d, c.vocabSize);
  matmulTN(grads.tensor(headName), s.dLogits, acts.hF, c.vocabSize, d, N, true);
  const finalNorm = paramNames.finalNorm;
  rmsnormBackward(s.dx, grads.tensor(finalNorm), s.dh, acts.xOut, model.tensor(finalNorm), acts.rstdF, N, d);

  for (let l = c.nLayers - 1; l >= 0; l--) {
    const a = acts.layers[l]!;
    const w = paramNames.layer(l);
    // xOut = xMid + act · downᵀ; s.dx holds d(xOut).
    matmulNN(s.dAct, s.dx, model.tensor(w.down), N, c.ffnDim, d);
    matmulTN(grads.tensor(w.down), s.dx, a.act, d, c.ffnDim, N, true);
    swigluBackward(s.dGate, s.dUp, s.dAct, a.gate, a.up, N * c.ffnDim, a.sig);
    matmulNN(s.dh, s.dGate, model.tensor(w.gate), N, d, c.ffnDim);
    matmulNN(s.dh, s.dUp, model.tensor(w.up), N, d, c.ffnDim, true);
    matmulTN(grads.tensor(w.gate), s.dGate, a.h2, c.ffnDim, d, N, true);
    matmulTN(grads.tensor(w.up), s.dUp, a.h2, c.ffnDim, d, N, true);
    const mlpNorm = model.tensor(w.mlpNorm);
    rmsnormBackward(s.dx, grads.tensor(w.mlpNorm), s.dh, a.xMid, mlpNorm, a.rstd2, N, d, true);
    // xMid = xIn + att · oᵀ; s.dx now holds d(xMid).
    matmulNN(s.dAtt, s.dx, model.tensor(w.o), N, qw, d);
    matmulTN(grads.tensor(w.o), s.dx, a.att, d, qw, N, true);
    const shape = { B: batch.B, T: batch.T, H: c.nHeads, KV: c.nKvHeads, D: hd };
    attentionBackward(s.dq, s.dk, s.dv, s.dAtt, a.probs, a.q, a.k, a.v, shape);
    ropeApply(s.dq, positions, c.nHeads, model.rope, true);
    ropeApply(s.dk, positions, c.nKvHeads, model.rope, true);
    matmulNN(s.dh, s.dq, model.tensor(w.q), N, d, qw);
    matmulNN(s.dh, s.dk, model.tensor(w.k), N, d, kw, true);
    matmulNN(s.dh, s.dv, model.tensor(w.v), N, d, kw, true);
    matmulTN(grads.tensor(w.q), s.dq, a.h1, qw, d, N, true);
    matmulTN(grads.tensor(w.k), s.dk, a.h1, kw, d, N, true);
    matmulTN(grads.tensor(w.v), s.dv, a.h1, kw, d, N, true);
    const attnNorm = model.tensor(w.attnNorm);
    rmsnormBackward(s.dx, grads.tensor(w.attnNorm), s.dh, a.xIn, attnNorm, a.rstd1, N, d, true);
  }
  embeddingBackward(grads.tensor(paramNames.embed), s.dx, batch.tokens, d);
}

/** log p(target) per row (B·T) from a forward pass with targets; NaN on rows its loss mask skipped. */
export function tokenLogprobs(state: ForwardState): Float32Array {
  const { batch, acts, ce } = state;
  if (ce === null || batch.targets === undefined) {
    throw new BreakfixError("INTERNAL", "tokenLogprobs() needs a forward() that was given targets");
  }
  const V = acts.logits.length / (batch.B * batch.T);
  return Float32Array.from(ce.logSumExp, (lse, i) => acts.logits[i * V + batch.targets![i]!]! - lse);
}
