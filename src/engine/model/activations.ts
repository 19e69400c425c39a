import { kernelFloats } from "../kernels/backend.js";
import { headDim, type LlamaConfig } from "./config.js";

/** What one layer's forward pass keeps for its backward pass. Widths per row; N = B·T rows. */
export interface LayerActivations {
  /** Residual stream entering the layer (N, d). */
  xIn: Float32Array;
  rstd1: Float32Array; // (N)
  h1: Float32Array; // (N, d) attention-norm output
  q: Float32Array; // (N, H·hd) after RoPE
  k: Float32Array; // (N, KV·hd) after RoPE
  v: Float32Array; // (N, KV·hd)
  probs: Float32Array; // (B, H, T, T)
  att: Float32Array; // (N, H·hd)
  xMid: Float32Array; // (N, d) residual after attention
  rstd2: Float32Array; // (N)
  h2: Float32Array; // (N, d)
  gate: Float32Array; // (N, ffn)
  up: Float32Array; // (N, ffn)
  act: Float32Array; // (N, ffn) silu(gate)·up
  sig: Float32Array; // (N, ffn) σ(gate)
}

export interface Activations {
  B: number;
  T: number;
  /** Bumped by every forward() that writes these buffers, so a stale ForwardState can be detected. */
  version: number;
  layers: LayerActivations[];
  /** Residual stream after the last layer (N, d). */
  xOut: Float32Array;
  rstdF: Float32Array; // (N)
  hF: Float32Array; // (N, d)
  logits: Float32Array; // (N, V)
  /** softmax(logits) (N, V) when the forward pass computed a loss: the backward pass reuses it. */
  probs: Float32Array;
}

/** Scratch space for the backward pass, sized once per batch shape. */
export interface BackwardScratch {
  dx: Float32Array; // (N, d) gradient of the residual stream
  dh: Float32Array; // (N, d)
  dq: Float32Array;
  dk: Float32Array;
  dv: Float32Array;
  dAtt: Float32Array;
  dAct: Float32Array;
  dGate: Float32Array;
  dUp: Float32Array;
  dLogits: Float32Array; // (N, V)
}

export function createActivations(c: LlamaConfig, B: number, T: number): Activations {
  const N = B * T;
  const hd = headDim(c);
  const f = kernelFloats;
  const layers: LayerActivations[] = [];
  for (let i = 0; i < c.nLayers; i++) {
    layers.push({
      xIn: f(N * c.dModel),
      rstd1: f(N),
      h1: f(N * c.dModel),
      q: f(N * c.nHeads * hd),
      k: f(N * c.nKvHeads * hd),
      v: f(N * c.nKvHeads * hd),
      probs: f(B * c.nHeads * T * T),
      att: f(N * c.nHeads * hd),
      xMid: f(N * c.dModel),
      rstd2: f(N),
      h2: f(N * c.dModel),
      gate: f(N * c.ffnDim),
      up: f(N * c.ffnDim),
      act: f(N * c.ffnDim),
      sig: f(N * c.ffnDim),
    });
  }
  return {
    B,
    T,
    version: 0,
    layers,
    xOut: f(N * c.dModel),
    rstdF: f(N),
    hF: f(N * c.dModel),
    logits: f(N * c.vocabSize),
    probs: f(N * c.vocabSize),
  };
}

export function createBackwardScratch(c: LlamaConfig, N: number): BackwardScratch {
  const hd = headDim(c);
  const f = kernelFloats;
  return {
    dx: f(N * c.dModel),
    dh: f(N * c.dModel),
    dq: f(N * c.nHeads * hd),
    dk: f(N * c.nKvHeads * hd),
    dv: f(N * c.nKvHeads * hd),
    dAtt: f(N * c.nHeads * hd),
    dAct: f(N * c.ffnDim),
    dGate: f(N * c.ffnDim),
    dUp: f(N * c.ffnDim),
    dLogits: f(N * c.vocabSize),
  };
}
