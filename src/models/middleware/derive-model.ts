import type { ChatModel } from "../../core/index.js";

/**
 * A model with the same id and close as `inner` but a new `generate` — what every middleware returns.
 * Explicit rather than `{...inner}` so a class-based model's prototype methods are not lost. Raw
 * completion (served, never measured) passes through untouched.
 */
export function deriveModel(inner: ChatModel, generate: ChatModel["generate"]): ChatModel {
  return {
    id: inner.id,
    generate,
    ...(inner.complete && { complete: inner.complete.bind(inner) }),
    close: async () => inner.close?.(),
  };
}
