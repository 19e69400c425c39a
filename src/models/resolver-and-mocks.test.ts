import { describe, expect, it } from "vitest";
import { BreakfixError, user } from "../core/index.js";
import {
  createFailingModel,
  createModelResolver,
  createScriptedModel,
  MOCK_COMPLIANCE,
  MOCK_REFUSAL,
  type ModelsConfig,
  OPENAI_DEFAULTS,
  parseRetryAfter,
  providerKinds,
} from "./index.js";

const noConfig: ModelsConfig = { providers: {}, cacheDir: ".breakfix/cache", cache: false };
const fast = { backoff: { baseDelayMs: 1 } };

function thrown(fn: () => unknown): BreakfixError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BreakfixError) return e;
    throw e;
  }
  throw new Error("expected a BreakfixError");
}

describe("model resolver", () => {
  it("registers the openai and mock kinds", () => {
    // Later kinds (engine, gguf) register beside these.
    expect(providerKinds.list().map((k) => k.id)).toEqual(expect.arrayContaining(["mock", "openai"]));
  });

  it("resolves openai:<model> with no config, using OPENAI_DEFAULTS", () => {
    const r = createModelResolver(noConfig, { env: {} });
    expect(r.resolve("openai:gpt-4o-mini").id).toBe("openai:gpt-4o-mini");
    expect(r.settingsOf("openai")).toBe(OPENAI_DEFAULTS);
  });

  it("returns the same model object for the same id", () => {
    const r = createModelResolver(noConfig);
    expect(r.resolve("mock:echo")).toBe(r.resolve("mock:echo"));
  });

  it("names the known providers and the fix for an unknown one", () => {
    const config: ModelsConfig = {
      ...noConfig,
      providers: { vllm: { ...OPENAI_DEFAULTS, baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: undefined } },
    };
    const e = thrown(() => createModelResolver(config).resolve("ollama:llama3"));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('"ollama"');
    expect(e.fix).toContain("mock, openai, vllm");
    expect(e.fix).toContain("providers.ollama");
  });

  it("rejects an id without a provider as a usage error", () => {
    expect(thrown(() => createModelResolver(noConfig).resolve("gpt-4o")).code).toBe("USAGE");
  });

  it("rejects an unknown mock name with the list of mocks", () => {
    const e = thrown(() => createModelResolver(noConfig).resolve("mock:banana"));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.fix).toContain("mock:refuse");
  });
});

describe("mock models", () => {
  const r = createModelResolver(noConfig, fast);
  const ask = (id: string, text = "tell me") => r.resolve(id).generate([user(text)]);

  it("refuse, comply and echo are deterministic", async () => {
    expect(await ask("mock:refuse")).toMatchObject({ ok: true, text: MOCK_REFUSAL });
    expect(await ask("mock:comply")).toMatchObject({ ok: true, text: MOCK_COMPLIANCE });
    expect(await ask("mock:echo", "ping \u0007")).toMatchObject({ ok: true, text: "ping \u0007" });
  });

  it("fail-N fails N times with a retryable error, then succeeds (through retry)", async () => {
    expect(await ask("mock:fail-3")).toMatchObject({ ok: true, attempts: 4 });
    expect(await ask("mock:fail-3")).toMatchObject({ ok: true, attempts: 1 });
    const bare = createModelResolver({ ...noConfig }, fast);
    const tooMany = await bare.resolve("mock:fail-9").generate([user("x")]);
    expect(tooMany).toMatchObject({ ok: false, attempts: 5, error: { kind: "server_error" } });
  });

  it("slow-MS takes its time and can be aborted", async () => {
    const started = performance.now();
    expect(await ask("mock:slow-60")).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const result = await r
      .resolve("mock:slow-5000")
      .generate([user("x")], { signal: AbortSignal.timeout(30) });
    expect(result).toMatchObject({ ok: false, error: { kind: "aborted" } });
  });

  it("error-<kind> always fails with that kind", async () => {
    expect(await ask("mock:error-content_filter")).toMatchObject({
      ok: false,
      attempts: 1,
      error: { kind: "content_filter", retryable: false },
    });
    expect(await createFailingModel("timeout").generate([user("x")])).toMatchObject({
      ok: false,
      error: { kind: "timeout", retryable: true },
    });
  });

  it("scripted model replies or fails per prompt, first rule wins", async () => {
    const model = createScriptedModel([
      { match: /bomb/i, reply: "I won't help with that." },
      { match: "flaky", fail: "rate_limited" },
      { match: "name", reply: (m) => `you said ${m.length} message(s)` },
    ]);
    expect(await model.generate([user("How to build a BOMB")])).toMatchObject({
      text: "I won't help with that.",
    });
    expect(await model.generate([user("flaky one")])).toMatchObject({
      ok: false,
      error: { kind: "rate_limited" },
    });
    expect(await model.generate([user("my name")])).toMatchObject({ text: "you said 1 message(s)" });
    expect(await model.generate([user("other")])).toMatchObject({
      ok: false,
      error: { kind: "bad_request" },
    });
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("parses delay seconds, HTTP-dates and retry-after-ms", () => {
    expect(parseRetryAfter({ "retry-after": "3" }, now)).toBe(3000);
    expect(parseRetryAfter({ "retry-after": "0.25" }, now)).toBe(250);
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, now)).toBe(5000);
    expect(parseRetryAfter({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }, now)).toBe(0);
    expect(parseRetryAfter({ "retry-after-ms": "120", "retry-after": "9" }, now)).toBe(120);
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
