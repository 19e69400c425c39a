import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import { headDim, type LlamaConfig } from "../model/config.js";
import { llamaFromTensors } from "../model/index.js";
import { CHAT_TEMPLATE_JINJA, END_OF_TEXT, END_OF_TURN, toHfTokenizerJson } from "../tokenizer/index.js";
import { assertTokenizerFits, type Checkpoint } from "./checkpoint.js";
import { readTokenizerFile } from "./checkpoint-preflight.js";
import { loadSafetensorsFile, readJsonFile, saveSafetensorsFile, writeFileAtomic } from "./tensor-file.js";

export interface ExportHfOptions {
  /** Storage type of the weights (default F32). */
  dtype?: "F32" | "F16";
}

/** Ids of the chat specials: `<|endoftext|>` is BOS and padding, `<|end|>` ends a reply. */
export function chatTokenIds(checkpoint: Pick<Checkpoint, "tokenizer">): {
  bos: number;
  eos: number;
  pad: number;
} {
  const id = (content: string) => {
    const found = checkpoint.tokenizer.specialId(content);
    if (found === undefined) {
      throw new BreakfixError("DATA_INVALID", `tokenizer lacks the special token ${content}`, {
        fix: "train the tokenizer with the chat special tokens (trainBpe's default)",
      });
    }
    return found;
  };
  return { bos: id(END_OF_TEXT), eos: id(END_OF_TURN), pad: id(END_OF_TEXT) };
}

export function toHfConfig(c: LlamaConfig, ids: { bos: number; eos: number; pad: number }, dtype: string) {
  return {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    vocab_size: c.vocabSize,
    hidden_size: c.dModel,
    intermediate_size: c.ffnDim,
    num_hidden_layers: c.nLayers,
    num_attention_heads: c.nHeads,
    num_key_value_heads: c.nKvHeads,
    head_dim: headDim(c),
    hidden_act: "silu",
    max_position_embeddings: c.contextLength,
    rms_norm_eps: c.normEps,
    rope_theta: c.ropeTheta,
    rope_scaling: null,
    attention_bias: false,
    attention_dropout: 0,
    mlp_bias: false,
    tie_word_embeddings: c.tiedEmbeddings,
    bos_token_id: ids.bos,
    eos_token_id: ids.eos,
    pad_token_id: ids.pad,
    initializer_range: 0.02,
    pretraining_tp: 1,
    use_cache: true,
    torch_dtype: dtype === "F16" ? "float16" : "float32",
  };
}

/**
 * Writes a Hugging Face LlamaForCausalLM folder: config.json, model.safetensors (HF names, so a rename-free
 * copy), tokenizer.json, tokenizer_config.json with the chat template, special_tokens_map.json and
 * generation_config.json (stopping on `<|end|>` and `<|endoftext|>`).
 */
export function exportHf(dir: string, checkpoint: Checkpoint, options: ExportHfOptions = {}): void {
  const dtype = options.dtype ?? "F32";
  const { config, tokenizer } = checkpoint;
  const model = llamaFromTensors(config, checkpoint.tensors, "export");
  assertTokenizerFits(checkpoint);
  const ids = chatTokenIds(checkpoint);
  const json = (name: string, value: unknown) =>
    writeFileAtomic(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  saveSafetensorsFile(path.join(dir, "model.safetensors"), model.params, {
    dtype,
    metadata: { format: "pt" },
  });
  writeFileAtomic(path.join(dir, "tokenizer.json"), JSON.stringify(toHfTokenizerJson(tokenizer)));
  const special = { bos_token: END_OF_TEXT, eos_token: END_OF_TURN, pad_token: END_OF_TEXT };
  json("special_tokens_map.json", special);
  json("tokenizer_config.json", {
    tokenizer_class: "PreTrainedTokenizerFast",
    ...special,
    unk_token: null,
    add_bos_token: false,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    model_max_length: config.contextLength,
    chat_template: CHAT_TEMPLATE_JINJA,
    added_tokens_decoder: Object.fromEntries(
      tokenizer.specials.map((s) => [
        String(s.id),
        {
          content: s.content,
          lstrip: false,
          normalized: false,
          rstrip: false,
          single_word: false,
          special: true,
        },
      ]),
    ),
  });
  json("generation_config.json", {
    bos_token_id: ids.bos,
    eos_token_id: [ids.eos, ids.bos],
    pad_token_id: ids.pad,
  });
  json("config.json", toHfConfig(config, ids, dtype));
}

/** Reads a LlamaForCausalLM folder with a byte-level BPE tokenizer (ours, or a compatible one). */
export function importHf(dir: string): Checkpoint {
  const configFile = path.join(dir, "config.json");
  const hf = readJsonFile(configFile, "Hugging Face config") as Record<string, unknown>;
  const fail = (field: string, message: string): never => {
    throw new BreakfixError("DATA_INVALID", message, {
      location: { file: configFile, field },
      fix: "only plain Llama models (no rope scaling, head_dim = hidden_size / heads) can be imported",
    });
  };
  const arch = hf.architectures;
  if (!Array.isArray(arch) || !arch.includes("LlamaForCausalLM"))
    fail("architectures", "not LlamaForCausalLM");
  const num = (field: string, fallback?: number): number => {
    const v = hf[field] ?? fallback;
    return typeof v === "number" ? v : fail(field, `${field} must be a number`);
  };
  const heads = num("num_attention_heads");
  const config: LlamaConfig = {
    vocabSize: num("vocab_size"),
    dModel: num("hidden_size"),
    nLayers: num("num_hidden_layers"),
    nHeads: heads,
    nKvHeads: num("num_key_value_heads", heads),
    ffnDim: num("intermediate_size"),
    contextLength: num("max_position_embeddings"),
    ropeTheta: num("rope_theta", 10000),
    normEps: num("rms_norm_eps"),
    tiedEmbeddings: hf.tie_word_embeddings === true,
  };
  if (hf.rope_scaling != null) fail("rope_scaling", "rope scaling is not supported");
  if (hf.head_dim != null && hf.head_dim !== config.dModel / heads)
    fail("head_dim", "head_dim is not supported");
  const weightsFile = path.join(dir, "model.safetensors");
  const model = llamaFromTensors(config, loadSafetensorsFile(weightsFile).tensors, weightsFile);
  const tokenizer = readTokenizerFile(path.join(dir, "tokenizer.json"), config);
  return { config, tensors: [...model.params], tokenizer };
}
