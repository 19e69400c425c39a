import type { GenerateSuccess, TokenLogprob } from "../core/index.js";
import { finishReasonOf } from "./run-choices.js";

/** How one endpoint words its replies: a whole response's choice, and a streamed chunk's. */
export interface ResponseShape {
  object: string;
  chunkObject: string;
  idPrefix: string;
  choice(index: number, r: GenerateSuccess, logprobs: boolean): Record<string, unknown>;
  /** A streamed piece: new text, or (with `end`) the choice's finish reason and logprobs. */
  chunk(
    index: number,
    delta: string,
    end?: { r: GenerateSuccess; logprobs: boolean },
  ): Record<string, unknown>;
  /** What a stream opens each choice with (the chat endpoint announces the role). */
  opening(index: number): Record<string, unknown> | undefined;
}

const chatLogprobs = (lps: readonly TokenLogprob[]) => ({
  content: lps.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    bytes: t.bytes,
    top_logprobs: t.top.map((a) => ({ token: a.token, logprob: a.logprob, bytes: a.bytes })),
  })),
  refusal: null,
});

/** The legacy completions layout; text offsets count from the completion's start. */
const legacyLogprobs = (lps: readonly TokenLogprob[]) => {
  let offset = 0;
  const text_offset = lps.map((t) => {
    const at = offset;
    offset += t.token.length;
    return at;
  });
  return {
    tokens: lps.map((t) => t.token),
    token_logprobs: lps.map((t) => t.logprob),
    top_logprobs: lps.map((t) => Object.fromEntries(t.top.map((a) => [a.token, a.logprob]))),
    text_offset,
  };
};

export const chatShape: ResponseShape = {
  object: "chat.completion",
  chunkObject: "chat.completion.chunk",
  idPrefix: "chatcmpl",
  choice: (index, r, logprobs) => ({
    index,
    message: { role: "assistant", content: r.text, refusal: null },
    logprobs: logprobs ? chatLogprobs(r.logprobs ?? []) : null,
    finish_reason: finishReasonOf(r),
  }),
  chunk: (index, delta, end) => ({
    index,
    delta: end ? {} : { content: delta },
    logprobs: end?.logprobs ? chatLogprobs(end.r.logprobs ?? []) : null,
    finish_reason: end ? finishReasonOf(end.r) : null,
  }),
  opening: (index) => ({
    index,
    delta: { role: "assistant", content: "" },
    logprobs: null,
    finish_reason: null,
  }),
};

export const completionShape: ResponseShape = {
  object: "text_completion",
  chunkObject: "text_completion",
  idPrefix: "cmpl",
  choice: (index, r, logprobs) => ({
    index,
    text: r.text,
    logprobs: logprobs ? legacyLogprobs(r.logprobs ?? []) : null,
    finish_reason: finishReasonOf(r),
  }),
  chunk: (index, delta, end) => ({
    index,
    text: end ? "" : delta,
    logprobs: end?.logprobs ? legacyLogprobs(end.r.logprobs ?? []) : null,
    finish_reason: end ? finishReasonOf(end.r) : null,
  }),
  opening: () => undefined,
};

/** Usage in OpenAI's shape: the prompt counted once per prompt, every choice's completion summed. */
export function usageOf(results: readonly GenerateSuccess[], choicesPerPrompt: number) {
  let prompt = 0;
  let completion = 0;
  results.forEach((r, i) => {
    if (i % choicesPerPrompt === 0) prompt += r.usage?.promptTokens ?? 0;
    completion += r.usage?.completionTokens ?? 0;
  });
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
