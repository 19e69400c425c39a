import { createRegistry, type Registry } from "../core/index.js";
import { engineProviderKind } from "./engine-provider/engine-provider-kind.js";
import { ggufProviderKind } from "./gguf-provider-kind.js";
import { mockProviderKind } from "./mock/mock-provider-kind.js";
import { openaiProviderKind } from "./openai/openai-provider-kind.js";
import type { ProviderKind } from "./provider-kind.js";

/**
 * THE registration point for provider kinds. A new kind (the built-in `engine:`, local `gguf:`) is one
 * object implementing ProviderKind, registered here; the resolver then addresses `<kind>:<model>` with no
 * config, wraps its models in the standard middleware, and `breakfix models list` shows it.
 */
export const providerKinds: Registry<ProviderKind> = createRegistry<ProviderKind>("model provider kind");

providerKinds.register(openaiProviderKind);
providerKinds.register(mockProviderKind);
providerKinds.register(ggufProviderKind);
providerKinds.register(engineProviderKind);
