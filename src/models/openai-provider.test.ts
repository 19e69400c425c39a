import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { user } from "../core/index.js";
import {
  createModelResolver,
  type ModelCallRecord,
  type ModelResolver,
  type ModelsConfig,
  type OpenAICompatibleConfig,
} from "./index.js";
import {
  completionBody,
  type StubAction,
  type StubChatServer,
  startStubChatServer,
} from "./testing/stub-chat-server.js";

const KEY = "sk-test-SECRET-0123456789abcdef";
let server: StubChatServer;
let cacheDir: string;
const resolvers: ModelResolver[] = [];

beforeAll(async () => {
  server = await startStubChatServer({ keepRequests: true });
  cacheDir = mkdtempSync(path.join(tmpdir(), "breakfix-models-"));
});
afterAll(async () => {
  await server.close();
  rmSync(cacheDir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(resolvers.splice(0).map((r) => r.close()));
});

function resolver(over: Partial<OpenAICompatibleConfig> = {}, extra: { record?: ModelCallRecord[] } = {}) {
  const config: ModelsConfig = {
    providers: {
      stub: {
        type: "openai",
        baseUrl: server.baseUrl,
        apiKeyEnv: "STUB_KEY",
        headers: { "x-route": "blue" },
        concurrency: 4,
        timeoutMs: 5000,
        maxRetries: 0,
        cache: false,
        ...over,
      },
    },
    cacheDir,
    cache: true,
  };
  const r = createModelResolver(config, {
    env: { STUB_KEY: KEY },
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    ...(extra.record && { record: (rec: ModelCallRecord) => void extra.record?.push(rec) }),
  });
  resolvers.push(r);
  return r;
}

const hello = [user("hello")];

describe("openai provider against a real HTTP server", () => {
  it("sends model, messages, params, key and headers; maps a 200 to a success", async () => {
    server.setHandler(() => ({ reply: "hi there" }));
    const result = await resolver()
      .resolve("stub:tiny-model")
      .generate(hello, { maxTokens: 5, temperature: 0, seed: 3, stop: ["\n"] });
    expect(result).toMatchObject({
      ok: true,
      text: "hi there",
      finishReason: "stop",
      usage: { promptTokens: 7, completionTokens: 3 },
      model: "stub-model",
      attempts: 1,
    });
    const req = server.requests.at(-1)!;
    expect(req.headers["authorization"]).toBe(`Bearer ${KEY}`);
    expect(req.headers["x-route"]).toBe("blue");
    expect(JSON.parse(req.body)).toEqual({
      model: "tiny-model",
      messages: [{ role: "user", content: "hello" }],
      max_tokens: 5,
      temperature: 0,
      seed: 3,
      stop: ["\n"],
    });
  });

  it("keeps a query string in baseUrl (Azure api-version) and sends the key in a custom header", async () => {
    server.setHandler(() => ({ reply: "azure" }));
    const r = resolver({ baseUrl: `${server.baseUrl}/?api-version=2024-06-01`, apiKeyHeader: "api-key" });
    expect(await r.resolve("stub:deployment").generate(hello)).toMatchObject({ ok: true, text: "azure" });
    const req = server.requests.at(-1)!;
    expect(req.url).toBe("/v1/chat/completions?api-version=2024-06-01");
    expect(req.headers["api-key"]).toBe(KEY);
    expect(req.headers["authorization"]).toBeUndefined();
  });

  const cases: Array<[string, StubAction, object]> = [
    ["500", { status: 500 }, { kind: "server_error", status: 500, retryable: true }],
    ["503", { status: 503 }, { kind: "server_error", status: 503, retryable: true }],
    ["429", { status: 429, headers: { "retry-after": "2" } }, { kind: "rate_limited", retryAfterMs: 2000 }],
    ["401", { status: 401 }, { kind: "auth", status: 401, retryable: false }],
    ["403", { status: 403 }, { kind: "auth", status: 403 }],
    ["400", { status: 400, body: '{"error":{"message":"max_tokens too large"}}' }, { kind: "bad_request" }],
    ["hang", { hang: true }, { kind: "timeout", retryable: true }],
    ["truncated body", { truncate: true }, { kind: "bad_response" }],
    ["non-JSON 200", { raw: "<html>oops</html>" }, { kind: "bad_response", retryable: true }],
    ["missing choices", { raw: '{"object":"chat.completion"}' }, { kind: "bad_response", retryable: true }],
    ["empty choices", { raw: '{"choices":[]}' }, { kind: "bad_response", retryable: true }],
    ["a choice without text", { raw: '{"choices":[{"message":{}}]}' }, { retryable: false }],
  ];
  for (const [name, action, error] of cases) {
    it(`maps ${name} to a recorded failure`, async () => {
      server.setHandler(() => action);
      // A short timeout only where the server hangs; elsewhere room for a loaded machine.
      const r = resolver({ timeoutMs: "hang" in action ? 150 : 5000 });
      const result = await r.resolve("stub:m").generate(hello);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject(error);
      expect(result.attempts).toBe(1);
    });
  }

  it("carries the server's error message for other 4xx", async () => {
    server.setHandler(() => ({ status: 400, body: '{"error":{"message":"max_tokens too large"}}' }));
    const result = await resolver().resolve("stub:m").generate(hello);
    expect(!result.ok && result.error.message).toContain("max_tokens too large");
  });

  it("maps a refused connection to network", async () => {
    const r = resolver({ baseUrl: "http://127.0.0.1:1/v1" });
    const result = await r.resolve("stub:m").generate(hello);
    expect(!result.ok && result.error.kind).toBe("network");
  });

  it("retries retryable failures a bounded number of times", async () => {
    server.setHandler(() => ({ status: 503 }));
    const before = server.hits;
    const result = await resolver({ maxRetries: 2 }).resolve("stub:m").generate(hello);
    expect(result).toMatchObject({ ok: false, attempts: 3, error: { kind: "server_error" } });
    expect(server.hits - before).toBe(3);
  });

  it.each([
    ["malformed JSON", "not JSON", '{"choices":[{"message":{"content":"hi"'],
    ["empty choices", "empty choices", '{"choices":[]}'],
  ])(
    "retries %s a bounded number of times, then records the failure with its reason",
    async (_n, reason, raw) => {
      server.setHandler(() => ({ raw }));
      const before = server.hits;
      const result = await resolver({ maxRetries: 2 }).resolve("stub:m").generate(hello);
      expect(result).toMatchObject({ ok: false, attempts: 3, error: { kind: "bad_response" } });
      expect(!result.ok && result.error.message).toContain(reason);
      expect(server.hits - before).toBe(3);
      // A good reply after one garbled one is a success on the second attempt.
      let first = 0;
      server.setHandler((r) => {
        first ||= r.n;
        return r.n === first ? { raw } : { reply: "fine" };
      });
      const recovered = await resolver({ maxRetries: 2 }).resolve("stub:m").generate(hello);
      expect(recovered).toMatchObject({ ok: true, text: "fine", attempts: 2 });
    },
  );

  it("does not retry non-retryable failures", async () => {
    server.setHandler(() => ({ status: 401 }));
    const before = server.hits;
    const result = await resolver({ maxRetries: 3 }).resolve("stub:m").generate(hello);
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(server.hits - before).toBe(1);
  });

  it("honours Retry-After and then succeeds", async () => {
    let first = 0;
    server.setHandler((r) => {
      first ||= r.n;
      return r.n === first ? { status: 429, headers: { "retry-after": "0.2" } } : { reply: "after wait" };
    });
    const started = performance.now();
    const result = await resolver({ maxRetries: 2 }).resolve("stub:m").generate(hello);
    expect(result).toMatchObject({ ok: true, text: "after wait", attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("retries a hang past the timeout and recovers", async () => {
    let first = 0;
    server.setHandler((r) => {
      first ||= r.n;
      return r.n === first ? { hang: true } : { reply: "second try" };
    });
    const result = await resolver({ maxRetries: 1, timeoutMs: 150 }).resolve("stub:m").generate(hello);
    expect(result).toMatchObject({ ok: true, text: "second try", attempts: 2 });
  });

  it("returns aborted when the caller cancels, without waiting for the timeout", async () => {
    server.setHandler(() => ({ hang: true }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await resolver({ timeoutMs: 5000, maxRetries: 3 })
      .resolve("stub:m")
      .generate(hello, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "aborted", retryable: false } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("fails with auth, without a call, when the key variable is unset", async () => {
    const r = createModelResolver(
      {
        providers: {
          stub: {
            type: "openai",
            baseUrl: server.baseUrl,
            apiKeyEnv: "NOPE_KEY",
            headers: {},
            concurrency: 1,
            timeoutMs: 300,
            maxRetries: 2,
            cache: false,
          },
        },
        cacheDir,
        cache: false,
      },
      { env: {} },
    );
    resolvers.push(r);
    const before = server.hits;
    const result = await r.resolve("stub:m").generate(hello);
    expect(result).toMatchObject({ ok: false, error: { kind: "auth" } });
    expect(!result.ok && result.error.message).toContain("NOPE_KEY");
    expect(server.hits).toBe(before);
  });

  it("never lets the API key into results, errors, records or cache files", async () => {
    const records: ModelCallRecord[] = [];
    // A hostile server echoing the Authorization header back in both errors and replies.
    server.setHandler((r) =>
      r.body.includes("fail")
        ? {
            status: 400,
            body: JSON.stringify({ error: { message: `bad key ${r.headers["authorization"]}` } }),
          }
        : { raw: completionBody(`your key is ${KEY}`) },
    );
    const r = resolver({ cache: true }, { record: records });
    const model = r.resolve("stub:m");
    const results = [await model.generate([user("fail please")]), await model.generate([user("ok")])];
    expect(server.requests.at(-1)?.headers["authorization"]).toBe(`Bearer ${KEY}`);
    const failed = results[0]!;
    expect(!failed.ok && failed.error.message).toContain("[REDACTED]");
    expect(JSON.stringify(results)).not.toContain(KEY);
    expect(JSON.stringify(records)).not.toContain(KEY);
    expect(records).toHaveLength(2);
    const files = walk(path.join(cacheDir, "responses"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f, "utf8")).not.toContain("sk-test-SECRET");
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
