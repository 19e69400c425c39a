import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Message, system, user } from "../core/index.js";
import { buildGguf, encodeGguf, exportGguf } from "../engine/formats/index.js";
import { createLlama, forward, type LlamaConfig, type LlamaModel } from "../engine/model/index.js";
import { type BpeTokenizer, renderChat, trainBpe } from "../engine/tokenizer/index.js";
import { ggufProviderKind } from "./gguf-provider-kind.js";
import { createModelResolver } from "./model-resolver.js";
import { GGUF_DEFAULTS } from "./provider-config.js";

async function llamaCppLoads(): Promise<boolean> {
  try {
    const { getLlama } = await import("node-llama-cpp");
    await getLlama({ gpu: false, build: "never", progressLogs: false });
    return true;
  } catch (err) {
    console.warn(`skipping gguf provider tests: node-llama-cpp cannot load here (${(err as Error).message})`);
    return false;
  }
}
const available = await llamaCppLoads();

const tmp = mkdtempSync(path.join(tmpdir(), "breakfix-gguf-model-"));
const provider = ggufProviderKind.create({ name: "gguf", config: GGUF_DEFAULTS, env: {} });
afterAll(async () => {
  await provider.close?.();
  rmSync(tmp, { recursive: true, force: true });
});

const corpus = [
  "hello there, the cat sat on the mat.",
  "Safety first! I can't help with that.",
  "the cat and the hat",
];
const tokenizer = trainBpe(corpus, { vocabSize: 300, minFrequency: 1 });
const config: LlamaConfig = {
  vocabSize: tokenizer.vocabSize,
  dModel: 64,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnDim: 128,
  contextLength: 256,
  ropeTheta: 10000,
  normEps: 1e-5,
  tiedEmbeddings: true,
};
const engine = createLlama(config, 9, 0.2);
// Zero embedding rows (tied, so zero logits) for tokens with non-ASCII bytes: the random model's greedy
// text is then plain ASCII and comparable character by character (an invalid UTF-8 tail is rendered
// differently by the two decoders).
const embed = engine.tensor("model.embed_tokens.weight");
for (let id = 0; id < tokenizer.vocabSize; id++) {
  if (tokenizer.tokenBytes(id).some((b) => b >= 0x80))
    embed.fill(0, id * config.dModel, (id + 1) * config.dModel);
}
const file = path.join(tmp, "tiny.gguf");
exportGguf(file, { config, tensors: [...engine.params], tokenizer }, { dtype: "F32" });

/** The engine's own greedy reply: argmax until an end-of-turn/end-of-text token or maxTokens. */
function engineGreedy(model: LlamaModel, tok: BpeTokenizer, messages: Message[], maxTokens: number): string {
  const ids = renderChat(tok, messages, { addGenerationPrompt: true }).ids;
  const stops = new Set([tok.specialId("<|end|>"), tok.specialId("<|endoftext|>")]);
  const out: number[] = [];
  const V = model.config.vocabSize;
  for (let i = 0; i < maxTokens; i++) {
    const seq = [...ids, ...out];
    const { logits } = forward(model, { tokens: Int32Array.from(seq), B: 1, T: seq.length });
    const last = logits.subarray((seq.length - 1) * V, seq.length * V);
    const next = last.indexOf(Math.max(...last));
    if (stops.has(next)) break;
    out.push(next);
  }
  return tok.decode(out, { skipSpecial: true });
}

describe.skipIf(!available)("gguf: provider (node-llama-cpp)", () => {
  const chat = [system("Be brief."), user("hello there, the cat")];

  it("replies with the engine's greedy continuation under the file's chat template", async () => {
    const model = provider.model(file);
    expect(model.id).toBe(`gguf:${file}`);
    const result = await model.generate(chat, { maxTokens: 12 });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.text).toBe(engineGreedy(engine, tokenizer, chat, 12));
    expect(result.usage?.promptTokens).toBe(
      renderChat(tokenizer, chat, { addGenerationPrompt: true }).ids.length,
    );
    expect(result.usage?.completionTokens).toBeGreaterThan(0);
    expect(["stop", "length"]).toContain(result.finishReason);
  });

  it("uses the engine's chat template for a file that has none", async () => {
    const { metadata, tensors } = buildGguf(
      { config, tensors: [...engine.params], tokenizer },
      { dtype: "F32" },
    );
    metadata.delete("tokenizer.chat_template");
    const bare = path.join(tmp, "no-template.gguf");
    writeFileSync(bare, encodeGguf(metadata, tensors));
    const result = await provider.model(bare).generate(chat, { maxTokens: 12 });
    expect(result.ok && result.text).toBe(engineGreedy(engine, tokenizer, chat, 12));
  });

  it("honours maxTokens, stop strings and seeded sampling", async () => {
    const model = provider.model(file);
    const short = await model.generate(chat, { maxTokens: 2 });
    expect(short.ok && short.usage?.completionTokens).toBe(2);
    expect(short.ok && short.finishReason).toBe("length");
    const full = engineGreedy(engine, tokenizer, chat, 12);
    const cut = full.slice(3, 5);
    const stopped = await model.generate(chat, { maxTokens: 12, stop: [cut] });
    expect(stopped.ok && stopped.text).toBe(full.slice(0, full.indexOf(cut)));
    expect(stopped.ok && stopped.finishReason).toBe("stop");
    const seen: string[] = [];
    const streamed = await model.generate(chat, { maxTokens: 12, onText: (t) => seen.push(t) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(streamed.ok && streamed.text);
    for (const t of seen) expect(full.startsWith(t)).toBe(true);
    const a = await model.generate(chat, { maxTokens: 8, temperature: 1, seed: 7 });
    const b = await model.generate(chat, { maxTokens: 8, temperature: 1, seed: 7 });
    expect(a.ok && b.ok && a.text === b.text).toBe(true);
  });

  it("returns failures as data: aborted, unloadable file", async () => {
    const model = provider.model(file);
    const controller = new AbortController();
    controller.abort();
    const aborted = await model.generate(chat, { signal: controller.signal });
    expect(!aborted.ok && aborted.error.kind).toBe("aborted");
    const midway = new AbortController();
    const pending = model.generate(chat, { maxTokens: 200, signal: midway.signal });
    setTimeout(() => midway.abort(), 5);
    const stoppedMidway = await pending;
    expect(!stoppedMidway.ok && stoppedMidway.error.kind).toBe("aborted");
    const junk = path.join(tmp, "junk.gguf");
    writeFileSync(junk, "not a gguf file");
    // A bad file is bad input when the model is resolved; one spoiled after that is a failure as data.
    expect(() => provider.model(junk)).toThrow(expect.objectContaining({ code: "DATA_INVALID" }));
    const spoiled = path.join(tmp, "spoiled.gguf");
    writeFileSync(spoiled, readFileSync(file));
    const model2 = provider.model(spoiled);
    writeFileSync(spoiled, "not a gguf file");
    const broken = await model2.generate(chat);
    expect(!broken.ok && broken.error.kind).toBe("unknown");
    expect(!broken.ok && broken.error.retryable).toBe(false);
  });

  it("resolves gguf:<path> through the model resolver with no config", async () => {
    const resolver = createModelResolver({ providers: {}, cacheDir: tmp, cache: false });
    try {
      const result = await resolver.resolve(`gguf:${file}`).generate(chat, { maxTokens: 12 });
      expect(result.ok && result.text).toBe(engineGreedy(engine, tokenizer, chat, 12));
    } finally {
      await resolver.close();
    }
  });

  it("refuses a path that does not exist with a fix", () => {
    expect(() => provider.model(path.join(tmp, "missing.gguf"))).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });
});
