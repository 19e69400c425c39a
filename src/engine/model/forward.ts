import { BreakfixError } from "../../core/index.js";
import { attentionForward } from "../kernels/attention/index.js";
import { withResidentWeights } from "../kernels/backend.js";
import {
  type CrossEntropyResult,
  crossEntropyForward,
  type LossReduction,
} from "../kernels/cross-entropy.js";
import { embeddingForward } from "../kernels/embedding.js";
import { matmulNT } from "../kernels/matmul.js";
import { rmsnormForward } from "../kernels/rmsnorm.js";
import { ropeApply, trainingPositions } from "../kernels/rope.js";
import { swigluForward } from "../kernels/swiglu.js";
import { type Activations, createActivations } from "./activations.js";
import { headDim, paramNames } from "./config.js";
import type { LlamaModel } from "./llama.js";

/**
 * A batch of B sequences of T tokens, row-major (B, T). With `targets` (B, T) the forward pass also
 * computes the loss; `weights` (B, T) is the loss mask (0 = not trained on, e.g. prompt tokens).
 */
export interface Batch {
  tokens: Int32Array;
  B: number;
  T: number;
  targets?: Int32Array;
  weights?: Float32Array | null;
  reduction?: LossReduction;
}

export interface ForwardResult {
  /** (B, T, V) */
  logits: Float32Array;
  /** The loss when targets were given, else null. */
  loss: number | null;
  /** Everything backward() needs. */
  state: ForwardState;
}

export interface ForwardState {
  batch: Batch;
  acts: Activations;
  /** acts.version when this state was made: backward() refuses a state whose buffers were reused since. */
  version: number;
  positions: Int32Array;
  ce: CrossEntropyResult | null;
}

function checkBatch(model: LlamaModel, b: Batch): void {
  const { vocabSize, contextLength } = model.config;
  const bad = (message: string): never => {
    throw new BreakfixError("DATA_INVALID", `model input: ${message}`, {
      fix: "encode text with the model's tokenizer and keep sequences within contextLength",
    });
  };
  if (b.T > contextLength) bad(`sequence length ${b.T} exceeds contextLength ${contextLength}`);
  if (b.tokens.length !== b.B * b.T)
    bad(`tokens has ${b.tokens.length} entries, expected B·T = ${b.B * b.T}`);
  for (const t of b.tokens) if (t < 0 || t >= vocabSize) bad(`token id ${t} outside the vocabulary`);
  if (b.targets !== undefined) {
    if (b.targets.length !== b.B * b.T) bad(`targets has ${b.targets.length} entries, expected ${b.B * b.T}`);
    b.targets.forEach((t, i) => {
      const masked = b.weights != null && b.weights[i] === 0;
      if (!masked && (t < 0 || t >= vocabSize)) bad(`target id ${t} at ${i} outside the vocabulary`);
    });
    if (b.weights != null && b.weights.length !== b.B * b.T) bad("weights must have B·T entries");
  }
}

/** Reuses activation buffers between steps of the same batch shape (they are large). */
const cache = new WeakMap<LlamaModel, Activations>();

/**
 * The full forward pass over a batch: logits for every position, and the loss when targets are given.
 * The returned buffers are reused by the next forward() on the same model (with the same B and T): copy
 * what must outlive it, and run backward() before the next forward(). To score and train on several
 * sequences together (e.g. DPO's chosen and rejected), put them in one batch.
 */
export function forward(model: LlamaModel, batch: Batch): ForwardResult {
  checkBatch(model, batch);
  return withResidentWeights(model.flat, () => run(model, batch));
}

function run(model: LlamaModel, batch: Batch): ForwardResult {
  const c = model.config;
  const { B, T } = batch;
  const N = B * T;
  const d = c.dModel;
  const hd = headDim(c);
  let acts = cache.get(model);
  if (acts === undefined || acts.B !== B || acts.T !== T) {
    acts = createActivations(c, B, T);
    cache.set(model, acts);
  }
  const positions = trainingPositions(B, T);
  acts.version += 1;
  const first = acts.layers[0];
  embeddingForward(first ? first.xIn : acts.xOut, model.tensor(paramNames.embed), batch.tokens, d);
  for (let l = 0; l < c.nLayers; l++) {
    const a = acts.layers[l]!;
    const w = paramNames.layer(l);
    // (N, d) → attention → residual
    rmsnormForward(a.h1, a.rstd1, a.xIn, model.tensor(w.attnNorm), N, d, c.normEps);
    matmulNT(a.q, a.h1, model.tensor(w.q), N, c.nHeads * hd, d);
    matmulNT(a.k, a.h1, model.tensor(w.k), N, c.nKvHeads * hd, d);
    matmulNT(a.v, a.h1, model.tensor(w.v), N, c.nKvHeads * hd, d);
    ropeApply(a.q, positions, c.nHeads, model.rope);
    ropeApply(a.k, positions, c.nKvHeads, model.rope);
    attentionForward(a.att, a.probs, a.q, a.k, a.v, { B, T, H: c.nHeads, KV: c.nKvHeads, D: hd });
    matmulNT(a.xMid, a.att, model.tensor(w.o), N, d, c.nHeads * hd);
    for (let i = 0; i < N * d; i++) a.xMid[i] = a.xMid[i]! + a.xIn[i]!;
    // (N, d) → SwiGLU MLP → residual, written straight into the next layer's input
    rmsnormForward(a.h2, a.rstd2, a.xMid, model.tensor(w.mlpNorm), N, d, c.normEps);
    matmulNT(a.gate, a.h2, model.tensor(w.gate), N, c.ffnDim, d);
    matmulNT(a.up, a.h2, model.tensor(w.up), N, c.ffnDim, d);
    swigluForward(a.act, a.gate, a.up, N * c.ffnDim, a.sig);
    const next = acts.layers[l + 1]?.xIn ?? acts.xOut;
    matmulNT(next, a.act, model.tensor(w.down), N, d, c.ffnDim);
    for (let i = 0; i < N * d; i++) next[i] = next[i]! + a.xMid[i]!;
  }
  rmsnormForward(acts.hF, acts.rstdF, acts.xOut, model.tensor(paramNames.finalNorm), N, d, c.normEps);
  const head = model.tensor(c.tiedEmbeddings ? paramNames.embed : paramNames.lmHead);
  matmulNT(acts.logits, acts.hF, head, N, c.vocabSize, d);
  let ce: CrossEntropyResult | null = null;
  if (batch.targets !== undefined) {
    const weights = batch.weights ?? null;
    const reduction = batch.reduction ?? "mean";
    ce = crossEntropyForward(acts.logits, batch.targets, weights, N, c.vocabSize, reduction, acts.probs);
  }
  return {
    logits: acts.logits,
    loss: ce?.loss ?? null,
    state: { batch, acts, version: acts.version, positions, ce },
  };
}
