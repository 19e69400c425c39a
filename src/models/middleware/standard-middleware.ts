import type { ChatModel, ModelMiddleware, Rng } from "../../core/index.js";
import { wrapModel } from "../../core/index.js";
import type { ProviderSettings } from "../provider-config.js";
import { cacheResponses } from "./cache.js";
import { type ProviderLimits, rateLimit } from "./rate-limit.js";
import { type RecordSink, recordCalls } from "./record.js";
import type { ResponseCache } from "./response-cache.js";
import { type RetryOptions, retry } from "./retry.js";
import { timeoutEachAttempt } from "./timeout.js";
import { meterUsage, type UsageMeter } from "./usage-meter.js";

export interface StandardMiddlewareDeps {
  /** The provider's shared limits (one object per provider, not per model). */
  limits: ProviderLimits;
  /** Backoff jitter. */
  rng: Rng;
  /** Absent = caching off (globally or for this provider). */
  cache?: ResponseCache;
  /** Part of every cache key: what else about the provider changes a reply (`providerCacheScope`). */
  cacheScope?: string;
  record?: RecordSink;
  meter?: UsageMeter;
  /** Backoff timing (tests and benchmarks shorten it). */
  backoff?: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">;
}

/**
 * The wrapping every provider's models get, whatever their kind (HTTP, built-in engine, GGUF), outermost
 * first: usage → record → cache → retry → rate limit → per-attempt timeout → model. So a cached reply is
 * still metered and recorded, retries wait outside the concurrency slot, and the timeout does not count
 * time spent queueing for a slot.
 */
export function withStandardMiddleware(
  model: ChatModel,
  settings: ProviderSettings,
  deps: StandardMiddlewareDeps,
): ChatModel {
  const layers: ModelMiddleware[] = [];
  if (deps.meter) layers.push(meterUsage(deps.meter));
  if (deps.record) layers.push(recordCalls(deps.record));
  if (deps.cache) layers.push(cacheResponses(deps.cache, deps.cacheScope));
  layers.push(
    retry({ ...deps.backoff, maxRetries: settings.maxRetries, rng: deps.rng }),
    rateLimit(deps.limits),
    timeoutEachAttempt(settings.timeoutMs),
  );
  return wrapModel(model, layers);
}
