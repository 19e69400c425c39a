import type { FailureKind, FinishReason, ModelFailure, Usage } from "../../core/index.js";
import { redactSecrets } from "../../core/index.js";
import type { HttpReply } from "./http-client.js";
import { parseRetryAfter } from "./retry-after.js";

export interface ParsedCompletion {
  text: string;
  finishReason: FinishReason;
  usage?: Usage;
  model?: string;
}

/** Longest server error text carried into a failure message (servers echo whole prompts sometimes). */
const MAX_DETAIL = 300;

/** Maps one HTTP reply of `/chat/completions` to a completion or a failure with its reason. */
export function interpretReply(
  reply: HttpReply,
): { ok: true; value: ParsedCompletion } | { ok: false; error: ModelFailure } {
  const { status } = reply;
  if (status >= 200 && status < 300) return parseCompletion(reply.body);
  const detail = serverMessage(reply.body);
  const fail = (kind: FailureKind, retryable: boolean, what: string): { ok: false; error: ModelFailure } => {
    const retryAfterMs = retryable ? parseRetryAfter(reply.headers) : undefined;
    const message = redactSecrets(`${what} (HTTP ${status})${detail ? `: ${detail}` : ""}`);
    return {
      ok: false,
      error: { kind, message, status, retryable, ...(retryAfterMs !== undefined && { retryAfterMs }) },
    };
  };
  if (status === 429) return fail("rate_limited", true, "rate limited");
  if (status === 408) return fail("timeout", true, "server timed out");
  if (status >= 500) return fail("server_error", true, "server error");
  if (status === 401 || status === 403) return fail("auth", false, "not authorized; check the API key");
  if (errorCode(reply.body) === "content_filter")
    return fail("content_filter", false, "blocked by the provider's filter");
  return fail("bad_request", false, "request rejected");
}

function parseCompletion(
  body: string,
): { ok: true; value: ParsedCompletion } | { ok: false; error: ModelFailure } {
  // A garbled or empty reply is what an overloaded server or gateway sends now and then: retried like a 5xx
  // (bounded by maxRetries), then recorded as a failure with this reason.
  const bad = (message: string, retryable = false): { ok: false; error: ModelFailure } => ({
    ok: false,
    error: { kind: "bad_response", message, retryable },
  });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return bad(`reply is not JSON (${body.length} bytes)`, true);
  }
  const choice = field(json, "choices");
  const first = Array.isArray(choice) ? (choice[0] as unknown) : undefined;
  if (first === undefined)
    return bad(Array.isArray(choice) ? "reply has empty choices" : "reply has no choices", true);
  const message = field(first, "message");
  const content = field(message, "content");
  const refusal = field(message, "refusal");
  const finish = mapFinish(field(first, "finish_reason"));
  let text: string;
  if (typeof content === "string") text = content;
  else if (typeof refusal === "string") text = refusal;
  else if (content == null && finish === "content_filter") text = "";
  else return bad("reply choice has no text content");
  const usage = parseUsage(field(json, "usage"));
  const model = field(json, "model");
  return {
    ok: true,
    value: {
      text,
      finishReason: finish,
      ...(usage && { usage }),
      ...(typeof model === "string" && { model }),
    },
  };
}

function mapFinish(value: unknown): FinishReason {
  return value === "stop" || value === "length" || value === "content_filter" ? value : "other";
}

function parseUsage(value: unknown): Usage | undefined {
  const p = field(value, "prompt_tokens");
  const c = field(value, "completion_tokens");
  return typeof p === "number" && typeof c === "number"
    ? { promptTokens: p, completionTokens: c }
    : undefined;
}

/** The server's own error text (`{error: {message}}` as OpenAI, vLLM and most gateways send), shortened. */
function serverMessage(body: string): string {
  let text: string = body;
  try {
    const json: unknown = JSON.parse(body);
    const err = field(json, "error");
    const message = typeof err === "string" ? err : field(err, "message");
    if (typeof message === "string") text = message;
    else if (typeof field(json, "message") === "string") text = field(json, "message") as string;
  } catch {
    // Not JSON: an HTML error page or plain text; keep its start.
  }
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL)}…` : oneLine;
}

function errorCode(body: string): unknown {
  try {
    return field(field(JSON.parse(body), "error"), "code");
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}
