import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.js";
import { attentionBackward, attentionForward } from "./attention/index.js";
import { crossEntropyBackward, crossEntropyForward } from "./cross-entropy.js";
import { embeddingBackward, embeddingForward } from "./embedding.js";
import { matmulNN, matmulNT, matmulTN } from "./matmul.js";
import { rmsnormBackward, rmsnormForward } from "./rmsnorm.js";
import { ropeApply, ropeTables, trainingPositions } from "./rope.js";
import { swigluBackward, swigluForward } from "./swiglu.js";

/**
 * Finite-difference gradient checks in float64. Each kernel's output is reduced to a scalar
 * L = Σ r·out with fixed random r, so the backward pass runs with dOut = r. Central differences with
 * h = 1e-6 have truncation error O(h²·f''') ≈ 1e-12 and rounding error ≈ 1e-16/h = 1e-10, so an analytic
 * gradient that is right agrees to ~1e-9; the 1e-6 relative tolerance leaves margin yet catches any wrong
 * term (those show up at the 1e-2 level or worse).
 */
const H = 1e-6;
const TOL = 1e-6;

const rand = (rng: Rng, n: number, scale = 1): Float64Array => {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
};
const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

function expectGradient(input: Float64Array, analytic: Float64Array, loss: () => number): void {
  let worst = 0;
  for (let i = 0; i < input.length; i++) {
    const keep = input[i]!;
    input[i] = keep + H;
    const up = loss();
    input[i] = keep - H;
    const down = loss();
    input[i] = keep;
    const numeric = (up - down) / (2 * H);
    worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1, Math.abs(numeric)));
  }
  expect(worst).toBeLessThan(TOL);
}

describe("kernel gradients (finite differences, float64)", () => {
  const rng = createRng(7);

  it("matmulNT/NN/TN: y = x·Wᵀ gives dx = dy·W and dW = dyᵀ·x", () => {
    const [M, N, K] = [3, 5, 7];
    const x = rand(rng, M * K);
    const w = rand(rng, N * K);
    const r = rand(rng, M * N);
    const y = new Float64Array(M * N);
    const loss = () => {
      matmulNT(y, x, w, M, N, K);
      return dot(y, r);
    };
    const dx = new Float64Array(M * K);
    const dw = new Float64Array(N * K).fill(0.5);
    matmulNN(dx, r, w, M, K, N);
    matmulTN(dw, r, x, N, K, M, true);
    for (let i = 0; i < dw.length; i++) dw[i] = dw[i]! - 0.5; // accumulate added onto 0.5
    expectGradient(x, dx, loss);
    expectGradient(w, dw, loss);
  });

  it("matmulNT accumulate adds into the output", () => {
    const out = new Float64Array([1, 2]);
    matmulNT(out, new Float64Array([1, 2]), new Float64Array([3, 4, 5, 6]), 1, 2, 2, true);
    expect([...out]).toEqual([12, 19]);
  });

  it("embedding scatters gradients onto repeated ids", () => {
    const [V, C] = [5, 3];
    const ids = new Int32Array([1, 3, 1, 0]);
    const table = rand(rng, V * C);
    const r = rand(rng, ids.length * C);
    const out = new Float64Array(ids.length * C);
    const dTable = new Float64Array(V * C);
    embeddingBackward(dTable, r, ids, C);
    expectGradient(table, dTable, () => {
      embeddingForward(out, table, ids, C);
      return dot(out, r);
    });
  });

  it("rmsnorm", () => {
    const [N, C] = [4, 6];
    const x = rand(rng, N * C);
    const w = rand(rng, C);
    const r = rand(rng, N * C);
    const out = new Float64Array(N * C);
    const rstd = new Float64Array(N);
    const loss = () => {
      rmsnormForward(out, rstd, x, w, N, C, 1e-5);
      return dot(out, r);
    };
    loss();
    const dx = new Float64Array(N * C);
    const dw = new Float64Array(C);
    rmsnormBackward(dx, dw, r, x, w, rstd, N, C);
    expectGradient(x, dx, loss);
    expectGradient(w, dw, loss);
  });

  it("rope: the inverse rotation is the backward pass and preserves norms", () => {
    const [B, T, nH, D] = [2, 5, 3, 8];
    const tables = ropeTables(T, D, 10000);
    const pos = trainingPositions(B, T);
    const x = rand(rng, B * T * nH * D);
    const r = rand(rng, x.length);
    const grad = r.slice();
    ropeApply(grad, pos, nH, tables, true);
    const y = new Float64Array(x.length);
    expectGradient(x, grad, () => {
      y.set(x);
      ropeApply(y, pos, nH, tables);
      return dot(y, r);
    });
    y.set(x);
    ropeApply(y, pos, nH, tables);
    expect(dot(y, y)).toBeCloseTo(dot(x, x), 9);
    // Position 0 is the identity; position 1 rotates element 0 with element D/2 by angle 1 rad.
    expect(y[0]).toBeCloseTo(x[0]!, 12);
    const o = nH * D;
    expect(y[o]).toBeCloseTo(x[o]! * Math.cos(1) - x[o + D / 2]! * Math.sin(1), 12);
  });

  it("swiglu", () => {
    const n = 17;
    const gate = rand(rng, n, 2);
    const up = rand(rng, n);
    const r = rand(rng, n);
    const out = new Float64Array(n);
    const loss = () => {
      swigluForward(out, gate, up, n);
      return dot(out, r);
    };
    const dGate = new Float64Array(n);
    const dUp = new Float64Array(n);
    swigluBackward(dGate, dUp, r, gate, up, n);
    expectGradient(gate, dGate, loss);
    expectGradient(up, dUp, loss);
    // With σ saved by the forward pass the backward pass gives the same gradients.
    const sigmoid = new Float64Array(n);
    swigluForward(out, gate, up, n, sigmoid);
    const [dGate2, dUp2] = [new Float64Array(n), new Float64Array(n)];
    swigluBackward(dGate2, dUp2, r, gate, up, n, sigmoid);
    expect(dGate2).toEqual(dGate);
    expect(dUp2).toEqual(dUp);
  });

  for (const [H_, KV] of [
    [4, 4],
    [4, 2],
    [3, 1],
  ] as const) {
    it(`causal attention with ${H_} query heads and ${KV} key/value heads`, () => {
      const shape = { B: 2, T: 4, H: H_, KV, D: 3 };
      const q = rand(rng, shape.B * shape.T * H_ * shape.D);
      const k = rand(rng, shape.B * shape.T * KV * shape.D);
      const v = rand(rng, k.length);
      const r = rand(rng, q.length);
      const out = new Float64Array(q.length);
      const probs = new Float64Array(shape.B * H_ * shape.T * shape.T);
      const loss = () => {
        attentionForward(out, probs, q, k, v, shape);
        return dot(out, r);
      };
      loss();
      const dq = new Float64Array(q.length);
      const dk = new Float64Array(k.length).fill(9); // overwritten, not added to
      const dv = new Float64Array(v.length).fill(9);
      attentionBackward(dq, dk, dv, r, probs, q, k, v, shape);
      expectGradient(q, dq, loss);
      expectGradient(k, dk, loss);
      expectGradient(v, dv, loss);
      // Causality: the first position of each sequence only sees itself, so its output is v_0's head.
      const group = H_ / KV;
      for (let h = 0; h < H_; h++) {
        const kh = Math.floor(h / group) * shape.D;
        expect(out[h * shape.D]).toBeCloseTo(v[kh]!, 12);
      }
    });
  }

  for (const reduction of ["mean", "sum"] as const) {
    it(`cross-entropy with a loss mask (${reduction})`, () => {
      const [N, V] = [5, 7];
      const logits = rand(rng, N * V, 3);
      const targets = new Int32Array([0, 6, 3, 3, 1]);
      const mask = new Float64Array([1, 0, 1, 1, 0]);
      const loss = () => crossEntropyForward(logits, targets, mask, N, V, reduction).loss;
      const res = crossEntropyForward(logits, targets, mask, N, V, reduction);
      const d = new Float64Array(N * V).fill(9);
      crossEntropyBackward(d, logits, targets, mask, res, N, V, reduction);
      expectGradient(logits, d, loss);
      expect(res.weight).toBe(3);
      // With the softmax kept by the forward pass, the same loss and gradient.
      const kept = crossEntropyForward(logits, targets, mask, N, V, reduction, new Float64Array(N * V));
      expect(kept.loss).toBe(res.loss);
      const d2 = new Float64Array(N * V);
      crossEntropyBackward(d2, logits, targets, mask, kept, N, V, reduction);
      for (let i = 0; i < d.length; i++) expect(d2[i]).toBeCloseTo(d[i]!, 12);
      // Masked rows contribute nothing: changing them leaves the loss alone.
      logits[1 * V + 2] = logits[1 * V + 2]! + 5;
      expect(loss()).toBe(res.loss);
      // The mean is over unmasked tokens only.
      const sum = crossEntropyForward(logits, targets, mask, N, V, "sum").loss;
      expect(crossEntropyForward(logits, targets, mask, N, V, "mean").loss).toBeCloseTo(sum / 3, 12);
    });
  }

  it("cross-entropy of uniform logits is log V", () => {
    const V = 11;
    const res = crossEntropyForward(new Float64Array(2 * V), new Int32Array([3, 4]), null, 2, V);
    expect(res.loss).toBeCloseTo(Math.log(V), 12);
  });
});
