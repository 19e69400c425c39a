import type { Message } from "./messages.js";

/**
 * The one interface every model implements: the built-in engine, any OpenAI-compatible endpoint, a GGUF
 * file, scripted mocks. Far-side failures are returned as data (`ok: false` with a reason), never thrown,
 * so that a failed call can be recorded and never silently counted as "safe" or "attack failed".
 * `generate` throws only for programming errors (BreakfixError INTERNAL) — never for the model's failures.
 */
export interface ChatModel {
  /** Stable address, `provider:name` (e.g. `openai:gpt-4o-mini`, `mock:refuse`, `engine:base`). */
  readonly id: string;
  generate(messages: readonly Message[], options?: GenerateOptions): Promise<GenerateResult>;
  /** Continues raw text with no chat template (OpenAI's /v1/completions); only models that can. */
  complete?(prompt: string, options?: GenerateOptions): Promise<GenerateResult>;
  /** Releases sockets, workers or native handles. Safe to call twice. */
  close?(): Promise<void>;
}

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  /** Sampling seed; part of the response-cache key. */
  seed?: number;
  stop?: string[];
  signal?: AbortSignal;
  /**
   * Called as the reply grows with its whole text so far, never past a stop string (streaming). A model
   * that cannot stream never calls it; the final text is always the result's.
   */
  onText?: (textSoFar: string) => void;
  /**
   * Return each generated token's log-probability and this many likeliest alternatives (0–20). A model
   * that cannot fails the call with bad_request rather than answering without them.
   */
  logprobs?: number;
}

/** One generated token's log-probability, as OpenAI's API reports it. */
export interface TokenLogprob {
  token: string;
  /** The token's UTF-8 bytes (a token may hold part of a character). */
  bytes: number[];
  logprob: number;
  top: { token: string; bytes: number[]; logprob: number }[];
}

export type FinishReason = "stop" | "length" | "content_filter" | "other";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type FailureKind =
  | "timeout" // no complete reply within the time limit
  | "rate_limited" // 429 after all retries
  | "server_error" // 5xx after all retries
  | "network" // connection refused / reset / DNS
  | "bad_response" // truncated body, non-JSON, missing fields
  | "auth" // 401/403: key missing or wrong
  | "bad_request" // 4xx other than 429: the request itself is wrong
  | "content_filter" // the provider blocked the prompt or reply
  | "aborted" // cancelled by the caller's AbortSignal
  | "unknown";

export interface ModelFailure {
  kind: FailureKind;
  /** Human-readable reason, with secrets redacted. */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
  /** Whether retrying later could help (used by the retry middleware). */
  retryable: boolean;
  /** Server's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs?: number;
  /** A finer reason within the kind, in OpenAI's codes (e.g. "context_length_exceeded"). */
  code?: string;
}

interface ResultCommon {
  /** Wall time of the whole call including retries, in ms. */
  latencyMs: number;
  /** Number of attempts made (1 = no retry). */
  attempts?: number;
  /** True when the reply came from the response cache without a model call. */
  cached?: boolean;
}

export interface GenerateSuccess extends ResultCommon {
  ok: true;
  text: string;
  finishReason: FinishReason;
  usage?: Usage;
  /** Per generated token, when the call asked for logprobs. */
  logprobs?: TokenLogprob[];
  /** The provider's model name as it reported it (may differ from the requested one). */
  model?: string;
}

export interface GenerateFailure extends ResultCommon {
  ok: false;
  error: ModelFailure;
}

export type GenerateResult = GenerateSuccess | GenerateFailure;

/** A middleware wraps a model and returns a model with the same interface (retry, rate limit, cache, record). */
export type ModelMiddleware = (inner: ChatModel) => ChatModel;

/** Applies middleware so the first one listed is the outermost: `wrapModel(m, [retry, cache])` = retry(cache(m)). */
export function wrapModel(model: ChatModel, middleware: readonly ModelMiddleware[]): ChatModel {
  return middleware.reduceRight<ChatModel>((inner, mw) => mw(inner), model);
}

export function failure(
  error: ModelFailure,
  latencyMs: number,
  extra: Partial<ResultCommon> = {},
): GenerateFailure {
  return { ok: false, error, latencyMs, ...extra };
}
