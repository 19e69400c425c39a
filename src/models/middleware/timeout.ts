import type { GenerateResult, ModelMiddleware } from "../../core/index.js";
import { failure } from "../../core/index.js";
import { AttemptTimeoutError, abortFailure } from "../abort-failure.js";
import { deriveModel } from "./derive-model.js";

/**
 * Bounds each attempt to `ms`: the inner model gets a signal that fires on the timer or on the caller's
 * signal, and the call returns `timeout`/`aborted` at that moment even if the inner model ignores signals.
 * (A plain timer + listener rather than AbortSignal.any: no per-call dependants pile up on a long-lived
 * caller signal.)
 */
export function timeoutEachAttempt(ms: number): ModelMiddleware {
  return (inner) =>
    deriveModel(inner, async (messages, options = {}) => {
      const started = performance.now();
      const caller = options.signal;
      if (caller?.aborted) return failure(abortFailure(caller.reason), 0, { attempts: 0 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new AttemptTimeoutError(ms)), ms);
      const onCallerAbort = (): void => controller.abort(caller?.reason);
      caller?.addEventListener("abort", onCallerAbort, { once: true });
      const stopped = new Promise<GenerateResult>((resolve) => {
        controller.signal.addEventListener(
          "abort",
          () =>
            resolve(
              failure(abortFailure(controller.signal.reason), performance.now() - started, { attempts: 1 }),
            ),
          { once: true },
        );
      });
      try {
        return await Promise.race([
          inner.generate(messages, { ...options, signal: controller.signal }),
          stopped,
        ]);
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener("abort", onCallerAbort);
      }
    });
}
