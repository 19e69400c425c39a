import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The WebAssembly SIMD matmul kernels built from assembly/engine-kernels.ts by `npm run build:wasm`.
 * Operands are copied into the module's memory and the result copied back: O(M·K + K·N + M·N) copies
 * against O(M·N·K) arithmetic, a few percent at the engine's sizes.
 */
type Kernel = (out: number, a: number, b: number, M: number, N: number, K: number, acc: number) => void;

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  matmulNT: Kernel;
  matmulNN: Kernel;
  matmulTN: Kernel;
}

export type MatmulKind = "NT" | "NN" | "TN";

export interface WasmMatmul {
  run(
    kind: MatmulKind,
    out: Float32Array,
    a: Float32Array,
    b: Float32Array,
    M: number,
    N: number,
    K: number,
    acc: boolean,
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
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

function instantiate(bytes: Uint8Array): WasmMatmul {
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), {
    env: {
      abort: () => {
        throw new Error("engine wasm kernel aborted");
      },
    },
  });
  const x = instance.exports as unknown as Exports;
  const kernels = { NT: x.matmulNT, NN: x.matmulNN, TN: x.matmulTN };
  return {
    run(kind, out, a, b, M, N, K, acc) {
      const aAt = BASE;
      const bAt = aAt + align(M * K * 4);
      const outAt = bAt + align(N * K * 4);
      const end = outAt + M * N * 4;
      const have = x.memory.buffer.byteLength;
      if (end > have) x.memory.grow(Math.ceil((end - have) / 65536));
      const heap = new Float32Array(x.memory.buffer);
      heap.set(a.subarray(0, M * K), aAt / 4);
      heap.set(b.subarray(0, N * K), bAt / 4);
      if (acc) heap.set(out.subarray(0, M * N), outAt / 4);
      kernels[kind](outAt, aAt, bAt, M, N, K, acc ? 1 : 0);
      out.set(heap.subarray(outAt / 4, outAt / 4 + M * N));
    },
  };
}

let loaded: WasmMatmul | null | undefined;

/** The SIMD kernels, or null when the module has not been built (the JS kernels are used instead). */
export function loadWasmMatmul(): WasmMatmul | null {
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
