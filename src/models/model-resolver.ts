import path from "node:path";
import type { ChatModel, Registry } from "../core/index.js";
import { BreakfixError, createRng } from "../core/index.js";
import { createProviderLimits, type ProviderLimits } from "./middleware/rate-limit.js";
import type { RecordSink } from "./middleware/record.js";
import { createResponseCache, providerCacheScope, type ResponseCache } from "./middleware/response-cache.js";
import { type StandardMiddlewareDeps, withStandardMiddleware } from "./middleware/standard-middleware.js";
import type { UsageMeter } from "./middleware/usage-meter.js";
import { type ModelRef, notProviderModel, parseModelRef } from "./model-ref.js";
import type { ModelsConfig, ProviderSettings } from "./provider-config.js";
import type { Provider, ProviderKind } from "./provider-kind.js";
import { providerKinds } from "./provider-kinds.js";

export interface ModelResolverOptions {
  /** Where API keys are read from, at call time (default: process.env). */
  env?: Record<string, string | undefined>;
  /** A relative `cacheDir` and relative model paths are resolved against this (default: process.cwd()). */
  cwd?: string;
  /** Seeds the retry jitter (default 0), so a run's backoff schedule is reproducible. */
  seed?: number;
  record?: RecordSink;
  meter?: UsageMeter;
  backoff?: StandardMiddlewareDeps["backoff"];
  /** Provider kinds to use (default: the registry in provider-kinds.ts). */
  kinds?: Registry<ProviderKind>;
}

export interface ModelResolver {
  /** `provider:name` (or its ref) → a ready model with the standard middleware; the same id gives the same object. */
  resolve(model: string | ModelRef): ChatModel;
  /** Settings of a provider by name (configured or implicit); throws NOT_FOUND like `resolve`. */
  settingsOf(providerName: string): ProviderSettings;
  /** Closes every provider instantiated so far. */
  close(): Promise<void>;
}

interface ProviderInstance {
  provider: Provider;
  settings: ProviderSettings;
  limits: ProviderLimits;
}

/**
 * Resolves model ids against the configured providers and the registered kinds. Each provider is created
 * once, on first use, so its connection pool and its rate limits are shared by all of its models.
 */
export function createModelResolver(config: ModelsConfig, options: ModelResolverOptions = {}): ModelResolver {
  const kinds = options.kinds ?? providerKinds;
  const env = options.env ?? process.env;
  const rng = createRng(options.seed ?? 0);
  const cacheDir = path.resolve(options.cwd ?? process.cwd(), config.cacheDir);
  const providers = new Map<string, ProviderInstance>();
  const models = new Map<string, ChatModel>();
  let responseCache: ResponseCache | undefined;

  const settingsOf = (name: string): ProviderSettings => {
    const configured = config.providers[name];
    if (configured) {
      if (!kinds.has(configured.type)) {
        throw new BreakfixError(
          "CONFIG_INVALID",
          `Provider "${name}" has unknown type "${configured.type}"`,
          {
            location: { field: `providers.${name}.type` },
            fix: `use one of: ${kinds
              .list()
              .map((k) => k.id)
              .join(", ")}`,
          },
        );
      }
      return configured;
    }
    if (kinds.has(name)) return kinds.get(name).defaults;
    const known = [...new Set([...kinds.list().map((k) => k.id), ...Object.keys(config.providers)])].sort();
    throw new BreakfixError("NOT_FOUND", `Unknown model provider "${name}"`, {
      fix: `use one of: ${known.join(", ")}; or add providers.${name} (e.g. type: openai, baseUrl: http://127.0.0.1:8000/v1) to breakfix.yaml`,
    });
  };

  const instance = (name: string): ProviderInstance => {
    let found = providers.get(name);
    if (!found) {
      const settings = settingsOf(name);
      const provider = kinds.get(settings.type).create({ name, config: settings, env, cwd: options.cwd });
      found = { provider, settings, limits: createProviderLimits(settings) };
      providers.set(name, found);
    }
    return found;
  };

  return {
    resolve(model) {
      const ref = typeof model === "string" ? parseModelRef(model) : model;
      const { id } = ref;
      const cachedModel = models.get(id);
      if (cachedModel) return cachedModel;
      if (ref.kind === "folder") throw notProviderModel(ref.written);
      const { provider, settings, limits } = instance(ref.provider);
      const useCache = config.cache && settings.cache;
      if (useCache) responseCache ??= createResponseCache(cacheDir);
      const resolved = withStandardMiddleware(provider.model(ref.name), settings, {
        limits,
        rng: rng.fork(id),
        ...(useCache &&
          responseCache && { cache: responseCache, cacheScope: providerCacheScope(settings, env) }),
        ...(options.record && { record: options.record }),
        ...(options.meter && { meter: options.meter }),
        ...(options.backoff && { backoff: options.backoff }),
      });
      models.set(id, resolved);
      return resolved;
    },
    settingsOf,
    async close() {
      const open = [...providers.values()];
      providers.clear();
      models.clear();
      await Promise.all(open.map((p) => p.provider.close?.()));
    },
  };
}
