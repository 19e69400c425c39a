import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { BreakfixError } from "../core/index.js";
import type { OpenAICompatibleConfig } from "../models/provider-config.js";
import { OPENAI_DEFAULTS } from "../models/provider-config.js";
import { BUILTIN_AREAS } from "../taxonomy/index.js";
import { loadConfig, STARTER_CONFIG } from "./index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "breakfix-config-"));
});

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

const load = (opts: { file?: string; sets?: string[]; env?: Record<string, string> } = {}) =>
  loadConfig({ file: opts.file, sets: opts.sets ?? [], cwd: dir, env: opts.env ?? {} });

async function loadError(opts: Parameters<typeof load>[0]): Promise<BreakfixError> {
  try {
    await load(opts);
  } catch (err) {
    if (err instanceof BreakfixError) return err;
    throw err;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig: defaults and files", () => {
  it("runs on defaults when there is no breakfix.yaml", async () => {
    const config = await load();
    expect(config.file).toBeUndefined();
    expect(config.db).toBe(path.join(dir, ".breakfix/breakfix.db"));
    expect(config.models.cacheDir).toBe(path.join(dir, ".breakfix/cache"));
    expect(config.models.cache).toBe(true);
    expect(config.models.providers).toEqual({ openai: OPENAI_DEFAULTS });
    expect(config.models.aliases).toEqual({});
    expect(config.models.default).toBeUndefined();
    expect(config.datasets).toEqual({ root: path.join(dir, ".breakfix/datasets"), sources: {} });
    expect(config.taxonomy.areas.map((a) => a.id)).toEqual(BUILTIN_AREAS.map((a) => a.id));
  });

  it("reads ./breakfix.yaml when present; an empty or comment-only file means defaults", async () => {
    write("breakfix.yaml", "# nothing yet\n");
    const config = await load();
    expect(config.file).toBe(path.join(dir, "breakfix.yaml"));
    expect(config.models.cache).toBe(true);
  });

  it("$BREAKFIX_CONFIG names the file when --config is absent", async () => {
    write("conf/other.yaml", "cache: false\n");
    expect((await load({ env: { BREAKFIX_CONFIG: "conf/other.yaml" } })).models.cache).toBe(false);
  });

  it("resolves relative paths against the config file's directory, --set paths against cwd", async () => {
    const file = write("project/conf/breakfix.yaml", "db: data/runs.db\ncacheDir: ../cache\n");
    const config = await load({ file, sets: ["datasets.root=sets"] });
    expect(config.baseDir).toBe(path.join(dir, "project/conf"));
    expect(config.db).toBe(path.join(dir, "project/conf/data/runs.db"));
    expect(config.models.cacheDir).toBe(path.join(dir, "project/cache"));
    expect(config.datasets.root).toBe(path.join(dir, "sets"));
  });

  it("fills provider defaults; only the built-in openai provider inherits OPENAI_API_KEY", async () => {
    write(
      "breakfix.yaml",
      [
        "providers:",
        "  openai:",
        "    concurrency: 2",
        "  local:",
        "    baseUrl: http://127.0.0.1:8000/v1",
        "    requestsPerMinute: 30",
        "  azure:",
        "    baseUrl: https://r.openai.azure.com/openai/deployments/d",
        "    apiKeyEnv: AZURE_KEY",
        "    apiKeyHeader: api-key",
        "    headers: {api-version: '2024-10-21'}",
      ].join("\n"),
    );
    const { providers } = (await load()).models;
    expect(providers["openai"]).toEqual({ ...OPENAI_DEFAULTS, concurrency: 2 });
    expect(providers["local"]).toEqual({
      type: "openai",
      baseUrl: "http://127.0.0.1:8000/v1",
      headers: {},
      concurrency: 8,
      requestsPerMinute: 30,
      timeoutMs: 60_000,
      maxRetries: 4,
      cache: true,
    });
    expect(providers["local"]).not.toHaveProperty("apiKeyEnv");
    expect(providers["azure"]).toMatchObject({
      apiKeyEnv: "AZURE_KEY",
      apiKeyHeader: "api-key",
      headers: { "api-version": "2024-10-21" },
    });
  });

  it("supports anchors and `<<` merge keys so providers can share settings", async () => {
    write(
      "breakfix.yaml",
      [
        "providers:",
        "  a: &slow",
        "    baseUrl: http://127.0.0.1:8000/v1",
        "    timeoutMs: 300000",
        "  b:",
        "    <<: *slow",
        "    baseUrl: http://127.0.0.1:8001/v1",
      ].join("\n"),
    );
    const { providers } = (await load()).models;
    expect(providers["b"]).toMatchObject({ baseUrl: "http://127.0.0.1:8001/v1", timeoutMs: 300_000 });
  });

  it("adds config harm areas and overrides built-in texts, keeping the built-in source", async () => {
    write(
      "breakfix.yaml",
      [
        "taxonomy:",
        "  areas:",
        "    - id: election-integrity",
        "      name: Election integrity",
        "      description: Misleading voters.",
        "      bands: {very_low: facts, low: opinion, medium: false claims, high: suppression campaigns}",
        "    - id: violence",
        "      name: Violence (team policy)",
      ].join("\n"),
    );
    const config = await load();
    expect(config.configuredAreas).toEqual(["election-integrity", "violence"]);
    expect(config.taxonomy.get("election-integrity").source).toBe("custom");
    expect(config.taxonomy.rubric("election-integrity")).toContain("In this area: suppression campaigns");
    const violence = config.taxonomy.get("violence");
    expect(violence.name).toBe("Violence (team policy)");
    expect(violence.source).toBe("phi3");
    expect(violence.bands).toEqual(BUILTIN_AREAS.find((a) => a.id === "violence")?.bands);
  });

  it("the starter config and breakfix.example.yaml are valid", async () => {
    const starter = await load({ file: write("starter.yaml", STARTER_CONFIG) });
    expect(Object.keys(starter.models.providers)).toEqual(["openai", "local"]);
    const example = await loadConfig({
      file: path.resolve(import.meta.dirname, "../../breakfix.example.yaml"),
      sets: [],
      cwd: dir,
      env: {},
    });
    expect(Object.keys(example.models.providers)).toEqual([
      "openai",
      "local",
      "ollama",
      "gguf",
      "azure",
      "gateway",
    ]);
    expect(example.models.default).toBe("target");
    expect(example.configuredAreas).toContain("election-integrity");
  });
});

describe("loadConfig: --set overrides", () => {
  it("types values as YAML scalars and creates sections", async () => {
    const config = await load({
      sets: [
        "providers.local.baseUrl=http://127.0.0.1:11434/v1",
        "providers.local.concurrency=4",
        "providers.local.requestsPerMinute=1.5",
        "cache=false",
        "providers.local.headers={x-team: safety}",
        "models.aliases.judge=openai:gpt-4o-mini",
      ],
    });
    const local = config.models.providers["local"] as OpenAICompatibleConfig | undefined;
    expect(local?.concurrency).toBe(4);
    expect(local?.requestsPerMinute).toBe(1.5);
    expect(local?.headers).toEqual({ "x-team": "safety" });
    expect(config.models.cache).toBe(false);
    expect(config.models.aliases).toEqual({ judge: "openai:gpt-4o-mini" });
  });

  it("overrides the file and the last --set wins", async () => {
    write("breakfix.yaml", "providers:\n  openai:\n    concurrency: 2\n");
    const config = await load({ sets: ["providers.openai.concurrency=3", "providers.openai.concurrency=5"] });
    expect(config.models.providers["openai"]?.concurrency).toBe(5);
  });

  it("names the --set argument when its value is invalid", async () => {
    write("breakfix.yaml", "providers:\n  local:\n    baseUrl: http://127.0.0.1:8000/v1\n");
    const err = await loadError({ sets: ["providers.local.concurrency=many"] });
    expect(err.code).toBe("CONFIG_INVALID");
    expect(err.toLine()).toBe(
      '--set providers.local.concurrency=many: expected a number, got "many". Fix: a whole number from 1 to 1024, e.g. `concurrency: 4`',
    );
  });

  it("blames a --set that creates a provider without baseUrl, and one without `=`", async () => {
    expect((await loadError({ sets: ["providers.x.concurrency=2"] })).location?.field).toBe(
      "--set providers.x.concurrency=2",
    );
    const err = await loadError({ sets: ["cache"] });
    expect(err.toLine()).toMatch(/^--set cache: expected key=value\. Fix: /);
  });

  it("hides a --set value that may be a key", async () => {
    const key = "sk-live-0123456789abcdefghijklmnop";
    const err = await loadError({ sets: [`providers.openai.apiKeyEnv=${key}`] });
    expect(err.toLine()).toMatch(
      /^--set providers\.openai\.apiKeyEnv=<hidden>: apiKeyEnv looks like an API key/,
    );
    expect(err.toLine()).not.toContain(key);
    expect((await loadError({ sets: [key] })).toLine()).not.toContain(key);
  });

  it("rejects a --set below a single value and __proto__ paths", async () => {
    write("breakfix.yaml", "cache: true\n");
    expect((await loadError({ sets: ["cache.x=1"] })).toLine()).toMatch(
      /^--set cache\.x=1: "cache" is a single value, not a section\. Fix: /,
    );
    expect((await loadError({ sets: ["__proto__.polluted=1"] })).code).toBe("CONFIG_INVALID");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("loadConfig: error locations", () => {
  const cases: [string, string, string][] = [
    [
      "providers:\n  local:\n    baseUrl: http://127.0.0.1:8000/v1\n    concurrency: -1\n",
      "breakfix.yaml:4:18: providers.local.concurrency: must be ≥ 1 (got -1).",
      "a whole number from 1 to 1024",
    ],
    [
      "cache: true\nprovider:\n  local: {}\n",
      'breakfix.yaml:2:1: provider: unknown key "provider".',
      "did you mean `providers`?",
    ],
    [
      "models:\n  aliases:\n    judge: openai:gpt-4o-mini\n    target: gpt-4o\n",
      'breakfix.yaml:4:13: models.aliases.target: "gpt-4o" is not a model id of the form `provider:name`.',
      "`openai:gpt-4o-mini`",
    ],
    [
      "providers:\n  local:\n\tbaseUrl: http://x/v1\n",
      "breakfix.yaml:3:1: invalid YAML: Tabs are not allowed as indentation.",
      "never tabs",
    ],
    [
      "db: a.db\ndb: b.db\n",
      "breakfix.yaml:2:1: invalid YAML: Map keys must be unique.",
      "each key may appear once",
    ],
    [
      "providers:\n  local:\n    concurrency: 2\n",
      'breakfix.yaml:2:3: providers.local: provider "local" has no baseUrl.',
      "baseUrl:",
    ],
    [
      "datasets:\n  sources:\n    hb:\n      url: https://m.example/x.csv\n      sha256: 0123\n",
      "breakfix.yaml:5:15: datasets.sources.hb.sha256: expected text, got 123.",
      "put the value in quotes",
    ],
  ];
  it.each(cases)("%j → %s", async (text, line, fix) => {
    write("breakfix.yaml", text);
    const err = await loadError({});
    expect(err.code).toBe("CONFIG_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.toLine().startsWith(line)).toBe(true);
    expect(err.fix).toContain(fix);
  });

  it("reports the first problem in file order and counts the rest", async () => {
    write("breakfix.yaml", "cache: maybe\nproviders:\n  local:\n    baseUrl: nope\n    concurrency: 0\n");
    const err = await loadError({});
    expect(err.location).toEqual({ file: "breakfix.yaml", line: 1, column: 8, field: "cache" });
    expect(err.message).toBe('expected true or false, got "maybe" (and 2 more problems)');
  });

  it("never echoes a literal API key written as apiKeyEnv", async () => {
    const key = "sk-proj-Zx81bQ4mT7vLwN2pR9sK0aYcE3dF6gH";
    write("breakfix.yaml", `providers:\n  openai:\n    apiKeyEnv: ${key}\n`);
    const err = await loadError({});
    expect(err.toLine()).not.toContain(key);
    expect(err.toLine()).toContain("breakfix.yaml:3:16");
    expect(err.fix).toMatch(/export \w+=<your key>/);
  });

  it("a missing --config file is NOT_FOUND with a fix", async () => {
    const err = await loadError({ file: "missing.yaml" });
    expect(err.code).toBe("NOT_FOUND");
    expect(err.toLine()).toMatch(/^missing\.yaml: config file does not exist\. Fix: .*config init/);
  });
});

describe("gguf providers", () => {
  it("builds a gguf provider with llama.cpp settings and rejects openai-only keys", async () => {
    const { loadConfig } = await import("./index.js");
    const config = await loadConfig({
      sets: ["providers.local-gguf.type=gguf", "providers.local-gguf.threads=2"],
      cwd: process.cwd(),
      env: {},
    });
    expect(config.models.providers["local-gguf"]).toMatchObject({
      type: "gguf",
      threads: 2,
      contextSize: 4096,
      gpu: false,
    });
    await expect(
      loadConfig({
        sets: ["providers.g.type=gguf", "providers.g.baseUrl=http://127.0.0.1:1/v1"],
        cwd: process.cwd(),
        env: {},
      }),
    ).rejects.toThrow(/does not apply to a gguf provider/);
    await expect(
      loadConfig({
        sets: ["providers.o.baseUrl=http://127.0.0.1:1/v1", "providers.o.threads=2"],
        cwd: process.cwd(),
        env: {},
      }),
    ).rejects.toThrow(/does not apply to a openai provider/);
  });
});
