import type { ProviderSettings } from "../provider-config.js";
import type { ProviderKind } from "../provider-kind.js";
import { createMockModel } from "./mock-models.js";

/** Deterministic models for tests (`mock:refuse`, `mock:fail-2`, ...). Never a default anywhere. */
export const mockProviderKind: ProviderKind<ProviderSettings> = {
  id: "mock",
  description: "deterministic test models (mock:refuse, mock:echo, mock:fail-N, ...); tests only",
  // Retries on so mock:fail-N exercises the retry path; no cache so tests never write to disk by default.
  defaults: { type: "mock", concurrency: 64, timeoutMs: 30_000, maxRetries: 4, cache: false },
  listed: false,
  create: () => ({ model: createMockModel }),
};
