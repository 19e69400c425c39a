import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type GenerateResult, user } from "../../core/index.js";
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

// What serving needs beyond a reply: stop strings that end decoding, streamed text, logprobs, raw
// completion, and an over-long prompt refused before it is tokenised.
async function ok(p: Promise<GenerateResult>) {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe("engine: serving (stop strings, streaming, logprobs, raw completion, long prompts)", () => {
  const m = resolver().resolve(`engine:${dir}`);
  it("a stop string ends decoding there: the text stops before it and fewer tokens are counted", async () => {
    const free = await ok(m.generate([user("the cat")], { maxTokens: 30 }));
    expect(free.text.length).toBeGreaterThan(12);
    const stop = free.text.slice(8, 11);
    const cut = await ok(m.generate([user("the cat")], { maxTokens: 30, stop: [stop] }));
    expect(cut.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
    expect(cut.finishReason).toBe("stop");
    expect(cut.usage!.completionTokens).toBeLessThan(free.usage!.completionTokens);
    expect(tokenizer.encodeOrdinary(cut.text).length).toBeLessThanOrEqual(cut.usage!.completionTokens);
  });

  it("streams growing prefixes of the final text and never shows part of a stop string", async () => {
    const o = { maxTokens: 30, temperature: 1, seed: 4 };
    const free = await ok(m.generate([user("the cat")], o));
    const stop = free.text.slice(10, 13);
    expect(free.text.indexOf(stop)).toBeGreaterThan(4);
    const seen: string[] = [];
    const r = await ok(m.generate([user("the cat")], { ...o, stop: [stop], onText: (t) => seen.push(t) }));
    expect(r.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(r.text);
    seen.forEach((t, i) => {
      expect(r.text.startsWith(t)).toBe(true);
      if (i > 0) expect(t.length).toBeGreaterThan(seen[i - 1]!.length);
      expect(t).not.toContain(stop);
    });
  });

  it("returns each token's logprob with its alternatives; their bytes spell the reply", async () => {
    const r = await ok(m.generate([user("the mat")], { maxTokens: 12, logprobs: 2 }));
    const lps = r.logprobs!;
    expect(lps.length).toBeGreaterThan(0);
    expect(lps.length).toBeLessThanOrEqual(r.usage!.completionTokens);
    expect(Buffer.from(lps.flatMap((t) => t.bytes)).toString("utf8")).toBe(r.text);
    for (const t of lps) {
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.top).toHaveLength(2);
      // Greedy: the chosen token is the likeliest.
      expect(t.logprob).toBeCloseTo(t.top[0]!.logprob, 5);
    }
    const bad = await m.generate([user("x")], { logprobs: 21 });
    expect(!bad.ok && bad.error.kind).toBe("bad_request");
  });

  it("continues raw text without the chat template", async () => {
    const r = await ok(m.complete!("the cat sat on", { maxTokens: 5 }));
    expect(r.usage!.promptTokens).toBe(tokenizer.encodeOrdinary("the cat sat on").length);
    const chat = await ok(m.generate([user("the cat sat on")], { maxTokens: 5 }));
    expect(chat.usage!.promptTokens).toBeGreaterThan(r.usage!.promptTokens);
    const empty = await m.complete!("", {});
    expect(!empty.ok && empty.error.kind).toBe("bad_request");
  });

  it("refuses a prompt longer than the context with context_length_exceeded, a huge one untokenised", async () => {
    for (const text of ["the cat sat on the mat. ".repeat(20), "x".repeat(5_000_000)]) {
      const started = performance.now();
      const r = await m.generate([user(text)]);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({
        kind: "bad_request",
        code: "context_length_exceeded",
        retryable: false,
      });
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});
