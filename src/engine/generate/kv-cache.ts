import { kernelFloats } from "../kernels/backend.js";
import { headDim } from "../model/config.js";
import type { LlamaModel } from "../model/llama.js";

/**
 * Keys and values already computed for `slots` independent sequences, per layer (slots, maxT, KV·hd),
 * keys stored after RoPE. `lengths[s]` is how many positions of slot s are filled.
 */
export interface KvCache {
  readonly slots: number;
  readonly maxT: number;
  readonly k: Float32Array[];
  readonly v: Float32Array[];
  readonly lengths: Int32Array;
}

/**
 * A new, empty cache. Its buffers live in the SIMD kernels' memory when those run (kernelFloats), so
 * attention reads them in place instead of copying them in for every token.
 */
export function createKvCache(model: LlamaModel, slots: number, maxT = model.config.contextLength): KvCache {
  const c = model.config;
  const T = Math.min(maxT, c.contextLength);
  const size = slots * T * c.nKvHeads * headDim(c);
  return {
    slots,
    maxT: T,
    k: Array.from({ length: c.nLayers }, () => kernelFloats(size)),
    v: Array.from({ length: c.nLayers }, () => kernelFloats(size)),
    lengths: new Int32Array(slots),
  };
}
