import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LlamaConfig } from "../model/config.js";
import { createLlama } from "../model/index.js";
import { CHAT_TEMPLATE_JINJA, trainBpe } from "../tokenizer/index.js";
import { f16BitsToF32, f32ToF16Bits } from "./half.js";
import {
  exportHf,
  importHf,
  loadCheckpoint,
  readSafetensors,
  saveCheckpoint,
  writeSafetensors,
} from "./index.js";

const tmp = mkdtempSync(path.join(tmpdir(), "breakfix-formats-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const tokenizer = trainBpe(["hello world, hello there. Safety first!"], { vocabSize: 270, minFrequency: 1 });
const config: LlamaConfig = {
  vocabSize: 272,
  dModel: 16,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 40,
  contextLength: 32,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
const model = createLlama(config, 5);
const checkpoint = { config, tensors: [...model.params], tokenizer };

describe("safetensors", () => {
  it("writes the exact layout: u64 header length, space-padded JSON, aligned data", () => {
    const bytes = writeSafetensors([{ name: "a", shape: [2], data: new Float32Array([1, -2]) }], {
      metadata: { k: "v" },
    });
    const header = '{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = header.padEnd(Math.ceil(header.length / 8) * 8, " ");
    const view = new DataView(bytes.buffer);
    expect(Number(view.getBigUint64(0, true))).toBe(padded.length);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + padded.length))).toBe(padded);
    expect(view.getFloat32(8 + padded.length, true)).toBe(1);
    expect(view.getFloat32(12 + padded.length, true)).toBe(-2);
    expect(bytes.length).toBe(16 + padded.length);
  });

  it("reads F32, F16 and BF16 back to float32", () => {
    const header = JSON.stringify({
      h: { dtype: "F16", shape: [2], data_offsets: [0, 4] },
      b: { dtype: "BF16", shape: [1, 2], data_offsets: [4, 8] },
    });
    const bytes = new Uint8Array(8 + header.length + 8);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    const at = 8 + header.length;
    [0x3c00, 0xc000, 0x3f80, 0xc040].forEach((bits, i) => {
      view.setUint16(at + 2 * i, bits, true);
    });
    const file = readSafetensors(bytes);
    expect(file.tensors.map((t) => [t.name, t.shape, Array.from(t.data)])).toEqual([
      ["h", [2], [1, -2]],
      ["b", [1, 2], [1, -3]],
    ]);
    expect(file.dtypes).toEqual({ h: "F16", b: "BF16" });
  });

  it("stores F16 with round-to-nearest-even", () => {
    const data = new Float32Array([0.1, 65520, 1e-7, -2.71]);
    const back = readSafetensors(writeSafetensors([{ name: "x", shape: [4], data }], { dtype: "F16" }));
    expect(Array.from(back.tensors[0]?.data ?? [])).toEqual(
      Array.from(data, (v) => f16BitsToF32(f32ToF16Bits(v))),
    );
  });

  it("rejects truncated files naming the file and tensor", () => {
    const bytes = writeSafetensors([{ name: "w", shape: [4], data: new Float32Array(4) }]);
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4), "m.safetensors")).toThrow(
      /data_offsets/,
    );
    expect(() => readSafetensors(bytes.subarray(0, 5), "m.safetensors")).toThrow(/shorter/);
  });
});

describe("engine checkpoint folder", () => {
  it("round-trips config, weights (bit-exact) and tokenizer", () => {
    const dir = path.join(tmp, "ckpt");
    saveCheckpoint(dir, checkpoint);
    const loaded = loadCheckpoint(dir);
    expect(loaded.config).toEqual(config);
    expect(loaded.tensors.map((t) => t.name)).toEqual(model.params.map((t) => t.name));
    for (const [i, t] of loaded.tensors.entries()) expect(t.data).toEqual(model.params[i]?.data);
    expect(loaded.model.flat).toEqual(model.flat);
    expect(loaded.tokenizer.encode("hello there")).toEqual(tokenizer.encode("hello there"));
  });

  it("reports a bad config field with the file and field", () => {
    const dir = path.join(tmp, "bad");
    saveCheckpoint(dir, checkpoint);
    const file = path.join(dir, "config.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.config.nHeads = 3;
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadCheckpoint(dir)).toThrow(expect.objectContaining({ code: "DATA_INVALID" }));
    try {
      loadCheckpoint(dir);
    } catch (err) {
      expect((err as { location: unknown }).location).toEqual({ file, field: "config.nHeads" });
    }
    expect(() => loadCheckpoint(path.join(tmp, "missing"))).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });

  it("refuses weights that do not match the config, and a tokenizer larger than the vocab", () => {
    const wrong = { ...checkpoint, tensors: checkpoint.tensors.slice(1) };
    expect(() => saveCheckpoint(path.join(tmp, "wrong"), wrong)).toThrow(/missing tensor model.embed_tokens/);
    const big = trainBpe(["hello world, hello there. Safety first!"], { vocabSize: 280, minFrequency: 1 });
    expect(big.vocabSize).toBeGreaterThan(config.vocabSize);
    for (const write of [saveCheckpoint, exportHf]) {
      expect(() => write(path.join(tmp, "big"), { ...checkpoint, tokenizer: big })).toThrow(
        /vocabSize is 272/,
      );
    }
  });
});

describe("Hugging Face export", () => {
  it("writes a LlamaForCausalLM folder whose weights round-trip byte-exactly", () => {
    const dir = path.join(tmp, "hf");
    exportHf(dir, checkpoint);
    const cfg = JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8"));
    expect(cfg).toMatchObject({
      architectures: ["LlamaForCausalLM"],
      hidden_size: 16,
      intermediate_size: 40,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      num_hidden_layers: 2,
      vocab_size: 272,
      max_position_embeddings: 32,
      tie_word_embeddings: false,
      torch_dtype: "float32",
      bos_token_id: tokenizer.specialId("<|endoftext|>"),
      eos_token_id: tokenizer.specialId("<|end|>"),
    });
    const tc = JSON.parse(readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"));
    expect(tc.chat_template).toBe(CHAT_TEMPLATE_JINJA);
    expect(tc.eos_token).toBe("<|end|>");
    const gen = JSON.parse(readFileSync(path.join(dir, "generation_config.json"), "utf8"));
    expect(gen.eos_token_id).toEqual([tokenizer.specialId("<|end|>"), tokenizer.specialId("<|endoftext|>")]);
    const weights = readSafetensors(readFileSync(path.join(dir, "model.safetensors")));
    expect(weights.metadata).toEqual({ format: "pt" });
    for (const p of model.params) {
      const t = weights.tensors.find((w) => w.name === p.name);
      expect(t?.shape).toEqual(p.shape);
      expect(
        Buffer.from((t as { data: Float32Array }).data.buffer).equals(Buffer.from(p.data.slice().buffer)),
      ).toBe(true);
    }
    const back = importHf(dir);
    expect(back.config).toEqual(config);
    expect(back.tokenizer.merges).toEqual(tokenizer.merges);
  });

  it("omits lm_head when embeddings are tied and can store float16", () => {
    const tied = { ...config, tiedEmbeddings: true };
    const m = createLlama(tied, 1);
    const dir = path.join(tmp, "hf16");
    exportHf(dir, { config: tied, tensors: [...m.params], tokenizer }, { dtype: "F16" });
    const weights = readSafetensors(readFileSync(path.join(dir, "model.safetensors")));
    expect(weights.tensors.some((t) => t.name === "lm_head.weight")).toBe(false);
    expect(new Set(Object.values(weights.dtypes))).toEqual(new Set(["F16"]));
    expect(importHf(dir).config.tiedEmbeddings).toBe(true);
  });
});
