import type { Buf } from "./buffer.js";

/** out = silu(gate) · up elementwise; the SwiGLU MLP is down(out). All buffers (N, F). */
export function swigluForward(out: Buf, gate: Buf, up: Buf, size: number): void {
  for (let i = 0; i < size; i++) {
    const g = gate[i]!;
    out[i] = (g / (1 + Math.exp(-g))) * up[i]!;
  }
}

/** dGate = dOut · up · silu'(gate), dUp = dOut · silu(gate), with silu'(g) = σ(g)(1 + g(1 − σ(g))). */
export function swigluBackward(dGate: Buf, dUp: Buf, dOut: Buf, gate: Buf, up: Buf, size: number): void {
  for (let i = 0; i < size; i++) {
    const g = gate[i]!;
    const s = 1 / (1 + Math.exp(-g));
    const d = dOut[i]!;
    dGate[i] = d * up[i]! * s * (1 + g * (1 - s));
    dUp[i] = d * g * s;
  }
}
