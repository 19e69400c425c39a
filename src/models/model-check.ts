import {
  BreakfixError,
  type ChatModel,
  escapeText,
  type FailureKind,
  type GenerateResult,
  quoted,
  user,
} from "../core/index.js";

export const PROBE_PROMPT = "Reply with the single word: pong";
const REPLY_PREVIEW_CHARS = 300;

/** Sends one probe prompt to a model (resolved without the response cache) and reports how it answered. */
export async function checkModel(
  model: ChatModel,
  id: string,
  o: { prompt: string; maxTokens: number; signal?: AbortSignal },
): Promise<CheckReport> {
  const result = await model.generate([user(o.prompt)], {
    maxTokens: o.maxTokens,
    temperature: 0,
    ...(o.signal && { signal: o.signal }),
  });
  return checkReport(id, result);
}

/** A failed check as the error to exit with, saying how to fix the kind of failure. */
export function checkFailure(c: CheckReport): BreakfixError | undefined {
  if (c.ok || !c.error) return undefined;
  const { kind, message, status } = c.error;
  return new BreakfixError(
    "MODEL_UNAVAILABLE",
    `${c.model} failed: ${kind}${status ? ` (HTTP ${status})` : ""}: ${message}`,
    {
      fix: FIXES[kind as FailureKind],
    },
  );
}

const FIXES: Partial<Record<FailureKind, string>> = {
  auth: "export the API key in the variable named by the provider's apiKeyEnv, or correct it",
  network: "check the provider's baseUrl and that the server is running and reachable",
  timeout: "check the server is up, or raise the provider's timeoutMs",
  rate_limited: "wait, or lower the provider's concurrency / requestsPerMinute",
  server_error: "the server failed; try again later or check its logs",
  bad_request: "check the model name and parameters against what the server serves",
  bad_response: "the server's reply is not an OpenAI chat completion; check baseUrl points at the /v1 API",
};

export interface CheckReport {
  model: string;
  ok: boolean;
  latencyMs: number;
  attempts: number;
  finishReason?: string;
  usage?: { promptTokens: number; completionTokens: number };
  reply?: string;
  error?: { kind: string; message: string; status?: number };
}

function checkReport(model: string, r: GenerateResult): CheckReport {
  const base = { model, ok: r.ok, latencyMs: Math.round(r.latencyMs), attempts: r.attempts ?? 1 };
  if (!r.ok)
    return { ...base, error: { kind: r.error.kind, message: r.error.message, status: r.error.status } };
  return { ...base, finishReason: r.finishReason, ...(r.usage && { usage: r.usage }), reply: r.text };
}

export function formatCheck(c: CheckReport): string {
  const lines = [
    `model    ${c.model}`,
    `status   ${c.ok ? "ok" : `FAILED: ${c.error?.kind}${c.error?.status ? ` (HTTP ${c.error.status})` : ""}`}`,
    `latency  ${c.latencyMs} ms (${c.attempts} attempt${c.attempts === 1 ? "" : "s"})`,
  ];
  if (c.ok) {
    lines.push(`finish   ${c.finishReason}`);
    if (c.usage)
      lines.push(`usage    ${c.usage.promptTokens} prompt + ${c.usage.completionTokens} completion tokens`);
    lines.push(`reply    ${preview(c.reply ?? "")}`);
  } else lines.push(`reason   ${escapeText(c.error?.message ?? "", { oneLine: true })}`);
  return lines.join("\n");
}

/** Model output is hostile: shown escaped (no terminal control sequences, no bidi tricks) and cut short. */
function preview(text: string): string {
  const extra = [...text].length - REPLY_PREVIEW_CHARS;
  return `${quoted(text, REPLY_PREVIEW_CHARS)}${extra > 0 ? ` (${extra} more chars)` : ""}`;
}
