import { readFileSync } from "node:fs";
import path from "node:path";
import type { AttentionShape } from "./attention-js.js";

/**
 * The WebAssembly SIMD kernels built from assembly/engine-kernels.ts by `npm run build:wasm`. Operands
 * are copied into the module's memory and results copied back: linear-size copies against the kernels'
 * superlinear arithmetic, a few percent at the engine's sizes.
 */
type I = number;
type MatmulFn = (out: I, a: I, b: I, M: I, N: I, K: I, acc: I) => void;

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  matmulNT: MatmulFn;
  matmulNN: MatmulFn;
  matmulTN: MatmulFn;
  attentionForward(out: I, probs: I, q: I, k: I, v: I, scratch: I, B: I, T: I, H: I, KV: I, D: I): void;
  attentionBackward(dq: I, dk: I, dv: I, dOut: I, probs: I, q: I, k: I, v: I, scratch: I, ...s: I[]): void;
}

export type MatmulKind = "NT" | "NN" | "TN";

export interface WasmKernels {
  /**
   * Copies `weights` into the module's memory once; until unpin(), operands that are views into it are
   * read from that copy instead of being copied per call. The weights must not change while pinned.
   */
  pin(weights: Float32Array): void;
  unpin(): void;
  pinned(): Float32Array | null;
  matmul(
    kind: MatmulKind,
    out: Float32Array,
    a: Float32Array,
    b: Float32Array,
    M: I,
    N: I,
    K: I,
    acc: boolean,
  ): void;
  attentionForward(
    out: Float32Array,
    probs: Float32Array,
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    s: AttentionShape,
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

/** Where the build puts the module: dist/wasm/, found from src/ (tsx, tests) and from dist/ alike. */
export const wasmKernelsPath = path.resolve(import.meta.dirname, "../../../dist/wasm/engine-kernels.wasm");

// The project's lib settings (ES2023, no DOM) do not declare WebAssembly; this is the part used here.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// The first 64 KiB are left to the module (it keeps no data there today, but its layout is its own).
const BASE = 65536;

function instantiate(bytes: Uint8Array): WasmKernels {
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), {
    env: {
      abort: () => {
        throw new Error("engine wasm kernel aborted");
      },
    },
  });
  const x = instance.exports as unknown as Exports;
  const matmuls = { NT: x.matmulNT, NN: x.matmulNN, TN: x.matmulTN };

  let pinned: Float32Array | null = null;
  let arenaStart = BASE;
  const grow = (end: number) => {
    const have = x.memory.buffer.byteLength;
    if (end > have) x.memory.grow(Math.ceil((end - have) / 65536));
  };
  /** Byte offset of `src` inside the pinned copy, or -1 when it is not a view into the pinned weights. */
  const pinnedAt = (src: Float32Array, n: number): number => {
    if (pinned === null || src.buffer !== pinned.buffer) return -1;
    const rel = src.byteOffset - pinned.byteOffset;
    return rel >= 0 && rel + n * 4 <= pinned.byteLength ? BASE + rel : -1;
  };

  /** Lays the given float counts out one after another (16-byte aligned) and returns their byte offsets. */
  const layout = (sizes: number[]): { at: number[]; heap: Float32Array } => {
    const at: number[] = [];
    let end = arenaStart;
    for (const n of sizes) {
      at.push(end);
      end += Math.ceil((n * 4) / 16) * 16;
    }
    grow(end);
    return { at, heap: new Float32Array(x.memory.buffer) };
  };
  const put = (heap: Float32Array, at: number, src: Float32Array, n: number) =>
    heap.set(src.subarray(0, n), at / 4);
  const get = (heap: Float32Array, at: number, dst: Float32Array, n: number) =>
    dst.set(heap.subarray(at / 4, at / 4 + n));

  return {
    pin(weights) {
      grow(BASE + weights.byteLength);
      new Float32Array(x.memory.buffer).set(weights, BASE / 4);
      pinned = weights;
      arenaStart = BASE + Math.ceil(weights.byteLength / 16) * 16;
    },
    unpin() {
      pinned = null;
      arenaStart = BASE;
    },
    pinned: () => pinned,
    matmul(kind, out, a, b, M, N, K, acc) {
      // Weights are the b operand in the forward (NT) and input-gradient (NN) products.
      const resident = pinnedAt(b, N * K);
      const { at, heap } = layout([M * K, resident >= 0 ? 0 : N * K, M * N]);
      const [aAt, copyAt, outAt] = at as [number, number, number];
      put(heap, aAt, a, M * K);
      const bAt = resident >= 0 ? resident : copyAt;
      if (resident < 0) put(heap, bAt, b, N * K);
      if (acc) put(heap, outAt, out, M * N);
      matmuls[kind](outAt, aAt, bAt, M, N, K, acc ? 1 : 0);
      get(heap, outAt, out, M * N);
    },
    attentionForward(out, probs, q, k, v, s) {
      const nq = s.B * s.T * s.H * s.D;
      const nk = s.B * s.T * s.KV * s.D;
      const np = s.B * s.H * s.T * s.T;
      const { at, heap } = layout([nq, np, nq, nk, nk, s.T]);
      const [outAt, pAt, qAt, kAt, vAt, scratch] = at as [number, number, number, number, number, number];
      put(heap, qAt, q, nq);
      put(heap, kAt, k, nk);
      put(heap, vAt, v, nk);
      x.attentionForward(outAt, pAt, qAt, kAt, vAt, scratch, s.B, s.T, s.H, s.KV, s.D);
      get(heap, outAt, out, nq);
      get(heap, pAt, probs, np);
    },
    attentionBackward(dq, dk, dv, dOut, probs, q, k, v, s) {
      const nq = s.B * s.T * s.H * s.D;
      const nk = s.B * s.T * s.KV * s.D;
      const np = s.B * s.H * s.T * s.T;
      const { at, heap } = layout([nq, nk, nk, nq, np, nq, nk, nk, s.T]);
      const [dqAt, dkAt, dvAt, dOutAt, pAt, qAt, kAt, vAt, scratch] = at as number[] as [
        I,
        I,
        I,
        I,
        I,
        I,
        I,
        I,
        I,
      ];
      put(heap, dOutAt, dOut, nq);
      put(heap, pAt, probs, np);
      put(heap, qAt, q, nq);
      put(heap, kAt, k, nk);
      put(heap, vAt, v, nk);
      x.attentionBackward(dqAt, dkAt, dvAt, dOutAt, pAt, qAt, kAt, vAt, scratch, s.B, s.T, s.H, s.KV, s.D);
      get(heap, dqAt, dq, nq);
      get(heap, dkAt, dk, nk);
      get(heap, dvAt, dv, nk);
    },
  };
}

let loaded: WasmKernels | null | undefined;

/** The SIMD kernels, or null when the module has not been built (the JS kernels are used instead). */
export function loadWasmKernels(): WasmKernels | null {
  if (loaded === undefined) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(wasmKernelsPath);
    } catch {
      bytes = null;
    }
    loaded = bytes === null ? null : instantiate(bytes);
  }
  return loaded;
}
