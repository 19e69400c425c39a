import type { ChatModel, GenerateOptions, GenerateResult, Message, ModelFailure } from "../../core/index.js";
import { failure, redactSecrets, registerSecret } from "../../core/index.js";
import { abortFailure } from "../abort-failure.js";
import type { OpenAICompatibleConfig } from "../provider-config.js";
import type { HttpClient } from "./http-client.js";
import { interpretReply } from "./openai-reply.js";

export interface OpenAIModelInit {
  /** Provider name used in the model id (`openai`, `vllm`). */
  provider: string;
  /** Model name sent to the server. */
  name: string;
  config: OpenAICompatibleConfig;
  env: Record<string, string | undefined>;
  http: HttpClient;
}

/**
 * One model of an OpenAI-compatible server: a single non-streaming POST to `{baseUrl}/chat/completions`
 * per `generate`. Every far-side outcome becomes a GenerateResult; timeouts, retries and limits are added
 * by the standard middleware around it.
 */
export function createOpenAIModel(init: OpenAIModelInit): ChatModel {
  const { config, http } = init;
  const url = completionsUrl(config.baseUrl);
  const id = `${init.provider}:${init.name}`;

  return {
    id,
    async generate(messages: readonly Message[], options: GenerateOptions = {}): Promise<GenerateResult> {
      const started = performance.now();
      const elapsed = (): number => performance.now() - started;
      const headers = requestHeaders(init);
      if ("error" in headers) return failure(headers.error, elapsed(), { attempts: 1 });

      const outcome = await http.post(
        url,
        headers.value,
        requestBody(init.name, messages, options),
        options.signal,
      );
      if (!outcome.ok) {
        const error: ModelFailure = outcome.aborted
          ? abortFailure(outcome.error)
          : outcome.stage === "body"
            ? {
                kind: "bad_response",
                message: `reply incomplete: ${describe(outcome.error)}`,
                retryable: true,
              }
            : {
                kind: "network",
                message: `cannot reach ${url.host}: ${describe(outcome.error)}`,
                retryable: true,
              };
        return failure(error, elapsed(), { attempts: 1 });
      }
      const parsed = interpretReply(outcome.reply);
      if (!parsed.ok) return failure(parsed.error, elapsed(), { attempts: 1 });
      // A misbehaving server or gateway may echo the key back; it must not reach the store through the reply.
      const text = redactSecrets(parsed.value.text);
      return { ok: true, ...parsed.value, text, latencyMs: elapsed(), attempts: 1 };
    },
  };
}

/** `{baseUrl}/chat/completions`, keeping a query string (Azure's `?api-version=`) at the end. */
function completionsUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  return url;
}

function requestHeaders(init: OpenAIModelInit): { value: Record<string, string> } | { error: ModelFailure } {
  const { config, env } = init;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    ...config.headers,
  };
  // Credentials in headers other than the key come from the environment too, read at call time.
  for (const [name, variable] of Object.entries(config.headersFromEnv ?? {})) {
    const value = env[variable];
    if (!value) {
      return {
        error: {
          kind: "auth",
          message: `environment variable ${variable} (header ${name}) is not set; export it, or change providers.${init.provider}.headersFromEnv`,
          retryable: false,
        },
      };
    }
    registerSecret(value);
    headers[name.toLowerCase()] = value;
  }
  if (!config.apiKeyEnv) return { value: headers };
  // Read at call time so a key exported after start-up (or rotated) is picked up.
  const key = env[config.apiKeyEnv];
  if (!key) {
    return {
      error: {
        kind: "auth",
        message: `environment variable ${config.apiKeyEnv} is not set; export it, or set providers.${init.provider}.apiKeyEnv`,
        retryable: false,
      },
    };
  }
  registerSecret(key);
  if (config.apiKeyHeader) headers[config.apiKeyHeader.toLowerCase()] = key;
  else headers["authorization"] = `Bearer ${key}`;
  return { value: headers };
}

function requestBody(model: string, messages: readonly Message[], o: GenerateOptions): string {
  return JSON.stringify({
    model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    max_tokens: o.maxTokens,
    temperature: o.temperature,
    top_p: o.topP,
    // Not part of OpenAI's API, but vLLM and llama.cpp honour it; sent only when asked for.
    top_k: o.topK,
    seed: o.seed,
    stop: o.stop && o.stop.length > 0 ? o.stop : undefined,
  });
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(typeof code === "string" && !message.includes(code) ? `${code} ${message}` : message);
}
