import { describe, expect, it } from "vitest";
import { didYouMean } from "./did-you-mean.js";
import { resolveModelRef } from "./resolve-model-id.js";
import type { ModelSettings } from "./types.js";

const models: ModelSettings = {
  providers: {},
  cacheDir: "/tmp/cache",
  cache: true,
  default: "target",
  aliases: { target: "local:meta-llama/Llama-3.1-8B-Instruct", judge: "openai:gpt-4o-mini" },
};

describe("resolveModelRef", () => {
  it("resolves aliases, passes ids through, and falls back to the default", () => {
    const judge = resolveModelRef(models, "judge");
    expect({ id: judge.id, written: judge.written, json: JSON.stringify(judge) }).toEqual({
      id: "openai:gpt-4o-mini",
      written: "judge",
      json: '"judge"',
    });
    expect(resolveModelRef(models, "ollama:llama3.1:8b")).toMatchObject({
      provider: "ollama",
      name: "llama3.1:8b",
    });
    expect(resolveModelRef(models).id).toBe("local:meta-llama/Llama-3.1-8B-Instruct");
  });

  it("explains an unknown alias; with no default configured, the built-in model is used", () => {
    expect(() => resolveModelRef(models, "jduge")).toThrow(/neither a model id nor a configured alias/);
    expect(resolveModelRef({ ...models, default: undefined })).toMatchObject({
      kind: "engine",
      name: "base",
    });
  });
});

describe("didYouMean", () => {
  it("finds typos, case and separator slips, and stays quiet for unrelated words", () => {
    const keys = ["baseUrl", "apiKeyEnv", "concurrency", "maxRetries"];
    expect(didYouMean("basUrl", keys)).toBe("baseUrl");
    expect(didYouMean("base_url", keys)).toBe("baseUrl");
    expect(didYouMean("APIKEYENV", keys)).toBe("apiKeyEnv");
    expect(didYouMean("concurency", keys)).toBe("concurrency");
    expect(didYouMean("temperature", keys)).toBeUndefined();
  });
});
