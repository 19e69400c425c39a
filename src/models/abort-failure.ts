import type { ModelFailure } from "../core/index.js";

/** The reason a per-attempt timeout aborts with, so every layer can tell it from a caller's cancel. */
export function timeoutReason(ms: number): DOMException {
  return new DOMException(`no complete reply within ${ms} ms`, "TimeoutError");
}

/** Classifies an abort: the per-attempt timer firing is a retryable `timeout`, anything else `aborted`. */
export function abortFailure(reason: unknown): ModelFailure {
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return { kind: "timeout", message: reason.message, retryable: true };
  }
  const detail = reason instanceof Error ? reason.message : reason === undefined ? "" : String(reason);
  return {
    kind: "aborted",
    message: `cancelled by the caller${detail ? ` (${detail})` : ""}`,
    retryable: false,
  };
}
