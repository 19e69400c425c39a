import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ChatModel, createRng, sleep, user, wrapModel } from "../core/index.js";
import {
  createModelResolver,
  createProviderLimits,
  createScriptedModel,
  createTokenBucket,
  createUsageMeter,
  type ModelResolver,
  type ModelsConfig,
  type OpenAICompatibleConfig,
  rateLimit,
  recordCalls,
  retry,
} from "./index.js";
import { type StubChatServer, startStubChatServer } from "./testing/stub-chat-server.js";

let server: StubChatServer;
let cacheDir: string;
const resolvers: ModelResolver[] = [];

beforeAll(async () => {
  server = await startStubChatServer();
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(resolvers.splice(0).map((r) => r.close()));
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

function resolver(over: Partial<OpenAICompatibleConfig> = {}, globalCache = true): ModelResolver {
  cacheDir = mkdtempSync(path.join(tmpdir(), "breakfix-cache-"));
  const config: ModelsConfig = {
    providers: {
      stub: {
        type: "openai",
        baseUrl: server.baseUrl,
        headers: {},
        concurrency: 4,
        timeoutMs: 5000,
        maxRetries: 0,
        cache: false,
        ...over,
      },
    },
    cacheDir,
    cache: globalCache,
  };
  const r = createModelResolver(config, { env: {}, backoff: { baseDelayMs: 5 } });
  resolvers.push(r);
  return r;
}

describe("response cache", () => {
  it("returns the byte-identical reply with zero server hits the second time", async () => {
    let n = 0;
    // Every live reply differs, so a repeat can only come from the cache.
    server.setHandler(() => ({ reply: `reply #${++n} ünïcødé \u2028 \ud83d\ude00` }));
    const model = resolver({ cache: true }).resolve("stub:m");
    const first = await model.generate([user("same prompt")], { seed: 1 });
    const hitsAfterFirst = server.hits;
    const second = await model.generate([user("same prompt")], { seed: 1 });
    expect(server.hits).toBe(hitsAfterFirst);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(Buffer.from(second.text).equals(Buffer.from(first.text))).toBe(true);
      expect(second).toMatchObject({ cached: true, attempts: 0, finishReason: "stop", usage: first.usage });
    }
    // A different seed is a different request.
    await model.generate([user("same prompt")], { seed: 2 });
    expect(server.hits).toBe(hitsAfterFirst + 1);
  });

  it("does not cache failures", async () => {
    server.setHandler(() => ({ status: 500 }));
    const model = resolver({ cache: true }).resolve("stub:m");
    await model.generate([user("x")]);
    const before = server.hits;
    await model.generate([user("x")]);
    expect(server.hits).toBe(before + 1);
  });

  it("can be turned off per provider and globally", async () => {
    server.setHandler(() => ({ reply: "r" }));
    for (const r of [resolver({ cache: false }), resolver({ cache: true }, false)]) {
      const model = r.resolve("stub:m");
      const before = server.hits;
      await model.generate([user("p")]);
      const again = await model.generate([user("p")]);
      expect(server.hits).toBe(before + 2);
      expect(again.cached).toBeUndefined();
    }
  });
});

describe("rate limits", () => {
  it("never exceeds the provider's concurrency at the server, across models of the provider", async () => {
    server.setHandler(() => ({ reply: "slow", delayMs: 20 }));
    server.resetPeak();
    const r = resolver({ concurrency: 3 });
    const a = r.resolve("stub:a");
    const b = r.resolve("stub:b");
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).generate([user(`q${i}`)])),
    );
    expect(results.every((x) => x.ok)).toBe(true);
    expect(server.peakInFlight).toBe(3);
  });

  it("shares one concurrency limit between all models wrapped with the same limits", async () => {
    let active = 0;
    let peak = 0;
    const slow = (id: string): ChatModel => ({
      id,
      async generate() {
        peak = Math.max(peak, ++active);
        await sleep(5);
        active--;
        return { ok: true, text: "", finishReason: "stop", latencyMs: 5 };
      },
    });
    const limits = createProviderLimits({
      type: "mock",
      concurrency: 2,
      timeoutMs: 1000,
      maxRetries: 0,
      cache: false,
    });
    const models = ["x:a", "x:b", "x:c"].map((id) => wrapModel(slow(id), [rateLimit(limits)]));
    await Promise.all(Array.from({ length: 12 }, (_, i) => models[i % 3]!.generate([user("q")])));
    expect(peak).toBe(2);
  });

  it("delays requests beyond the requests-per-minute bucket", async () => {
    server.setHandler(() => ({ reply: "fast" }));
    // 1200/min = 20/s with a one-second burst of 20: 30 requests need about half a second more.
    const model = resolver({ concurrency: 64, requestsPerMinute: 1200 }).resolve("stub:m");
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => model.generate([user(`r${i}`)])));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
  });

  it("charges the tokens the server reports against tokens-per-minute", async () => {
    // 60k/min = 1000/s with a 1000-token burst; a reply reported as ~1500 tokens overdraws by ~500.
    const limits = createProviderLimits({
      type: "mock",
      concurrency: 4,
      tokensPerMinute: 60_000,
      timeoutMs: 1000,
      maxRetries: 0,
      cache: false,
    });
    const model = wrapModel(createScriptedModel([], { fallback: "x".repeat(6000) }), [rateLimit(limits)]);
    await model.generate([user("q")], { maxTokens: 10 });
    const started = performance.now();
    await model.generate([user("q")], { maxTokens: 10 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("paces a token bucket and serves a take larger than its capacity", async () => {
    const bucket = createTokenBucket(6000); // 100/s, capacity 100
    const started = performance.now();
    await bucket.take(100);
    expect(performance.now() - started).toBeLessThan(20);
    await bucket.take(5); // the bucket is empty: 5 units take ~50 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    const controller = new AbortController();
    const big = bucket.take(1000, controller.signal);
    controller.abort();
    await expect(big).rejects.toMatchObject({ code: "ABORTED" });
  });
});

describe("retry, record and usage", () => {
  it("draws the same backoff schedule for the same seed", async () => {
    const delays = async (seed: number): Promise<number[]> => {
      const times: number[] = [];
      const inner = createScriptedModel([{ match: "x", fail: "server_error" }]);
      const timed: ChatModel = {
        id: inner.id,
        generate(m) {
          times.push(performance.now());
          return inner.generate(m);
        },
      };
      const model = wrapModel(timed, [retry({ maxRetries: 3, rng: createRng(seed), baseDelayMs: 20 })]);
      const result = await model.generate([user("x")]);
      expect(result).toMatchObject({ ok: false, attempts: 4 });
      return times.slice(1).map((t, i) => t - (times[i] as number));
    };
    const a = await delays(7);
    expect(a).toHaveLength(3);
    // Full jitter: each wait is within [0, base * 2^k] (plus timer slack).
    a.forEach((d, k) => {
      expect(d).toBeLessThan(20 * 2 ** k + 30);
    });
  });

  it("records every call and meters usage per model", async () => {
    const meter = createUsageMeter();
    const records: unknown[] = [];
    const r = createModelResolver(
      { providers: {}, cacheDir: "unused", cache: false },
      { meter, record: (rec) => void records.push(rec), backoff: { baseDelayMs: 1 } },
    );
    resolvers.push(r);
    await r.resolve("mock:comply").generate([user("hi")]);
    await r.resolve("mock:fail-2").generate([user("hi")]);
    await r.resolve("mock:error-auth").generate([user("hi")]);
    const usage = meter.snapshot();
    expect(usage["mock:comply"]).toMatchObject({ requests: 1, attempts: 1, promptTokens: 1 });
    expect(usage["mock:fail-2"]).toMatchObject({ requests: 1, attempts: 3, failures: {} });
    expect(usage["mock:error-auth"]).toMatchObject({ requests: 1, failures: { auth: 1 } });
    expect(records).toHaveLength(3);
  });

  it("redacts registered secrets from records", async () => {
    const { registerSecret } = await import("../core/index.js");
    registerSecret("hunter2-very-secret");
    const seen: string[] = [];
    const model = wrapModel(createScriptedModel([], { fallback: "the password is hunter2-very-secret" }), [
      recordCalls((rec) => void seen.push(JSON.stringify(rec))),
    ]);
    const result = await model.generate([user("say hunter2-very-secret")]);
    expect(result.ok).toBe(true);
    expect(seen[0]).not.toContain("hunter2-very-secret");
    expect(seen[0]).toContain("[REDACTED]");
  });
});
