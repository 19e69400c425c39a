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

/** Floats a cache of `slots` sequences of up to maxT positions takes (keys and values, every layer). */
export function kvCacheFloats(model: LlamaModel, slots: number, maxT = model.config.contextLength): number {
  const c = model.config;
  return 2 * c.nLayers * slots * Math.min(maxT, c.contextLength) * c.nKvHeads * headDim(c);
}

/**
 * A new, empty cache; with `backing` (at least kvCacheFloats() zeroed floats, e.g. resident in the SIMD
 * module's memory so attention reads it in place) its buffers are views into that.
 */
export function createKvCache(
  model: LlamaModel,
  slots: number,
  maxT = model.config.contextLength,
  backing?: Float32Array,
): KvCache {
  const c = model.config;
  const T = Math.min(maxT, c.contextLength);
  const size = slots * T * c.nKvHeads * headDim(c);
  const buffer = (i: number) => backing?.subarray(i * size, (i + 1) * size) ?? new Float32Array(size);
  return {
    slots,
    maxT: T,
    k: Array.from({ length: c.nLayers }, (_, l) => buffer(2 * l)),
    v: Array.from({ length: c.nLayers }, (_, l) => buffer(2 * l + 1)),
    lengths: new Int32Array(slots),
  };
}
