import type { GenerateResult, ModelMiddleware, Rng } from "../../core/index.js";
import { failure, sleep } from "../../core/index.js";
import { abortFailure } from "../abort-failure.js";
import { deriveModel } from "./derive-model.js";

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Jitter source; seeded so a run's backoff schedule is reproducible. */
  rng: Rng;
  /** Backoff ceiling for attempt k is min(maxDelayMs, baseDelayMs * 2^k). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A server's Retry-After is honoured up to this; longer waits are cut to it. */
  maxRetryAfterMs?: number;
}

/**
 * Retries retryable failures (429, 5xx, timeouts, network) with exponential backoff and full jitter, or
 * the server's Retry-After when it sent one. Stops at once on success, on a non-retryable failure, or when
 * the caller aborts. The result carries the number of attempts and the wall time of the whole call.
 */
export function retry(options: RetryOptions): ModelMiddleware {
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  return (inner) =>
    deriveModel(inner, async (messages, generateOptions = {}) => {
      const started = performance.now();
      const signal = generateOptions.signal;
      let attempts = 0;
      for (;;) {
        const result: GenerateResult = await inner.generate(messages, generateOptions);
        attempts += Math.max(1, result.attempts ?? 1);
        const done = { ...result, attempts, latencyMs: performance.now() - started };
        if (result.ok || !result.error.retryable || attempts > options.maxRetries || signal?.aborted)
          return done;
        const backoff = options.rng.next() * Math.min(maxDelay, base * 2 ** (attempts - 1));
        const wait =
          result.error.retryAfterMs !== undefined
            ? Math.min(result.error.retryAfterMs, maxRetryAfter)
            : backoff;
        try {
          await sleep(wait, signal);
        } catch {
          return failure(abortFailure(signal?.reason), performance.now() - started, { attempts });
        }
      }
    });
}
