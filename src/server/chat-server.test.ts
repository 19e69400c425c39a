import { mkdtempSync } from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatModel } from "../core/index.js";
import { saveCheckpoint } from "../engine/formats/index.js";
import { createLlama } from "../engine/model/index.js";
import { trainBpe } from "../engine/tokenizer/index.js";
import { createFailingModel, createMockModel, createModelResolver } from "../models/index.js";
import { type ChatServer, startChatServer } from "./chat-server.js";

function tinyEngineModel(): ChatModel {
  const dir = mkdtempSync(path.join(tmpdir(), "serve-ckpt-"));
  const tokenizer = trainBpe("the cat sat on the mat. ".repeat(20), { vocabSize: 280 });
  const config = {
    vocabSize: tokenizer.vocabSize,
    dModel: 16,
    nLayers: 1,
    nHeads: 2,
    nKvHeads: 2,
    ffnDim: 32,
    contextLength: 64,
    ropeTheta: 10000,
    normEps: 1e-5,
    tiedEmbeddings: true,
  };
  saveCheckpoint(dir, { config, tensors: [...createLlama(config, 3).params], tokenizer });
  return createModelResolver({ providers: {}, cacheDir: path.join(dir, "cache"), cache: false }).resolve(
    `engine:${dir}`,
  );
}

let server: ChatServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startChatServer({
    port: 0,
    maxBodyBytes: 4096,
    models: new Map<string, ChatModel>([
      ["mock:echo", createMockModel("echo")],
      ["engine:tiny", tinyEngineModel()],
      ["mock:broken", createFailingModel("server_error")],
    ]),
  });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => server.close());

function raw(
  method: string,
  route: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: { error: Record<string, unknown> }; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${route}`,
      { method, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), headers: res.headers }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("OpenAI-compatible server", () => {
  it("refuses what a web page could send: a text/plain POST, a foreign Origin, a rebound Host", async () => {
    const body = JSON.stringify({ model: "mock:echo", messages: [{ role: "user", content: "hi" }] });
    const chat = "/v1/chat/completions";
    expect((await raw("POST", chat, body, { "content-type": "text/plain" })).status).toBe(415);
    const foreign = await raw("POST", chat, body, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error["message"]).toMatch(/cross-origin/);
    expect((await raw("GET", "/v1/models", undefined, { origin: "https://evil.example" })).status).toBe(403);
    const port = new URL(server.url).port;
    expect((await raw("POST", chat, body, { host: `evil.example:${port}` })).status).toBe(403);
    // Its own origin, and API clients with no Origin at all, pass.
    expect(
      (await raw("POST", chat, body, { origin: `http://localhost:${port}`, host: `localhost:${port}` }))
        .status,
    ).toBe(200);
    expect((await raw("POST", chat, body)).status).toBe(200);
  });

  it("listens on loopback by default", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers the openai client: chat completion and model list", async () => {
    const r = await client.chat.completions.create({
      model: "mock:echo",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hello there" },
      ],
      max_tokens: 16,
    });
    expect(r.object).toBe("chat.completion");
    expect(r.choices[0]?.message).toMatchObject({ role: "assistant", content: "hello there" });
    expect(r.choices[0]?.finish_reason).toBe("stop");
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["mock:echo", "engine:tiny", "mock:broken"]);
  });

  it("serves an engine checkpoint with token usage", async () => {
    const r = await client.chat.completions.create({
      model: "engine:tiny",
      messages: [{ role: "user", content: "the cat" }],
      max_tokens: 5,
      temperature: 0,
    });
    expect(r.choices[0]?.finish_reason).toMatch(/stop|length/);
    expect(r.usage?.completion_tokens).toBeGreaterThan(0);
    expect(r.usage?.total_tokens).toBe((r.usage?.prompt_tokens ?? 0) + (r.usage?.completion_tokens ?? 0));
  });

  it("maps errors to OpenAI-shaped responses the client understands", async () => {
    const notFound = client.chat.completions.create({
      model: "nope",
      messages: [{ role: "user", content: "x" }],
    });
    await expect(notFound).rejects.toMatchObject({ status: 404, code: "model_not_found", param: "model" });
    const failed = client.chat.completions.create({
      model: "mock:broken",
      messages: [{ role: "user", content: "x" }],
    });
    await expect(failed).rejects.toMatchObject({ status: 500, code: "server_error", type: "server_error" });
    await expect(failed).rejects.toThrow(/mock:broken failed/);
  });

  it("rejects bad requests with 400, wrong routes 404, wrong methods 405, huge bodies 413", async () => {
    const bad = await raw("POST", "/v1/chat/completions", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(Object.keys(bad.json.error).sort()).toEqual(["code", "message", "param", "type"]);

    const noMessages = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "mock:echo", messages: [] }),
    );
    expect(noMessages.status).toBe(400);
    expect(noMessages.json.error.param).toBe("messages");

    const badRole = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "mock:echo", messages: [{ role: "wizard", content: "hi" }] }),
    );
    expect(badRole.json.error.param).toBe("messages.0.role");

    const tools = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "mock:echo", tools: [], messages: [{ role: "user", content: "hi" }] }),
    );
    expect(tools.status).toBe(400);
    expect(String(tools.json.error["message"])).toMatch(/tools are not supported/);

    const temp = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "mock:echo", temperature: 9, messages: [{ role: "user", content: "hi" }] }),
    );
    expect(temp.json.error.param).toBe("temperature");

    expect((await raw("GET", "/v1/nothing")).status).toBe(404);
    const wrongMethod = await raw("GET", "/v1/chat/completions");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
    expect((await raw("DELETE", "/v1/models")).status).toBe(405);

    const huge = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "mock:echo", messages: [{ role: "user", content: "x".repeat(10_000) }] }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("request_too_large");
  });
});
