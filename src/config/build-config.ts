import path from "node:path";
import { GGUF_DEFAULTS, OPENAI_DEFAULTS, type ProviderConfig } from "../models/index.js";
import { BUILTIN_AREAS, createTaxonomy, type HarmArea } from "../taxonomy/index.js";
import type { RawConfig, RawProvider } from "./schema.js";
import type { BreakfixConfig } from "./types.js";

export const DEFAULT_DB = ".breakfix/breakfix.db";
export const DEFAULT_CACHE_DIR = ".breakfix/cache";
export const DEFAULT_DATASETS_ROOT = ".breakfix/datasets";

/** Where the config came from, so each path resolves against the right directory. */
export interface ConfigOrigin {
  file?: string;
  baseDir: string;
  cwd: string;
  /** Whether a field was set by `--set` (those resolve against the working directory). */
  fromSet(field: string[]): boolean;
}

function buildProvider(name: string, raw: RawProvider): ProviderConfig {
  if (raw.type === "gguf") {
    const g = GGUF_DEFAULTS;
    return {
      type: "gguf",
      concurrency: raw.concurrency ?? g.concurrency,
      ...(raw.requestsPerMinute !== undefined && { requestsPerMinute: raw.requestsPerMinute }),
      ...(raw.tokensPerMinute !== undefined && { tokensPerMinute: raw.tokensPerMinute }),
      timeoutMs: raw.timeoutMs ?? g.timeoutMs,
      maxRetries: raw.maxRetries ?? g.maxRetries,
      cache: raw.cache ?? g.cache,
      threads: raw.threads ?? g.threads,
      contextSize: raw.contextSize ?? g.contextSize,
      gpu: raw.gpu ?? g.gpu,
    };
  }
  // The built-in `openai` provider keeps its endpoint and key variable unless overridden; other
  // providers never inherit OPENAI_API_KEY, so a local server is not sent the OpenAI key.
  const base = OPENAI_DEFAULTS;
  const apiKeyEnv = raw.apiKeyEnv ?? (name === "openai" ? base.apiKeyEnv : undefined);
  const requestsPerMinute = raw.requestsPerMinute ?? base.requestsPerMinute;
  const tokensPerMinute = raw.tokensPerMinute ?? base.tokensPerMinute;
  return {
    type: "openai",
    baseUrl: raw.baseUrl ?? base.baseUrl,
    ...(apiKeyEnv !== undefined && { apiKeyEnv }),
    ...(raw.apiKeyHeader !== undefined && { apiKeyHeader: raw.apiKeyHeader }),
    headers: { ...base.headers, ...raw.headers },
    ...(raw.headersFromEnv !== undefined && { headersFromEnv: raw.headersFromEnv }),
    concurrency: raw.concurrency ?? base.concurrency,
    ...(requestsPerMinute !== undefined && { requestsPerMinute }),
    ...(tokensPerMinute !== undefined && { tokensPerMinute }),
    timeoutMs: raw.timeoutMs ?? base.timeoutMs,
    maxRetries: raw.maxRetries ?? base.maxRetries,
    cache: raw.cache ?? base.cache,
  };
}

function buildAreas(raw: RawConfig): HarmArea[] {
  const builtins = new Map(BUILTIN_AREAS.map((a) => [a.id, a]));
  return (raw.taxonomy?.areas ?? []).map((area) => {
    const builtin = builtins.get(area.id);
    // Schema validation guarantees new areas carry every text; overrides fill gaps from the built-in.
    return {
      id: area.id,
      name: area.name ?? builtin?.name ?? "",
      description: area.description ?? builtin?.description ?? "",
      source: builtin?.source ?? "custom",
      bands: {
        very_low: area.bands?.very_low ?? builtin?.bands.very_low ?? "",
        low: area.bands?.low ?? builtin?.bands.low ?? "",
        medium: area.bands?.medium ?? builtin?.bands.medium ?? "",
        high: area.bands?.high ?? builtin?.bands.high ?? "",
      },
    };
  });
}

/** Applies defaults and resolves paths: validated raw config → what the rest of breakfix uses. */
export function buildConfig(raw: RawConfig, origin: ConfigOrigin): BreakfixConfig {
  const resolve = (field: string[], value: string | undefined, fallback: string): string =>
    path.resolve(
      value !== undefined && origin.fromSet(field) ? origin.cwd : origin.baseDir,
      value ?? fallback,
    );
  const providers: Record<string, ProviderConfig> = { openai: { ...OPENAI_DEFAULTS, headers: {} } };
  for (const [name, provider] of Object.entries(raw.providers ?? {})) {
    providers[name] = buildProvider(name, provider);
  }
  const areas = buildAreas(raw);
  return {
    ...(origin.file ? { file: origin.file } : {}),
    baseDir: origin.baseDir,
    db: resolve(["db"], raw.db, DEFAULT_DB),
    models: {
      providers,
      cacheDir: resolve(["cacheDir"], raw.cacheDir, DEFAULT_CACHE_DIR),
      cache: raw.cache ?? true,
      ...(raw.models?.default ? { default: raw.models.default } : {}),
      aliases: { ...raw.models?.aliases },
    },
    datasets: {
      root: resolve(["datasets", "root"], raw.datasets?.root, DEFAULT_DATASETS_ROOT),
      sources: { ...raw.datasets?.sources },
    },
    taxonomy: createTaxonomy(areas),
    configuredAreas: areas.map((a) => a.id),
  };
}
