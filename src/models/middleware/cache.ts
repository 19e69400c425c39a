import type { ModelMiddleware } from "../../core/index.js";
import { deriveModel } from "./derive-model.js";
import { type ResponseCache, responseKey } from "./response-cache.js";

/**
 * Answers a repeated request from the content-addressed cache without calling the model: the same text,
 * with `cached: true` and `attempts: 0`. Only successes are stored, so a failure is retried next time.
 * Calls asking for logprobs bypass it: a stored reply does not keep them.
 */
export function cacheResponses(cache: ResponseCache, scope?: string): ModelMiddleware {
  return (inner) =>
    deriveModel(inner, async (messages, options = {}) => {
      if (options.logprobs !== undefined) return inner.generate(messages, options);
      const started = performance.now();
      const key = responseKey(inner.id, messages, options, scope);
      const hit = await cache.get(key);
      if (hit) return { ok: true, ...hit, latencyMs: performance.now() - started, attempts: 0, cached: true };
      const result = await inner.generate(messages, options);
      if (result.ok) {
        const { text, finishReason, usage, model } = result;
        const reply = { text, finishReason, ...(usage && { usage }), ...(model !== undefined && { model }) };
        // A failed write (disk full, read-only dir) only costs a future call; the reply itself is good.
        await cache.put(key, reply).catch(() => undefined);
      }
      return result;
    });
}
