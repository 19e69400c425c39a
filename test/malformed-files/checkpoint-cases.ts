import { cpSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BadInput } from "./bad-input.js";

/** A safetensors file from a header object (its JSON length written as given, or as it is) and data bytes. */
export function safetensorsBytes(header: unknown, dataBytes = 0, lengthField?: bigint): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + dataBytes);
  out.writeBigUInt64LE(lengthField ?? BigInt(json.length));
  json.copy(out, 8);
  return out;
}

/** Cases on a copy of a good tiny checkpoint (`good/` in the case folder), each spoiling one thing. */
function checkpointCase(name: string, spoil: (ckpt: string) => void, phrase: string): BadInput {
  return {
    name: `checkpoint/${name}`,
    setup(dir) {
      const ckpt = path.join(dir, `ck-${name}`);
      cpSync(path.join(dir, "good"), ckpt, { recursive: true });
      spoil(ckpt);
      return { argv: ["models", "check", `engine:${ckpt}`], names: phrase };
    },
  };
}

/** Replaces config fields (`undefined` removes one: JSON drops it). */
const editConfig = (patch: Record<string, unknown>) => (ckpt: string) => {
  const file = path.join(ckpt, "config.json");
  const json = JSON.parse(readFileSync(file, "utf8"));
  Object.assign(json.config, patch);
  writeFileSync(file, JSON.stringify(json));
};
const writeIn = (file: string, data: string | Buffer) => (ckpt: string) =>
  writeFileSync(path.join(ckpt, file), data);
const weights = (header: unknown, dataBytes = 0, lengthField?: bigint) =>
  writeIn("model.safetensors", safetensorsBytes(header, dataBytes, lengthField));
const F32 = (shape: number[], begin = 0) => ({
  dtype: "F32",
  shape,
  data_offsets: [begin, begin + 4 * shape.reduce((a, b) => a * b, 1)],
});
const editTokenizer =
  (edit: (t: { model: { vocab: Record<string, number> }; added_tokens: unknown[] }) => void) =>
  (ckpt: string) => {
    const file = path.join(ckpt, "tokenizer.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    edit(json);
    writeFileSync(file, JSON.stringify(json));
  };

export const CHECKPOINT_CASES: BadInput[] = [
  checkpointCase("no-config", (c) => rmSync(path.join(c, "config.json")), "config.json"),
  checkpointCase("config-empty", writeIn("config.json", ""), "config.json"),
  checkpointCase("config-not-json", writeIn("config.json", "{format: breakfix"), "config.json"),
  checkpointCase(
    "config-binary",
    writeIn("config.json", Buffer.from([0, 1, 2, 0x1b, 0x9b, 0xff])),
    "config.json",
  ),
  checkpointCase("config-array", writeIn("config.json", "[]"), "config.json"),
  checkpointCase("config-null", writeIn("config.json", "null"), "config.json"),
  checkpointCase(
    "config-wrong-format",
    writeIn("config.json", '{"format":"gpt2","config":{}}'),
    "config.json",
  ),
  checkpointCase(
    "config-section-null",
    writeIn("config.json", '{"format":"breakfix-llama","config":null}'),
    "config.json",
  ),
  checkpointCase("config-no-dmodel", editConfig({ dModel: undefined }), "config.dModel"),
  checkpointCase("config-no-layers", editConfig({ nLayers: undefined }), "config.nLayers"),
  checkpointCase("config-vocab-text", editConfig({ vocabSize: "320" }), "config.vocabSize"),
  checkpointCase("config-tied-text", editConfig({ tiedEmbeddings: "yes" }), "config.tiedEmbeddings"),
  checkpointCase("config-dmodel-negative", editConfig({ dModel: -32 }), "dModel"),
  checkpointCase("config-layers-zero", editConfig({ nLayers: 0 }), "nLayers"),
  checkpointCase("config-heads-fraction", editConfig({ nHeads: 1.5 }), "nHeads"),
  checkpointCase("config-heads-not-dividing", editConfig({ nHeads: 3 }), "nHeads"),
  checkpointCase("config-kv-not-dividing", editConfig({ nKvHeads: 3 }), "nKvHeads"),
  checkpointCase("config-odd-head-dim", editConfig({ dModel: 30, nHeads: 2 }), "config.json"),
  checkpointCase("config-rope-zero", editConfig({ ropeTheta: 0 }), "ropeTheta"),
  checkpointCase("config-eps-negative", editConfig({ normEps: -1 }), "normEps"),
  checkpointCase("config-vocab-huge", editConfig({ vocabSize: 256000402048 }), "vocabSize"),
  checkpointCase("config-layers-huge", editConfig({ nLayers: 1e9 }), "nLayers"),
  checkpointCase("config-context-huge", editConfig({ contextLength: 1e12 }), "contextLength"),
  checkpointCase(
    "config-dmodel-huge",
    editConfig({ dModel: 2 ** 30, nHeads: 2, nKvHeads: 2 }),
    "model.safetensors",
  ),
  checkpointCase("config-one-layer-more", editConfig({ nLayers: 2 }), "missing tensor"),
  checkpointCase("config-untied", editConfig({ tiedEmbeddings: false }), "missing tensor lm_head"),
  checkpointCase("config-ffn-differs", editConfig({ ffnDim: 96 }), "has shape"),
  checkpointCase("weights-missing", (c) => rmSync(path.join(c, "model.safetensors")), "model.safetensors"),
  checkpointCase("weights-empty", writeIn("model.safetensors", ""), "shorter than the 8-byte"),
  checkpointCase("weights-4-bytes", writeIn("model.safetensors", "abcd"), "shorter than the 8-byte"),
  checkpointCase("weights-header-length-huge", weights({}, 0, 2n ** 62n), "header length"),
  checkpointCase("weights-header-past-end", weights({}, 0, 4096n), "header length"),
  checkpointCase(
    "weights-header-not-json",
    (c) =>
      writeIn(
        "model.safetensors",
        Buffer.concat([Buffer.from([9, 0, 0, 0, 0, 0, 0, 0]), Buffer.from("{not json")]),
      )(c),
    "not JSON",
  ),
  checkpointCase(
    "weights-header-not-utf8",
    (c) => writeIn("model.safetensors", Buffer.from([4, 0, 0, 0, 0, 0, 0, 0, 0x22, 0xff, 0xfe, 0x22]))(c),
    "not JSON",
  ),
  checkpointCase("weights-header-array", weights([1, 2, 3]), "not a JSON object"),
  checkpointCase("weights-header-null", weights(null), "not a JSON object"),
  checkpointCase("weights-header-number", weights(42), "not a JSON object"),
  checkpointCase("weights-entry-null", weights({ x: null }), "unsupported dtype"),
  checkpointCase("weights-entry-string", weights({ x: "F32" }), "unsupported dtype"),
  checkpointCase(
    "weights-dtype-i64",
    weights({ x: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, 8),
    "unsupported dtype",
  ),
  checkpointCase(
    "weights-shape-negative",
    weights({ x: { dtype: "F32", shape: [-1, -4], data_offsets: [0, 16] } }, 16),
    "whole numbers",
  ),
  checkpointCase(
    "weights-shape-fraction",
    weights({ x: { dtype: "F32", shape: [0.5, 8], data_offsets: [0, 16] } }, 16),
    "whole numbers",
  ),
  checkpointCase(
    "weights-shape-string",
    weights({ x: { dtype: "F32", shape: "4", data_offsets: [0, 16] } }, 16),
    "whole numbers",
  ),
  checkpointCase("weights-offsets-missing", weights({ x: { dtype: "F32", shape: [4] } }, 16), "data_offsets"),
  checkpointCase("weights-offsets-past-data", weights({ x: F32([4], 8) }, 16), "data_offsets"),
  checkpointCase(
    "weights-offsets-negative",
    weights({ x: { dtype: "F32", shape: [4], data_offsets: [-16, 0] } }, 16),
    "data_offsets",
  ),
  checkpointCase(
    "weights-offsets-size-mismatch",
    weights({ x: { dtype: "F16", shape: [4], data_offsets: [0, 16] } }, 16),
    "data_offsets",
  ),
  checkpointCase(
    "weights-offsets-three",
    weights({ x: { dtype: "F32", shape: [4], data_offsets: [0, 16, 32] } }, 32),
    "data_offsets",
  ),
  checkpointCase(
    "weights-offsets-huge",
    weights({ x: { dtype: "F32", shape: [2 ** 40], data_offsets: [0, 2 ** 42] } }, 16),
    "data_offsets",
  ),
  checkpointCase("weights-metadata-number", weights({ __metadata__: { format: 5 } }), "__metadata__"),
  checkpointCase(
    "weights-truncated",
    (c) => truncateSync(path.join(c, "model.safetensors"), 3000),
    "data_offsets",
  ),
  checkpointCase(
    "weights-one-tensor",
    weights({ "model.embed_tokens.weight": F32([320, 32]) }, 320 * 32 * 4),
    "missing tensor",
  ),
  checkpointCase(
    "weights-binary-junk",
    writeIn("model.safetensors", Buffer.from("\u001b]0;PWNED\u0007 junk junk junk junk")),
    "header length",
  ),
  checkpointCase("tokenizer-missing", (c) => rmSync(path.join(c, "tokenizer.json")), "tokenizer.json"),
  checkpointCase("tokenizer-not-json", writeIn("tokenizer.json", '{"model": '), "tokenizer.json"),
  checkpointCase("tokenizer-null", writeIn("tokenizer.json", "null"), "tokenizer.json"),
  checkpointCase(
    "tokenizer-not-bpe",
    writeIn("tokenizer.json", '{"model":{"type":"WordPiece"}}'),
    "not a BPE tokenizer",
  ),
  checkpointCase(
    "tokenizer-id-huge",
    editTokenizer((t) => {
      t.model.vocab.zzz = 1e12;
    }),
    "outside the model's vocabSize",
  ),
  checkpointCase(
    "tokenizer-id-negative",
    editTokenizer((t) => {
      t.model.vocab.zzz = -1;
    }),
    "tokenizer.json",
  ),
  checkpointCase(
    "tokenizer-added-id-huge",
    editTokenizer((t) => t.added_tokens.push({ id: 2 ** 40, content: "x" })),
    "outside the model's vocabSize",
  ),
  checkpointCase(
    "tokenizer-added-no-content",
    editTokenizer((t) => t.added_tokens.push({ id: 3 })),
    "added_tokens",
  ),
];
