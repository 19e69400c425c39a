import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { user } from "../../core/index.js";
import { saveCheckpoint } from "../../engine/formats/index.js";
import { createLlama, type LlamaConfig } from "../../engine/model/index.js";
import { trainBpe } from "../../engine/tokenizer/index.js";
import { createModelResolver } from "../model-resolver.js";
import { resolveCheckpointDir } from "./engine-provider-kind.js";

const dir = mkdtempSync(path.join(tmpdir(), "engine-ckpt-"));
const tokenizer = trainBpe("the cat sat on the mat. the dog sat on the log. ".repeat(20), { vocabSize: 300 });
const config: LlamaConfig = {
  vocabSize: tokenizer.vocabSize,
  dModel: 32,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 64,
  contextLength: 64,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: true,
};
const model = createLlama(config, 7);
saveCheckpoint(dir, { config, tensors: [...model.params], tokenizer });

const resolver = () =>
  createModelResolver({ providers: {}, cacheDir: path.join(dir, "cache"), cache: false });

describe("engine: provider", () => {
  it("answers from a checkpoint folder, greedily and reproducibly, with usage", async () => {
    const m = resolver().resolve(`engine:${dir}`);
    const a = await m.generate([user("the cat")], { maxTokens: 8 });
    const b = await m.generate([user("the cat")], { maxTokens: 8 });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.text).toBe(b.text);
    expect(a.usage?.completionTokens).toBeGreaterThan(0);
    expect(a.usage?.promptTokens).toBeGreaterThan(2);
  });

  it("batches concurrent greedy requests without changing their replies", async () => {
    const m = resolver().resolve(`engine:${dir}`);
    const prompts = ["the cat", "the dog sat", "on the mat", "the log"];
    const alone: string[] = [];
    for (const p of prompts) {
      const r = await m.generate([user(p)], { maxTokens: 6 });
      alone.push(r.ok ? r.text : `error ${r.error.message}`);
    }
    const together = await Promise.all(prompts.map((p) => m.generate([user(p)], { maxTokens: 6 })));
    expect(together.map((r) => (r.ok ? r.text : `error ${r.error.message}`))).toEqual(alone);
  });

  it("a seed makes sampled replies reproducible", async () => {
    const m = resolver().resolve(`engine:${dir}`);
    const o = { maxTokens: 8, temperature: 1, seed: 3 };
    const [a, b] = await Promise.all([m.generate([user("the")], o), m.generate([user("the")], o)]);
    expect(a.ok && b.ok && a.text === b.text).toBe(true);
  });

  it("a prompt longer than the context is a recorded failure, a missing checkpoint is NOT_FOUND", async () => {
    const m = resolver().resolve(`engine:${dir}`);
    const r = await m.generate([user("the cat sat on the mat ".repeat(40))]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("bad_request");
    expect(() => resolveCheckpointDir("no-such-model", ".breakfix/checkpoints", dir)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });
});
