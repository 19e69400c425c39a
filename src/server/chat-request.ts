import { z } from "zod";
import type { GenerateOptions, Message } from "../core/index.js";

const textPart = z.object({ type: z.literal("text"), text: z.string() });

const message = z.object({
  // "developer" is OpenAI's newer name for the system role; both become a system turn.
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(textPart).min(1)]),
});

/**
 * The subset of OpenAI's chat-completions request the server honours. Unknown fields are ignored (clients
 * send many); fields that would change the answer's shape in ways not supported (streaming, n > 1, tools)
 * are rejected with a 400 rather than silently dropped.
 */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  max_tokens: z.number().int().positive().optional().nullable(),
  max_completion_tokens: z.number().int().positive().optional().nullable(),
  temperature: z.number().min(0).max(2).optional().nullable(),
  top_p: z.number().gt(0).max(1).optional().nullable(),
  top_k: z.number().int().positive().optional().nullable(),
  seed: z.number().int().optional().nullable(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .optional()
    .nullable(),
  n: z.literal(1, { message: "only n = 1 is supported" }).optional().nullable(),
  stream: z
    .literal(false, { message: "streaming is not supported; send stream: false" })
    .optional()
    .nullable(),
  tools: z.undefined({ message: "tools are not supported" }).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export function toMessages(request: ChatRequest): Message[] {
  return request.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""),
  }));
}

export function toGenerateOptions(request: ChatRequest, signal: AbortSignal): GenerateOptions {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  return {
    signal,
    ...(maxTokens != null && { maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { topP: request.top_p }),
    ...(request.top_k != null && { topK: request.top_k }),
    ...(request.seed != null && { seed: request.seed }),
    ...(stop != null && stop.length > 0 && { stop }),
  };
}

/** "messages.0.role" style path of the first issue, for the error's `param`. */
export function issueParam(error: z.ZodError): string | null {
  const p = error.issues[0]?.path ?? [];
  return p.length === 0 ? null : p.map(String).join(".");
}
