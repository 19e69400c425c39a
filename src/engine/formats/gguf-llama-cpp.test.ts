import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ControlledEvaluateInputItem, Token } from "node-llama-cpp";
import { afterAll, describe, expect, it } from "vitest";
import type { LlamaConfig } from "../model/config.js";
import { createLlama, forward, type LlamaModel, llamaFromTensors } from "../model/index.js";
import { fromHfTokenizerJson, trainBpe } from "../tokenizer/index.js";
import { exportGguf, type GgufDtype, ggufTensorNames, parseGguf, readGgufTensor } from "./index.js";

/**
 * The acceptance check for the GGUF exporter: llama.cpp (through node-llama-cpp's prebuilt binary) must
 * compute the same next-token distribution as the engine. Skipped, with the reason, where the binary
 * cannot load.
 */
async function loadLlamaCpp() {
  try {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    return await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error, progressLogs: false });
  } catch (err) {
    console.warn(`skipping llama.cpp checks: node-llama-cpp cannot load here (${(err as Error).message})`);
    return undefined;
  }
}
const llama = await loadLlamaCpp();

const tmp = mkdtempSync(path.join(tmpdir(), "breakfix-gguf-"));
afterAll(async () => {
  await llama?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const text = "hello there, the cat sat on the mat. Safety first!";
const tokenizer = trainBpe([text, "the cat and the hat", "hello world"], { vocabSize: 300, minFrequency: 1 });
const config: LlamaConfig = {
  vocabSize: tokenizer.vocabSize,
  dModel: 64,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 96,
  contextLength: 64,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: false,
};
// Larger than usual init so the distribution is far from uniform and layout mistakes show.
const model = createLlama(config, 3, 0.2);

/** Softmax of the engine's logits at every position of `ids`. */
function engineProbs(m: LlamaModel, ids: number[]): Float64Array[] {
  const { logits } = forward(m, { tokens: Int32Array.from(ids), B: 1, T: ids.length });
  const V = m.config.vocabSize;
  return ids.map((_, t) => {
    const row = logits.subarray(t * V, (t + 1) * V);
    const max = Math.max(...row);
    const e = Float64Array.from(row, (x) => Math.exp(x - max));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}

/** The model as the GGUF stores it (dequantized, q/k rows back in HF order), for a like-for-like forward. */
function modelFromGguf(file: string): LlamaModel {
  const gguf = parseGguf(readFileSync(file), file);
  const names = ggufTensorNames(config);
  const tensors = model.params.map((p) => {
    const t = readGgufTensor(gguf, names.get(p.name) as string);
    const heads = p.name.endsWith("q_proj.weight") ? config.nHeads : p.name.endsWith("k_proj.weight") ? 2 : 0;
    if (!heads) return { ...t, name: p.name };
    const [rows, cols] = p.shape as [number, number];
    const hd = rows / heads;
    const data = new Float32Array(t.data.length);
    for (let r = 0; r < rows; r++) {
      const h = Math.floor(r / hd);
      const i = r % hd;
      const to = (h * hd + (i % 2) * (hd / 2) + Math.floor(i / 2)) * cols;
      data.set(t.data.subarray(r * cols, (r + 1) * cols), to);
    }
    return { name: p.name, shape: p.shape, data };
  });
  return llamaFromTensors(config, tensors, file);
}

describe.skipIf(!llama)("GGUF export runs in llama.cpp with the engine's numbers", () => {
  const cases: Array<[GgufDtype, number]> = [
    ["F32", 1e-5],
    ["F16", 5e-3],
    ["Q8_0", 2e-2],
  ];
  for (const [dtype, tolerance] of cases) {
    it(`${dtype}: same tokenization, next-token probabilities and greedy continuation`, async () => {
      if (!llama) return;
      const file = path.join(tmp, `m-${dtype}.gguf`);
      exportGguf(file, { config, tensors: [...model.params], tokenizer }, { dtype });
      // F16/Q8_0 are compared with the engine running the stored (rounded) weights; llama.cpp also rounds
      // activations to f16 / 8 bits in those matmuls, hence the looser tolerances.
      const reference = dtype === "F32" ? model : modelFromGguf(file);
      const loaded = await llama.loadModel({ modelPath: file });
      // A float32 KV cache and no flash attention (both compute in f16 on CPU) so F32 is held tight.
      const context = await loaded.createContext({
        contextSize: 64,
        threads: 1,
        flashAttention: false,
        experimentalKvCacheKeyType: "F32",
        experimentalKvCacheValueType: "F32",
      });
      try {
        const ids = tokenizer.encode(text);
        expect(loaded.tokenize(text)).toEqual(ids);
        expect(loaded.tokenize("<|user|>hi", true)).toEqual(
          tokenizer.encode("<|user|>hi", { allowSpecial: true }),
        );
        const sequence = context.getSequence();
        const out = await sequence.controlledEvaluate(
          (ids as Token[]).map(
            (id): ControlledEvaluateInputItem => [id, { generateNext: { probabilities: true } }],
          ),
        );
        const expected = engineProbs(reference, ids);
        let maxDiff = 0;
        expected.forEach((p, t) => {
          const got = out[t]?.next.probabilities;
          expect(got?.size).toBe(config.vocabSize);
          p.forEach((v, id) => {
            maxDiff = Math.max(maxDiff, Math.abs(v - (got?.get(id as Token) ?? 0)));
          });
        });
        expect(maxDiff).toBeLessThan(tolerance);

        // Greedy continuation: llama.cpp's tokens equal the engine's argmax, step by step.
        await sequence.clearHistory();
        const prompt = tokenizer.encode("the cat") as Token[];
        const generated: number[] = [];
        for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
          generated.push(token);
          if (generated.length === 6) break;
        }
        const mine: number[] = [];
        for (let step = 0; step < 6; step++) {
          const probs = engineProbs(reference, [...prompt, ...mine]).at(-1) as Float64Array;
          mine.push(probs.indexOf(Math.max(...probs)));
        }
        expect(generated).toEqual(mine);
      } finally {
        await context.dispose();
        await loaded.dispose();
      }
    });
  }

  it("llama.cpp tokenizes the Hugging Face parity strings to the same ids", async () => {
    if (!llama) return;
    const fixture = JSON.parse(
      readFileSync(path.join(import.meta.dirname, "../tokenizer/fixtures/hf-parity.json"), "utf8"),
    ) as { tokenizer: unknown; cases: Array<{ text: string; ids: number[] }> };
    const parityTokenizer = fromHfTokenizerJson(fixture.tokenizer);
    const small = { ...config, vocabSize: parityTokenizer.vocabSize, nLayers: 1 };
    const file = path.join(tmp, "parity.gguf");
    exportGguf(file, {
      config: small,
      tensors: [...createLlama(small, 1).params],
      tokenizer: parityTokenizer,
    });
    const loaded = await llama.loadModel({ modelPath: file });
    try {
      for (const c of fixture.cases) expect(Array.from(loaded.tokenize(c.text, true)), c.text).toEqual(c.ids);
    } finally {
      await loaded.dispose();
    }
  });
});
