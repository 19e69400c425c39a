import { wasmFor } from "./backend.js";
import type { Buf } from "./buffer.js";

const f32 = (b: Buf) => b as Float32Array;

/**
 * out = silu(gate) · up elementwise; the SwiGLU MLP is down(out). All buffers (N, F). When `sigmoid` is
 * given it receives σ(gate), so the backward pass needs no second exp.
 */
export function swigluForward(out: Buf, gate: Buf, up: Buf, size: number, sigmoid?: Buf): void {
  const wasm = wasmFor(4 * size, out, gate, up, ...(sigmoid === undefined ? [] : [sigmoid]));
  if (wasm !== null) {
    wasm.swigluForward(f32(out), f32(gate), f32(up), size, sigmoid === undefined ? null : f32(sigmoid));
    return;
  }
  for (let i = 0; i < size; i++) {
    const g = gate[i]!;
    const s = 1 / (1 + Math.exp(-g));
    if (sigmoid !== undefined) sigmoid[i] = s;
    out[i] = g * s * up[i]!;
  }
}

/**
 * dGate = dOut · up · silu'(gate), dUp = dOut · silu(gate), with silu'(g) = σ(g)(1 + g(1 − σ(g))). σ is
 * read from `sigmoid` (saved by the forward pass) when given, else recomputed.
 */
export function swigluBackward(
  dGate: Buf,
  dUp: Buf,
  dOut: Buf,
  gate: Buf,
  up: Buf,
  size: number,
  sigmoid?: Buf,
): void {
  const wasm = sigmoid === undefined ? null : wasmFor(6 * size, dGate, dUp, dOut, gate, up, sigmoid);
  if (wasm !== null) {
    wasm.swigluBackward(f32(dGate), f32(dUp), f32(dOut), f32(gate), f32(up), f32(sigmoid!), size);
    return;
  }
  for (let i = 0; i < size; i++) {
    const g = gate[i]!;
    const s = sigmoid !== undefined ? sigmoid[i]! : 1 / (1 + Math.exp(-g));
    const d = dOut[i]!;
    dGate[i] = d * up[i]! * s * (1 + g * (1 - s));
    dUp[i] = d * g * s;
  }
}
