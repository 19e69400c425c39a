import type { GenerateOptions, Limiter, Message, ModelMiddleware } from "../../core/index.js";
import { createLimiter, failure, isBreakfixError } from "../../core/index.js";
import { abortFailure } from "../abort-failure.js";
import type { ProviderSettings } from "../provider-config.js";
import { deriveModel } from "./derive-model.js";
import { createTokenBucket, type TokenBucket } from "./token-bucket.js";

/** One provider's limits, created once per provider and shared by every model of it. */
export interface ProviderLimits {
  concurrency: Limiter;
  requests?: TokenBucket;
  tokens?: TokenBucket;
}

export function createProviderLimits(settings: ProviderSettings): ProviderLimits {
  return {
    concurrency: createLimiter(settings.concurrency),
    ...(settings.requestsPerMinute && { requests: createTokenBucket(settings.requestsPerMinute) }),
    ...(settings.tokensPerMinute && { tokens: createTokenBucket(settings.tokensPerMinute) }),
  };
}

/** Reply-length guess for the token budget when the caller sets no maxTokens; corrected after the reply. */
const DEFAULT_REPLY_TOKENS = 256;

/**
 * Holds a concurrency slot for the whole attempt, then takes one request and an estimate of the tokens
 * (prompt chars / 4 + maxTokens) from the per-minute buckets; the token estimate is corrected with the
 * usage the server reports. Waiting is abortable and ends as an `aborted` failure.
 */
export function rateLimit(limits: ProviderLimits): ModelMiddleware {
  return (inner) =>
    deriveModel(inner, async (messages, options = {}) => {
      const started = performance.now();
      try {
        return await limits.concurrency.run(async () => {
          await limits.requests?.take(1, options.signal);
          const estimate = limits.tokens ? estimateTokens(messages, options) : 0;
          await limits.tokens?.take(estimate, options.signal);
          const result = await inner.generate(messages, options);
          if (limits.tokens && result.ok && result.usage) {
            limits.tokens.adjust(result.usage.promptTokens + result.usage.completionTokens - estimate);
          }
          return result;
        }, options.signal);
      } catch (e) {
        if (isBreakfixError(e) && e.code === "ABORTED" && options.signal?.aborted)
          return failure(abortFailure(options.signal.reason), performance.now() - started, { attempts: 0 });
        throw e;
      }
    });
}

function estimateTokens(messages: readonly Message[], options: GenerateOptions): number {
  const chars = messages.reduce((n, m) => n + m.content.length, 0);
  return Math.ceil(chars / 4) + (options.maxTokens ?? DEFAULT_REPLY_TOKENS);
}
