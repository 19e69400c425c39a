import { z } from "zod";
import type { GenerateOptions, Message } from "../core/index.js";

/** Most choices per request: each is a full generation. */
export const MAX_CHOICES = 8;
export const MAX_TOP_LOGPROBS = 20;

const textPart = z.object({ type: z.literal("text"), text: z.string() });

const message = z.object({
  // "developer" is OpenAI's newer name for the system role; both become a system turn.
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.union([z.string(), z.array(textPart).min(1)]),
});

const unsupported = (what: string) => z.undefined({ message: `${what} are not supported` }).optional();
const zeroOnly = (what: string) =>
  z
    .literal(0, { message: `${what} is not supported; send 0 or leave it out` })
    .optional()
    .nullable();

/** Sampling fields both endpoints share, in OpenAI's names and ranges. */
export const samplingFields = {
  model: z.string().min(1),
  temperature: z.number().min(0).max(2).optional().nullable(),
  top_p: z.number().gt(0).max(1).optional().nullable(),
  top_k: z.number().int().positive().optional().nullable(),
  seed: z.number().int().optional().nullable(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .optional()
    .nullable(),
  n: z.number().int().min(1).max(MAX_CHOICES).optional().nullable(),
  stream: z.boolean().optional().nullable(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional().nullable(),
  presence_penalty: zeroOnly("presence_penalty"),
  frequency_penalty: zeroOnly("frequency_penalty"),
  logit_bias: z
    .record(z.string(), z.number())
    .refine((b) => Object.keys(b).length === 0, { message: "logit_bias is not supported" })
    .optional()
    .nullable(),
};

/**
 * The part of OpenAI's chat-completions request the server honours. Unknown fields are ignored (clients
 * send many, such as `user` or `store`); fields that would change the reply in ways not supported (tools,
 * JSON mode, penalties, audio) get a 400 rather than being silently dropped.
 */
export const chatRequestSchema = z.looseObject({
  ...samplingFields,
  messages: z.array(message).min(1),
  max_tokens: z.number().int().positive().optional().nullable(),
  max_completion_tokens: z.number().int().positive().optional().nullable(),
  logprobs: z.boolean().optional().nullable(),
  top_logprobs: z.number().int().min(0).max(MAX_TOP_LOGPROBS).optional().nullable(),
  response_format: z
    .object({ type: z.literal("text", { message: "only response_format {type: 'text'} is supported" }) })
    .optional()
    .nullable(),
  tools: unsupported("tools"),
  tool_choice: unsupported("tool_choice values"),
  functions: unsupported("functions"),
  function_call: unsupported("function_call values"),
  audio: unsupported("audio outputs"),
  modalities: z
    .array(z.literal("text", { message: "only the text modality is supported" }))
    .optional()
    .nullable(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type SamplingRequest = z.infer<z.ZodObject<typeof samplingFields>>;

export function toMessages(request: ChatRequest): Message[] {
  return request.messages.map((m) => ({
    role: m.role === "developer" ? "system" : m.role,
    content: typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""),
  }));
}

/** The model call's options for one choice; choice i > 0 samples with seed + i so choices differ. */
export function toGenerateOptions(
  request: SamplingRequest,
  extra: { maxTokens: number | null | undefined; logprobs: number | undefined; choice: number },
  signal: AbortSignal,
): GenerateOptions {
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  const seed = extra.choice > 0 ? (request.seed ?? 0) + extra.choice : request.seed;
  return {
    signal,
    ...(extra.maxTokens != null && { maxTokens: extra.maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { topP: request.top_p }),
    ...(request.top_k != null && { topK: request.top_k }),
    ...(seed != null && { seed }),
    ...(stop != null && stop.length > 0 && { stop }),
    ...(extra.logprobs !== undefined && { logprobs: extra.logprobs }),
  };
}

/** "messages.0.role" style path of the first issue, for the error's `param`. */
export function issueParam(error: z.ZodError): string | null {
  const p = error.issues[0]?.path ?? [];
  return p.length === 0 ? null : p.map(String).join(".");
}
