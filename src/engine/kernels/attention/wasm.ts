import type { KernelCore } from "../wasm-core.js";
import type { AttentionShape } from "./js.js";

type I = number;

/** Causal self-attention on the SIMD module (contracts as in js.ts). */
export interface AttentionKernels {
  attentionForward(
    out: Float32Array,
    probs: Float32Array,
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    s: AttentionShape,
  ): void;
  /** One token attending over n cached rows: k and v rows start at row `from` of the cache buffers. */
  attendCached(
    out: Float32Array,
    q: Float32Array,
    kc: Float32Array,
    vc: Float32Array,
    from: I,
    n: I,
    s: Pick<AttentionShape, "H" | "KV" | "D">,
  ): void;
  attentionBackward(
    dq: Float32Array,
    dk: Float32Array,
    dv: Float32Array,
    dOut: Float32Array,
    probs: Float32Array,
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    s: AttentionShape,
  ): void;
}

/** The shape as the kernels' size arguments (a fresh object: the split writes B per chunk, not this). */
const dims = (s: AttentionShape) => ({ B: s.B, T: s.T, H: s.H, KV: s.KV, D: s.D });

export function attentionKernels(core: KernelCore): AttentionKernels {
  const { layout, put, place, get, run, inPlace, call } = core;
  return {
    attentionForward(out, probs, q, k, v, s) {
      const [qw, kw] = [s.H * s.D, s.KV * s.D];
      const [nq, nk, np] = [s.B * s.T * qw, s.B * s.T * kw, s.B * s.H * s.T * s.T];
      // Scratch of T floats per sequence, so chunks of sequences never share it.
      const { at, heap } = layout([nq, np, nq, nk, nk, s.B * s.T]);
      const [outAt, pAt] = [place(at[0]!, out), place(at[1]!, probs)];
      const [qAt, kAt, vAt] = [put(heap, at[2]!, q, nq), put(heap, at[3]!, k, nk), put(heap, at[4]!, v, nk)];
      const scratch = at[5]!;
      const [sq, sk, sp, ss] = [s.T * qw * 4, s.T * kw * 4, s.H * s.T * s.T * 4, s.T * 4];
      const args = { out: outAt, probs: pAt, q: qAt, k: kAt, v: vAt, scores: scratch, ...dims(s) };
      run("attentionForward", args, {
        rows: "B",
        advance: { out: sq, probs: sp, q: sq, k: sk, v: sk, scores: ss },
        work: (np * s.D) / 2,
      });
      get(heap, outAt, out, nq);
      get(heap, pAt, probs, np);
    },
    attendCached(out, q, kc, vc, from, n, s) {
      const [qw, kw] = [s.H * s.D, s.KV * s.D];
      const [kIn, vIn] = [inPlace(kc, kc.length), inPlace(vc, vc.length)];
      const resident = kIn >= 0 && vIn >= 0;
      const { at, heap } = layout([qw, qw, resident ? 0 : n * kw, resident ? 0 : n * kw, n]);
      const [outAt, kCopy, vCopy, sAt] = [place(at[0]!, out), at[2]!, at[3]!, at[4]!];
      const qAt = put(heap, at[1]!, q, qw);
      let [kAt, vAt] = [kIn + from * kw * 4, vIn + from * kw * 4];
      if (!resident) {
        [kAt, vAt] = [kCopy, vCopy];
        heap.set(kc.subarray(from * kw, (from + n) * kw), kAt / 4);
        heap.set(vc.subarray(from * kw, (from + n) * kw), vAt / 4);
      }
      call("attendCached", { out: outAt, q: qAt, k: kAt, v: vAt, scores: sAt, n, H: s.H, KV: s.KV, D: s.D });
      get(heap, outAt, out, qw);
    },
    attentionBackward(dq, dk, dv, dOut, probs, q, k, v, s) {
      const [qw, kw] = [s.H * s.D, s.KV * s.D];
      const [nq, nk, np] = [s.B * s.T * qw, s.B * s.T * kw, s.B * s.H * s.T * s.T];
      // Scratch of T·T floats per sequence (the score gradients), so chunks of sequences never share it.
      const { at, heap } = layout([nq, nk, nk, nq, np, nq, nk, nk, s.B * s.T * s.T]);
      const [dqAt, dkAt, dvAt] = [place(at[0]!, dq), place(at[1]!, dk), place(at[2]!, dv)];
      const dOutAt = put(heap, at[3]!, dOut, nq);
      const pAt = put(heap, at[4]!, probs, np);
      const [qAt, kAt, vAt] = [put(heap, at[5]!, q, nq), put(heap, at[6]!, k, nk), put(heap, at[7]!, v, nk)];
      const scratch = at[8]!;
      const [sq, sk, sp, ss] = [s.T * qw * 4, s.T * kw * 4, s.H * s.T * s.T * 4, s.T * s.T * 4];
      const grads = { dq: dqAt, dk: dkAt, dv: dvAt, dOut: dOutAt };
      const args = { ...grads, probs: pAt, q: qAt, k: kAt, v: vAt, ds: scratch, ...dims(s) };
      run("attentionBackward", args, {
        rows: "B",
        advance: { dq: sq, dk: sk, dv: sk, dOut: sq, probs: sp, q: sq, k: sk, v: sk, ds: ss },
        work: np * s.D,
      });
      get(heap, dqAt, dq, nq);
      get(heap, dkAt, dk, nk);
      get(heap, dvAt, dv, nk);
    },
  };
}
