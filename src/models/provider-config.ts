/**
 * Provider settings as they appear in `breakfix.yaml` under `providers:` (after validation and defaults).
 * A model is addressed as `<provider-name>:<model-name>`: `openai:gpt-4o-mini` uses the provider named
 * `openai`; a user can add `vllm: {type: openai, baseUrl: http://127.0.0.1:8000/v1}` and address
 * `vllm:meta-llama/Llama-3-8B-Instruct`.
 */

/** What every provider kind shares: the limits and switches the standard middleware applies. */
export interface ProviderSettings {
  /** The provider kind (`openai`, later `engine`, `gguf`; `mock` in tests). */
  type: string;
  /** Most requests in flight at once for this provider. */
  concurrency: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt on 429 / 5xx / timeouts / network errors. */
  maxRetries: number;
  /** Content-addressed response cache on/off for this provider. */
  cache: boolean;
}

export interface OpenAICompatibleConfig extends ProviderSettings {
  type: "openai";
  /** Base URL up to and including the version segment, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Name of the environment variable holding the API key (the key itself never appears in config). */
  apiKeyEnv?: string;
  /**
   * Header that carries the key: unset = `Authorization: Bearer <key>`; Azure OpenAI wants `api-key`.
   * Lets the key stay in the environment instead of in `headers`.
   */
  apiKeyHeader?: string;
  /** Extra HTTP headers (e.g. `api-version` for Azure, routing headers for gateways). */
  headers: Record<string, string>;
  /** Headers whose values are read from these environment variables at call time (credentials, tokens). */
  headersFromEnv?: Record<string, string>;
}

/** A local GGUF file run in-process by llama.cpp (`gguf:<path>`). */
export interface GgufProviderConfig extends ProviderSettings {
  type: "gguf";
  /** CPU threads per model (default 1). */
  threads: number;
  /** Most tokens of context per model (capped by the model's training context). */
  contextSize: number;
  /** Use a GPU when one is found (default false). */
  gpu: boolean;
}

export const GGUF_DEFAULTS: GgufProviderConfig = {
  type: "gguf",
  // One context per file and calls run one at a time; retries cannot help a local model.
  concurrency: 1,
  timeoutMs: 600_000,
  maxRetries: 0,
  cache: true,
  threads: 1,
  contextSize: 4096,
  gpu: false,
};

export type ProviderConfig = OpenAICompatibleConfig | GgufProviderConfig;

export interface ModelsConfig {
  providers: Record<string, ProviderConfig>;
  /** Directory for the response cache and downloaded files. */
  cacheDir: string;
  /** Global cache switch (`--no-cache`). */
  cache: boolean;
}

export const OPENAI_DEFAULTS: OpenAICompatibleConfig = {
  type: "openai",
  baseUrl: "https://api.openai.com/v1",
  apiKeyEnv: "OPENAI_API_KEY",
  headers: {},
  concurrency: 8,
  timeoutMs: 60_000,
  maxRetries: 4,
  cache: true,
};
