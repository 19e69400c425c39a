import { OPENAI_DEFAULTS, type OpenAICompatibleConfig } from "../provider-config.js";
import type { ProviderKind } from "../provider-kind.js";
import { createHttpClient } from "./http-client.js";
import { createOpenAIModel } from "./openai-model.js";

/** Any server speaking OpenAI's `/chat/completions`: OpenAI, Azure, vLLM, Ollama, llama.cpp server, gateways. */
export const openaiProviderKind: ProviderKind<OpenAICompatibleConfig> = {
  id: "openai",
  description: "OpenAI-compatible HTTP endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp server)",
  defaults: OPENAI_DEFAULTS,
  listed: true,
  create({ name: provider, config, env }) {
    // One connection pool per provider, shared by all its models.
    const http = createHttpClient({ maxSockets: config.concurrency });
    return {
      model: (name) => createOpenAIModel({ provider, name, config, env, http }),
      async close() {
        http.close();
      },
    };
  },
};
