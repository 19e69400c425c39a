/**
 * Llama-architecture hyper-parameters: the contract between the engine's kernels/model, its tokenizer and
 * its checkpoint formats (safetensors + JSON, Hugging Face LlamaForCausalLM, GGUF).
 */
export interface LlamaConfig {
  vocabSize: number;
  /** Model width (hidden size). */
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Key/value heads (grouped-query attention when < nHeads; must divide nHeads). */
  nKvHeads: number;
  /** SwiGLU inner width (intermediate size). */
  ffnDim: number;
  /** Maximum sequence length. */
  contextLength: number;
  ropeTheta: number;
  normEps: number;
  /** Output projection shares the token-embedding matrix. */
  tiedEmbeddings: boolean;
}

export const headDim = (c: LlamaConfig): number => c.dModel / c.nHeads;

/**
 * Parameter names follow Hugging Face's LlamaForCausalLM so export is a rename-free copy. Every weight is
 * stored row-major as PyTorch does: a Linear's weight has shape (out_features, in_features).
 */
export const paramNames = {
  embed: "model.embed_tokens.weight", // (vocab, d)
  finalNorm: "model.norm.weight", // (d)
  lmHead: "lm_head.weight", // (vocab, d); absent when tiedEmbeddings
  layer: (i: number) => ({
    attnNorm: `model.layers.${i}.input_layernorm.weight`, // (d)
    q: `model.layers.${i}.self_attn.q_proj.weight`, // (nHeads*hd, d)
    k: `model.layers.${i}.self_attn.k_proj.weight`, // (nKvHeads*hd, d)
    v: `model.layers.${i}.self_attn.v_proj.weight`, // (nKvHeads*hd, d)
    o: `model.layers.${i}.self_attn.o_proj.weight`, // (d, nHeads*hd)
    mlpNorm: `model.layers.${i}.post_attention_layernorm.weight`, // (d)
    gate: `model.layers.${i}.mlp.gate_proj.weight`, // (ffn, d)
    up: `model.layers.${i}.mlp.up_proj.weight`, // (ffn, d)
    down: `model.layers.${i}.mlp.down_proj.weight`, // (d, ffn)
  }),
} as const;

/** A named tensor as the formats read and write it. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}
