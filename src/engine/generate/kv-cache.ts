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

export function createKvCache(model: LlamaModel, slots: number, maxT = model.config.contextLength): KvCache {
  const c = model.config;
  const size = slots * maxT * c.nKvHeads * headDim(c);
  const layers = Array.from({ length: c.nLayers }, () => new Float32Array(size));
  return {
    slots,
    maxT: Math.min(maxT, c.contextLength),
    k: layers,
    v: Array.from({ length: c.nLayers }, () => new Float32Array(size)),
    lengths: new Int32Array(slots),
  };
}
