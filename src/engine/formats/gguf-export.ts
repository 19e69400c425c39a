import { headDim, type LlamaConfig, paramNames } from "../model/config.js";
import { llamaFromTensors } from "../model/index.js";
import { CHAT_TEMPLATE_JINJA } from "../tokenizer/index.js";
import { assertTokenizerFits, type Checkpoint } from "./checkpoint.js";
import { GgmlType, type GgufValue, GgufValueType, Q8_0_BLOCK } from "./gguf-types.js";
import { encodeGguf, type GgufTensorInput } from "./gguf-writer.js";
import { chatTokenIds } from "./hf-folder.js";
import { writeFileAtomic } from "./tensor-file.js";

export type GgufDtype = "F32" | "F16" | "Q8_0";

export interface ExportGgufOptions {
  /** Storage of the matrices (default F16). Norm weights stay F32; Q8_0 falls back to F16 for rows not divisible by 32. */
  dtype?: GgufDtype;
  /** `general.name` (default "breakfix"). */
  name?: string;
}

/** llama.cpp's `general.file_type` (LLAMA_FTYPE_*). */
const FILE_TYPE: Record<GgufDtype, number> = { F32: 0, F16: 1, Q8_0: 7 };

const TOKEN_TYPE = { normal: 1, control: 3, unused: 5 } as const;

/**
 * Reorders the rows of a q or k projection from Hugging Face's rotate_half RoPE layout (each head's first
 * half pairs with its second half) to GGUF's interleaved layout (pairs adjacent), as llama.cpp's HF
 * converter does: per head, view rows as (2, hd/2) and transpose to (hd/2, 2).
 */
export function permuteRopeRows(
  data: Float32Array,
  rows: number,
  cols: number,
  nHeads: number,
): Float32Array {
  const hd = rows / nHeads;
  const half = hd / 2;
  const out = new Float32Array(data.length);
  for (let h = 0; h < nHeads; h++) {
    for (let i = 0; i < half; i++) {
      for (let j = 0; j < 2; j++) {
        const from = (h * hd + j * half + i) * cols;
        out.set(data.subarray(from, from + cols), (h * hd + 2 * i + j) * cols);
      }
    }
  }
  return out;
}

function storageType(dtype: GgufDtype, shape: readonly number[]): GgmlType {
  if (shape.length < 2 || dtype === "F32") return GgmlType.F32;
  if (dtype === "Q8_0" && (shape.at(-1) as number) % Q8_0_BLOCK === 0) return GgmlType.Q8_0;
  return GgmlType.F16;
}

/** GGUF tensor names of llama.cpp's llama architecture for each HF parameter name. */
export function ggufTensorNames(c: LlamaConfig): Map<string, string> {
  const names = new Map<string, string>([
    [paramNames.embed, "token_embd.weight"],
    [paramNames.finalNorm, "output_norm.weight"],
    [paramNames.lmHead, "output.weight"],
  ]);
  for (let i = 0; i < c.nLayers; i++) {
    const n = paramNames.layer(i);
    const blk = `blk.${i}`;
    names.set(n.attnNorm, `${blk}.attn_norm.weight`);
    names.set(n.q, `${blk}.attn_q.weight`);
    names.set(n.k, `${blk}.attn_k.weight`);
    names.set(n.v, `${blk}.attn_v.weight`);
    names.set(n.o, `${blk}.attn_output.weight`);
    names.set(n.mlpNorm, `${blk}.ffn_norm.weight`);
    names.set(n.gate, `${blk}.ffn_gate.weight`);
    names.set(n.up, `${blk}.ffn_up.weight`);
    names.set(n.down, `${blk}.ffn_down.weight`);
  }
  return names;
}

const u32 = (value: number): GgufValue => ({ type: GgufValueType.UINT32, value });
const f32 = (value: number): GgufValue => ({ type: GgufValueType.FLOAT32, value });
const str = (value: string): GgufValue => ({ type: GgufValueType.STRING, value });

/** Metadata and tensors of a llama-architecture GGUF for the checkpoint. */
export function buildGguf(
  checkpoint: Checkpoint,
  options: ExportGgufOptions = {},
): { metadata: Map<string, GgufValue>; tensors: GgufTensorInput[] } {
  const dtype = options.dtype ?? "F16";
  const { config: c, tokenizer } = checkpoint;
  const model = llamaFromTensors(c, checkpoint.tensors, "GGUF export");
  assertTokenizerFits(checkpoint);
  const ids = chatTokenIds(checkpoint);
  const tokens: string[] = [];
  const types: number[] = [];
  for (let id = 0; id < c.vocabSize; id++) {
    // Rows past the tokenizer's vocab (a padded embedding) get placeholder tokens, as llama.cpp's converter does.
    const known = id < tokenizer.vocabSize;
    tokens.push(known ? tokenizer.tokenString(id) : `[PAD${id}]`);
    types.push(!known ? TOKEN_TYPE.unused : tokenizer.isSpecial(id) ? TOKEN_TYPE.control : TOKEN_TYPE.normal);
  }
  const metadata = new Map<string, GgufValue>([
    ["general.architecture", str("llama")],
    ["general.name", str(options.name ?? "breakfix")],
    ["general.file_type", u32(FILE_TYPE[dtype])],
    ["general.quantization_version", u32(2)],
    ["general.alignment", u32(32)],
    ["llama.vocab_size", u32(c.vocabSize)],
    ["llama.context_length", u32(c.contextLength)],
    ["llama.embedding_length", u32(c.dModel)],
    ["llama.block_count", u32(c.nLayers)],
    ["llama.feed_forward_length", u32(c.ffnDim)],
    ["llama.attention.head_count", u32(c.nHeads)],
    ["llama.attention.head_count_kv", u32(c.nKvHeads)],
    ["llama.attention.key_length", u32(headDim(c))],
    ["llama.attention.value_length", u32(headDim(c))],
    ["llama.rope.dimension_count", u32(headDim(c))],
    ["llama.rope.freq_base", f32(c.ropeTheta)],
    ["llama.attention.layer_norm_rms_epsilon", f32(c.normEps)],
    ["tokenizer.ggml.model", str("gpt2")],
    ["tokenizer.ggml.pre", str("gpt-2")],
    ["tokenizer.ggml.tokens", { type: GgufValueType.ARRAY, itemType: GgufValueType.STRING, value: tokens }],
    ["tokenizer.ggml.token_type", { type: GgufValueType.ARRAY, itemType: GgufValueType.INT32, value: types }],
    [
      "tokenizer.ggml.merges",
      {
        type: GgufValueType.ARRAY,
        itemType: GgufValueType.STRING,
        value: tokenizer.merges.map(([a, b]) => `${tokenizer.tokenString(a)} ${tokenizer.tokenString(b)}`),
      },
    ],
    ["tokenizer.ggml.bos_token_id", u32(ids.bos)],
    ["tokenizer.ggml.eos_token_id", u32(ids.eos)],
    ["tokenizer.ggml.eot_token_id", u32(ids.eos)],
    ["tokenizer.ggml.padding_token_id", u32(ids.pad)],
    ["tokenizer.ggml.add_bos_token", { type: GgufValueType.BOOL, value: false }],
    ["tokenizer.ggml.add_eos_token", { type: GgufValueType.BOOL, value: false }],
    ["tokenizer.chat_template", str(CHAT_TEMPLATE_JINJA)],
  ]);
  const names = ggufTensorNames(c);
  const hd = headDim(c);
  const tensors = model.params.map((p): GgufTensorInput => {
    let data = p.data;
    if (p.name.endsWith("q_proj.weight")) data = permuteRopeRows(data, c.nHeads * hd, c.dModel, c.nHeads);
    if (p.name.endsWith("k_proj.weight")) data = permuteRopeRows(data, c.nKvHeads * hd, c.dModel, c.nKvHeads);
    return { name: names.get(p.name) as string, shape: p.shape, data, type: storageType(dtype, p.shape) };
  });
  return { metadata, tensors };
}

/** Writes the checkpoint as a llama.cpp GGUF v3 file (llama architecture, tokenizer and chat template). */
export function exportGguf(file: string, checkpoint: Checkpoint, options: ExportGgufOptions = {}): void {
  const { metadata, tensors } = buildGguf(checkpoint, options);
  writeFileAtomic(file, encodeGguf(metadata, tensors));
}
