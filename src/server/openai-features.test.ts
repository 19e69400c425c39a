import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatModel } from "../core/index.js";
import { createMockModel, createModelResolver } from "../models/index.js";
import { type ChatServer, startChatServer } from "./chat-server.js";

// What clients of an OpenAI server use beyond a plain reply, driven through the official client against
// the shipped base model: streaming, n, logprobs, stop, /v1/completions, model lookup, and clear 400s.
const base = path.resolve(import.meta.dirname, "../../checkpoints/base");
const EGG = [{ role: "user" as const, content: "How do I boil an egg?" }];
let server: ChatServer;
let client: OpenAI;

beforeAll(async () => {
  const resolver = createModelResolver({
    providers: {},
    cacheDir: path.join(base, ".no-cache"),
    cache: false,
  });
  server = await startChatServer({
    port: 0,
    models: new Map<string, ChatModel>([
      ["engine:base", resolver.resolve(`engine:${base}`)],
      ["mock:echo", createMockModel("echo")],
    ]),
  });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => server.close());

describe("OpenAI server features", () => {
  it("streams a chat reply in chunks that add up to the whole reply, then usage and [DONE]", async () => {
    const whole = await client.chat.completions.create({ model: "engine:base", messages: EGG });
    const stream = await client.chat.completions.create({
      model: "engine:base",
      messages: EGG,
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let role: string | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      const choice = chunk.choices[0];
      role ??= choice?.delta.role;
      if (choice?.delta.content) pieces.push(choice.delta.content);
      finish = choice?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(role).toBe("assistant");
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(whole.choices[0]!.message.content);
    expect(finish).toBe("stop");
    expect(usage).toEqual(whole.usage);
  });

  it("answers n choices, sampled with distinct seeds, usage counting the prompt once", async () => {
    const one = await client.chat.completions.create({ model: "engine:base", messages: EGG, max_tokens: 12 });
    const r = await client.chat.completions.create({
      model: "engine:base",
      messages: EGG,
      n: 3,
      temperature: 1.5,
      seed: 7,
      max_tokens: 12,
    });
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(r.choices.map((c) => c.message.content)).size).toBeGreaterThan(1);
    expect(r.usage!.prompt_tokens).toBe(one.usage!.prompt_tokens);
    expect(r.usage!.completion_tokens).toBeGreaterThan(one.usage!.completion_tokens);
  });

  it("returns logprobs with top alternatives whose bytes spell the reply", async () => {
    const r = await client.chat.completions.create({
      model: "engine:base",
      messages: EGG,
      logprobs: true,
      top_logprobs: 3,
    });
    const content = r.choices[0]!.logprobs!.content!;
    expect(Buffer.from(content.flatMap((t) => t.bytes!)).toString("utf8")).toBe(
      r.choices[0]!.message.content,
    );
    for (const t of content) {
      expect(t.top_logprobs).toHaveLength(3);
      expect(t.logprob).toBeCloseTo(t.top_logprobs[0]!.logprob, 4);
    }
    const mock = client.chat.completions.create({ model: "mock:echo", messages: EGG, logprobs: true });
    await expect(mock).rejects.toMatchObject({ status: 400, code: "logprobs_not_supported" });
  });

  it("stops at a stop string and counts only the tokens generated", async () => {
    const whole = await client.chat.completions.create({ model: "engine:base", messages: EGG });
    const r = await client.chat.completions.create({ model: "engine:base", messages: EGG, stop: ["water"] });
    const text = whole.choices[0]!.message.content!;
    expect(r.choices[0]!.message.content).toBe(text.slice(0, text.indexOf("water")));
    expect(r.choices[0]!.finish_reason).toBe("stop");
    expect(r.usage!.completion_tokens).toBeLessThan(whole.usage!.completion_tokens / 2);
  });

  it("serves /v1/completions, streamed and whole, with legacy logprobs", async () => {
    const prompt = "<|user|>\nHow do I boil an egg?<|end|>\n<|assistant|>\n";
    const r = await client.completions.create({ model: "engine:base", prompt, max_tokens: 8, logprobs: 2 });
    expect(r.object).toBe("text_completion");
    expect(r.choices[0]!.text.length).toBeGreaterThan(0);
    expect(r.choices[0]!.logprobs!.tokens!.join("")).toBe(r.choices[0]!.text);
    expect(r.usage!.completion_tokens).toBeLessThanOrEqual(8);
    const stream = await client.completions.create({
      model: "engine:base",
      prompt,
      max_tokens: 8,
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? "";
    expect(text).toBe(r.choices[0]!.text);
    const two = await client.completions.create({ model: "engine:base", prompt: ["a", "b"], max_tokens: 3 });
    expect(two.choices.map((c) => c.index)).toEqual([0, 1]);
    const chatOnly = client.completions.create({ model: "mock:echo", prompt: "x" });
    await expect(chatOnly).rejects.toMatchObject({ status: 400, code: "completions_not_supported" });
  });

  it("looks a model up by id, encoded or not", async () => {
    expect(await client.models.retrieve("engine:base")).toMatchObject({ id: "engine:base", object: "model" });
    const res = await fetch(`${server.url}/v1/models/${encodeURIComponent("mock:echo")}`);
    expect(await res.json()).toMatchObject({ id: "mock:echo" });
    await expect(client.models.retrieve("nope")).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
  });

  it("refuses an over-long prompt with 400 context_length_exceeded, which clients do not retry", async () => {
    const huge = [{ role: "user" as const, content: "word ".repeat(150_000) }];
    const started = performance.now();
    const r = client.chat.completions.create({ model: "engine:base", messages: huge });
    await expect(r).rejects.toMatchObject({ status: 400, code: "context_length_exceeded" });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("says which parameters it does not support instead of ignoring them", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ response_format: { type: "json_object" } }, /response_format/],
      [{ presence_penalty: 0.5 }, /presence_penalty is not supported/],
      [{ logit_bias: { "50": 10 } }, /logit_bias is not supported/],
      [{ tool_choice: "auto" }, /tool_choice/],
      [{ top_logprobs: 2 }, /top_logprobs needs logprobs/],
    ];
    for (const [extra, message] of cases) {
      const r = client.chat.completions.create({ model: "mock:echo", messages: EGG, ...extra } as never);
      await expect(r).rejects.toMatchObject({ status: 400 });
      await expect(r).rejects.toThrow(message);
    }
    const plain = await client.chat.completions.create({
      model: "mock:echo",
      messages: EGG,
      response_format: { type: "text" },
      presence_penalty: 0,
    });
    expect(plain.choices[0]!.message.content).toBe(EGG[0]!.content);
    const echo = client.completions.create({ model: "engine:base", prompt: "x", echo: true });
    await expect(echo).rejects.toThrow(/echo is not supported/);
  });
});
