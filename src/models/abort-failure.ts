import type { ModelFailure } from "../core/index.js";

/**
 * The reason the per-attempt timer aborts with. Its own class, so a caller's deadline (which may be an
 * `AbortSignal.timeout` too) is told apart: the caller stopping is `aborted`, our timer firing is `timeout`.
 */
export class AttemptTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no complete reply within ${ms} ms`);
    this.name = "AttemptTimeoutError";
  }
}

/** Classifies an abort: the per-attempt timer firing is a retryable `timeout`, anything else `aborted`. */
export function abortFailure(reason: unknown): ModelFailure {
  if (reason instanceof AttemptTimeoutError)
    return { kind: "timeout", message: reason.message, retryable: true };
  const detail = reason instanceof Error ? reason.message : reason === undefined ? "" : String(reason);
  return {
    kind: "aborted",
    message: `cancelled by the caller${detail ? ` (${detail})` : ""}`,
    retryable: false,
  };
}
