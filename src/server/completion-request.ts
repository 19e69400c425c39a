import { z } from "zod";
import { MAX_TOP_LOGPROBS, samplingFields } from "./chat-request.js";

/** Prompts per /v1/completions request (each is answered n times). */
const MAX_PROMPTS = 16;

/**
 * OpenAI's legacy text-completions request: raw text continued without a chat template. `echo`, `suffix`
 * and `best_of` would change the reply's shape and are refused rather than ignored.
 */
export const completionRequestSchema = z.looseObject({
  ...samplingFields,
  prompt: z.union([z.string(), z.array(z.string()).min(1).max(MAX_PROMPTS)]),
  // OpenAI's default for this endpoint.
  max_tokens: z.number().int().positive().optional().nullable(),
  logprobs: z.number().int().min(0).max(MAX_TOP_LOGPROBS).optional().nullable(),
  echo: z.literal(false, { message: "echo is not supported" }).optional().nullable(),
  suffix: z.null({ message: "suffix is not supported" }).optional(),
  best_of: z.literal(1, { message: "best_of above 1 is not supported" }).optional().nullable(),
});

export const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;
