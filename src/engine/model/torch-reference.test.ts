import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setKernelBackend } from "../kernels/backend.js";
import { backward } from "./backward.js";
import type { LlamaConfig } from "./config.js";
import { forward } from "./forward.js";
import { createGradients, llamaFromTensors } from "./llama.js";

/**
 * The engine against PyTorch (scripts/torch-reference.py: plain-torch Llama, float64 arithmetic on the
 * same float32 weights). The engine stores activations in float32 and accumulates in double, so each
 * stored value carries ≈6e-8 relative rounding; measured worst errors are 1.7e-7 (logits) and 6.3e-7
 * (gradients), relative to each tensor's largest entry. Tolerances of 5e-6 leave ~8× margin for other
 * CPUs' Math.exp, and any real mistake — a transposed weight, the wrong RoPE pairing, a missing mask —
 * fails by orders of magnitude.
 */
interface Case {
  name: string;
  config: LlamaConfig;
  B: number;
  T: number;
  tokens: number[];
  targets: number[];
  weights: number[];
  params: { name: string; shape: number[]; f32: string }[];
  logits: string;
  loss: number;
  grads: { name: string; f32: string }[];
}

const fixturePath = path.resolve(import.meta.dirname, "../../../test/fixtures/engine/torch-reference.json");
const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as { cases: Case[] };
const f32 = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

function maxRelError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst / Math.max(scale, 1e-12);
}

describe("engine matches PyTorch", () => {
  afterEach(() => setKernelBackend("auto"));
  // "js" is the plain-JS fallback; "auto" runs the WebAssembly SIMD kernels when they are built.
  for (const [c, backend] of fixture.cases.flatMap((c) =>
    (["js", "auto"] as const).map((b) => [c, b] as const),
  )) {
    it(`${c.name} (${backend} kernels): logits, masked loss and every parameter gradient`, () => {
      setKernelBackend(backend);
      const tensors = c.params.map((p) => ({ name: p.name, shape: p.shape, data: f32(p.f32) }));
      const model = llamaFromTensors(c.config, tensors, "torch-reference.json");
      const batch = {
        tokens: Int32Array.from(c.tokens),
        B: c.B,
        T: c.T,
        targets: Int32Array.from(c.targets),
        weights: Float32Array.from(c.weights),
      };
      const out = forward(model, batch);
      expect(maxRelError(out.logits, f32(c.logits))).toBeLessThan(5e-6);
      expect(Math.abs(out.loss! - c.loss) / c.loss).toBeLessThan(1e-6);
      const grads = createGradients(model);
      backward(model, out.state, grads);
      for (const g of c.grads) {
        const err = maxRelError(grads.tensor(g.name), f32(g.f32));
        expect(err, g.name).toBeLessThan(5e-6);
      }
    });
  }
});
