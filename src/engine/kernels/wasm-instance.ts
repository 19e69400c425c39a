import type { WasmMemory } from "./wasm-memory.js";
import type { KernelName } from "./wasm-signatures.js";

// The project's lib settings (ES2023, no DOM) do not declare WebAssembly; this is the part used here.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The module's exports: each takes byte offsets and sizes (see wasm-signatures.ts for the argument lists). */
export type KernelExports = Record<KernelName | "setPackBuffer" | "packQuads", (...args: number[]) => void>;

/** An instance of the kernel module over `memory`; each thread makes its own, over the one shared memory. */
export function instantiateKernels(bytes: Uint8Array, memory: object): KernelExports {
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), {
    env: {
      memory,
      abort: () => {
        throw new Error("engine wasm kernel aborted");
      },
    },
  });
  return { ...(instance.exports as KernelExports) };
}
