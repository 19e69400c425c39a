import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRng } from "../../core/index.js";
import type { LlamaConfig } from "../model/config.js";
import { createLlama } from "../model/index.js";
import { CHAT_TEMPLATE_JINJA, trainBpe } from "../tokenizer/index.js";
import {
  buildGguf,
  checkGgufFile,
  dequantizeQ8_0,
  encodeGguf,
  f16BitsToF32,
  f32ToF16Bits,
  GgmlType,
  type GgufValue,
  GgufValueType,
  ggufTensorNames,
  ggufValue,
  parseGguf,
  permuteRopeRows,
  quantizeQ8_0,
  readGgufTensor,
} from "./index.js";

const tokenizer = trainBpe(["hello world, hello there. Safety first!"], { vocabSize: 280, minFrequency: 1 });
const config: LlamaConfig = {
  vocabSize: 288, // padded past the tokenizer's vocab
  dModel: 32,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 48, // not a multiple of 32: ffn_down stays F16 under Q8_0
  contextLength: 64,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
const model = createLlama(config, 11);
const checkpoint = { config, tensors: [...model.params], tokenizer };

function encodeExport(dtype: "F32" | "F16" | "Q8_0"): Uint8Array {
  const { metadata, tensors } = buildGguf(checkpoint, { dtype });
  return encodeGguf(metadata, tensors);
}

/** Inverse of permuteRopeRows: interleaved pairs back to rotate_half halves. */
function unpermute(data: Float32Array, rows: number, cols: number, nHeads: number): Float32Array {
  const hd = rows / nHeads;
  const out = new Float32Array(data.length);
  for (let h = 0; h < nHeads; h++) {
    for (let r = 0; r < hd; r++) {
      const from = (h * hd + r) * cols;
      const to = (h * hd + (r % 2) * (hd / 2) + Math.floor(r / 2)) * cols;
      out.set(data.subarray(from, from + cols), to);
    }
  }
  return out;
}

describe("GGUF writer and reader", () => {
  it("permutes q/k rows per head from rotate_half pairs (i, i+hd/2) to adjacent pairs", () => {
    // 2 heads of dim 4, 1 column: rows [h0: a0 a1 b0 b1 | h1: c0 c1 d0 d1] → [a0 b0 a1 b1 | c0 d0 c1 d1]
    const rows = Float32Array.from([0, 1, 10, 11, 20, 21, 30, 31]);
    expect(Array.from(permuteRopeRows(rows, 8, 1, 2))).toEqual([0, 10, 1, 11, 20, 30, 21, 31]);
    const wide = Float32Array.from({ length: 8 * 3 }, (_, i) => i);
    expect(unpermute(permuteRopeRows(wide, 8, 3, 2), 8, 3, 2)).toEqual(wide);
  });

  it("round-trips an F32 llama export bit-exactly, with all llama.* and tokenizer keys", () => {
    const file = parseGguf(encodeExport("F32"));
    expect(file.version).toBe(3);
    const keys: Record<string, unknown> = {
      "general.architecture": "llama",
      "general.file_type": 0,
      "llama.context_length": 64,
      "llama.embedding_length": 32,
      "llama.block_count": 2,
      "llama.feed_forward_length": 48,
      "llama.attention.head_count": 4,
      "llama.attention.head_count_kv": 2,
      "llama.rope.dimension_count": 8,
      "llama.rope.freq_base": 10000,
      "llama.vocab_size": 288,
      "tokenizer.ggml.model": "gpt2",
      "tokenizer.ggml.pre": "gpt-2",
      "tokenizer.ggml.bos_token_id": tokenizer.specialId("<|endoftext|>"),
      "tokenizer.ggml.eos_token_id": tokenizer.specialId("<|end|>"),
      "tokenizer.ggml.padding_token_id": tokenizer.specialId("<|endoftext|>"),
      "tokenizer.ggml.add_bos_token": false,
      "tokenizer.chat_template": CHAT_TEMPLATE_JINJA,
    };
    for (const [key, value] of Object.entries(keys)) expect(ggufValue(file, key), key).toBe(value);
    expect(ggufValue(file, "llama.attention.layer_norm_rms_epsilon")).toBeCloseTo(1e-5, 10);
    const tokens = ggufValue(file, "tokenizer.ggml.tokens") as unknown as string[];
    expect(tokens).toHaveLength(288);
    expect(tokens[tokenizer.specialId("<|user|>") as number]).toBe("<|user|>");
    expect(tokens[287]).toBe("[PAD287]");
    const types = ggufValue(file, "tokenizer.ggml.token_type") as unknown as number[];
    expect([types[65], types[tokenizer.specialId("<|end|>") as number], types[287]]).toEqual([1, 3, 5]);
    expect(ggufValue(file, "tokenizer.ggml.merges")).toHaveLength(tokenizer.merges.length);

    const names = ggufTensorNames(config);
    expect(file.tensors.map((t) => t.name).sort()).toEqual(model.params.map((p) => names.get(p.name)).sort());
    for (const info of file.tensors) expect((file.dataOffset + info.offset) % 32).toBe(0);
    for (const p of model.params) {
      const t = readGgufTensor(file, names.get(p.name) as string);
      expect(t.shape).toEqual(p.shape);
      const [rows, cols] = p.shape as [number, number];
      const heads = p.name.endsWith("q_proj.weight") ? 4 : p.name.endsWith("k_proj.weight") ? 2 : 0;
      const back = heads ? unpermute(t.data, rows, cols, heads) : t.data;
      expect(Buffer.from(back.buffer).equals(Buffer.from(p.data.slice().buffer)), p.name).toBe(true);
    }
    const embd = file.tensors.find((t) => t.name === "token_embd.weight");
    expect(embd?.dims).toEqual([32, 288]);
  });

  it("stores Q8_0 where rows divide by 32, F16 otherwise, F32 for norms", () => {
    const file = parseGguf(encodeExport("Q8_0"));
    const typeOf = (name: string) => file.tensors.find((t) => t.name === name)?.type;
    expect(typeOf("blk.0.attn_q.weight")).toBe(GgmlType.Q8_0);
    expect(typeOf("blk.0.ffn_down.weight")).toBe(GgmlType.F16); // row length 48
    expect(typeOf("blk.0.ffn_norm.weight")).toBe(GgmlType.F32);
    expect(ggufValue(file, "general.file_type")).toBe(7);
    const up = readGgufTensor(file, "blk.1.ffn_up.weight");
    const orig = model.tensor("model.layers.1.mlp.up_proj.weight");
    for (let b = 0; b < orig.length / 32; b++) {
      const block = orig.subarray(b * 32, b * 32 + 32);
      const d = Math.max(...Array.from(block, Math.abs)) / 127;
      for (let j = 0; j < 32; j++) {
        expect(Math.abs((up.data[b * 32 + j] as number) - (block[j] as number))).toBeLessThanOrEqual(
          d * 0.57,
        );
      }
    }
  });

  it("quantizes Q8_0 blocks exactly like llama.cpp's reference (f16 scale, roundf)", () => {
    const x = new Float32Array(64);
    x[0] = 127; // d = 1: values round half away from zero
    x.set([2.5, -2.5, 0.49, -126.5], 1);
    const bytes = quantizeQ8_0(x); // second block is all zeros: d = 0
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(68);
    expect(f16BitsToF32(view.getUint16(0, true))).toBe(1);
    expect([1, 2, 3, 4, 5].map((j) => view.getInt8(1 + j))).toEqual([127, 3, -3, 0, -127]);
    expect(view.getUint16(34, true)).toBe(0);
    const rng = createRng(2);
    const r = Float32Array.from({ length: 32 * 8 }, () => rng.normal() * 3);
    const back = dequantizeQ8_0(quantizeQ8_0(r), r.length);
    for (let b = 0; b < 8; b++) {
      const block = r.subarray(b * 32, b * 32 + 32);
      const d = Math.fround(Math.max(...Array.from(block, Math.abs)) / 127);
      const stored = f16BitsToF32(f32ToF16Bits(d));
      block.forEach((v, j) => {
        const scaled = Math.fround(v * Math.fround(1 / d));
        const q = Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5);
        expect(back[b * 32 + j] === Math.fround(q * stored)).toBe(true);
      });
    }
  });

  it("writes every scalar and array metadata type and reads them back", () => {
    const T = GgufValueType;
    const meta: Array<[string, GgufValue]> = [
      ["a.u8", { type: T.UINT8, value: 200 }],
      ["a.i8", { type: T.INT8, value: -5 }],
      ["a.u16", { type: T.UINT16, value: 60000 }],
      ["a.i16", { type: T.INT16, value: -300 }],
      ["a.i32", { type: T.INT32, value: -70000 }],
      ["a.f64", { type: T.FLOAT64, value: Math.PI }],
      ["a.u64", { type: T.UINT64, value: 2 ** 40 }],
      ["a.i64", { type: T.INT64, value: -(2 ** 40) }],
      ["a.str", { type: T.STRING, value: "ünïcode 🙂" }],
      ["a.arr", { type: T.ARRAY, itemType: T.FLOAT32, value: [0.5, -1] }],
    ];
    const file = parseGguf(encodeGguf(new Map(meta), []));
    for (const [key, v] of meta) expect(ggufValue(file, key)).toEqual(v.value);
  });

  it("rejects files that are not GGUF or are truncated", () => {
    expect(() => parseGguf(new TextEncoder().encode("nope nope"), "x.gguf")).toThrow(/bad magic/);
    const bytes = encodeExport("F16");
    expect(() => parseGguf(bytes.subarray(0, 200))).toThrow(/unexpected end of file|cannot fit/);
    const cut = parseGguf(bytes.subarray(0, bytes.length - 100));
    expect(() => readGgufTensor(cut, "output.weight")).toThrow(/past the end/);
  });

  it("refuses a crafted header's impossible counts at once, before allocating for them", () => {
    // 88 bytes claiming 2^62 tensors: llama.cpp spun at 100% CPU and grew to 1.1 GB on this file.
    const crafted = new Uint8Array(88);
    const view = new DataView(crafted.buffer);
    crafted.set(new TextEncoder().encode("GGUF"));
    view.setUint32(4, 3, true);
    view.setBigUint64(8, 2n ** 62n, true);
    expect(() => parseGguf(crafted, "g.gguf")).toThrow(/tensor count \d+ at byte 8 cannot fit/);
    view.setBigUint64(8, 0n, true);
    view.setBigUint64(16, 2n ** 40n, true);
    expect(() => parseGguf(crafted, "g.gguf")).toThrow(/metadata count/);
  });

  it("checks a file on disk before native code reads it: whole files pass, cut ones fail in one line", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gguf-preflight-"));
    try {
      const good = path.join(dir, "good.gguf");
      const bytes = encodeExport("Q8_0");
      writeFileSync(good, bytes);
      expect(() => checkGgufFile(good)).not.toThrow();
      const cut = path.join(dir, "cut.gguf");
      writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
      expect(() => checkGgufFile(cut)).toThrow(/^tensor .* runs past the end of the file/);
      const noArch = path.join(dir, "no-arch.gguf");
      writeFileSync(
        noArch,
        new Uint8Array([...new TextEncoder().encode("GGUF"), 3, ...new Array(19).fill(0)]),
      );
      expect(() => checkGgufFile(noArch)).toThrow(/general\.architecture is missing/);
      const crafted = path.join(dir, "crafted.gguf");
      const head = new Uint8Array(88);
      head.set(new TextEncoder().encode("GGUF"));
      new DataView(head.buffer).setUint32(4, 3, true);
      new DataView(head.buffer).setBigUint64(8, 2n ** 62n, true);
      writeFileSync(crafted, head);
      expect(() => checkGgufFile(crafted)).toThrow(
        expect.objectContaining({ code: "DATA_INVALID", message: expect.stringMatching(/cannot fit/) }),
      );
      expect(() => checkGgufFile(path.join(dir, "missing.gguf"))).toThrow(
        expect.objectContaining({ code: "NOT_FOUND" }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
