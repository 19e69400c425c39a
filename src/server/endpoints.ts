import type { ServerResponse } from "node:http";
import type { z } from "zod";
import type { ChatModel, GenerateOptions, GenerateResult } from "../core/index.js";
import { ApiError, invalidRequest } from "./api-error.js";
import {
  chatRequestSchema,
  issueParam,
  type SamplingRequest,
  toGenerateOptions,
  toMessages,
} from "./chat-request.js";
import { COMPLETIONS_DEFAULT_MAX_TOKENS, completionRequestSchema } from "./completion-request.js";
import { respond } from "./respond.js";
import { chatShape, completionShape, type ResponseShape } from "./response-shapes.js";
import type { ChoiceCall } from "./run-choices.js";

/** What a handler gets: the parsed JSON body, the served models, and the request's abort signal. */
export interface EndpointInput {
  json: unknown;
  models: ReadonlyMap<string, ChatModel>;
  signal: AbortSignal;
  res: ServerResponse;
}

export async function chatCompletions(input: EndpointInput): Promise<number> {
  const request = parse(chatRequestSchema, input.json);
  const model = servedModel(input.models, request.model);
  const messages = toMessages(request);
  if (request.top_logprobs != null && request.logprobs !== true) {
    throw invalidRequest("top_logprobs needs logprobs: true", "top_logprobs");
  }
  return reply(input, request, chatShape, [(o) => model.generate(messages, o)], {
    maxTokens: request.max_completion_tokens ?? request.max_tokens,
    logprobs: request.logprobs === true ? (request.top_logprobs ?? 0) : undefined,
  });
}

export async function textCompletions(input: EndpointInput): Promise<number> {
  const request = parse(completionRequestSchema, input.json);
  const model = servedModel(input.models, request.model);
  const complete = model.complete?.bind(model);
  if (!complete) {
    throw invalidRequest(
      `The model '${request.model}' cannot continue raw text; use /v1/chat/completions`,
      "model",
      "completions_not_supported",
    );
  }
  const prompts = typeof request.prompt === "string" ? [request.prompt] : request.prompt;
  return reply(
    input,
    request,
    completionShape,
    prompts.map((prompt) => (o: GenerateOptions) => complete(prompt, o)),
    {
      maxTokens: request.max_tokens ?? COMPLETIONS_DEFAULT_MAX_TOKENS,
      logprobs: request.logprobs ?? undefined,
    },
  );
}

/** n choices of each prompt's call, answered whole or streamed, as the request asks. */
function reply(
  input: EndpointInput,
  request: SamplingRequest,
  shape: ResponseShape,
  prompts: readonly ((o: GenerateOptions) => Promise<GenerateResult>)[],
  extra: { maxTokens: number | null | undefined; logprobs: number | undefined },
): Promise<number> {
  const n = request.n ?? 1;
  const calls: ChoiceCall[] = prompts.flatMap((run) =>
    Array.from({ length: n }, (_, choice) => ({
      run,
      options: toGenerateOptions(request, { ...extra, choice }, input.signal),
    })),
  );
  return respond(input.res, {
    model: request.model,
    shape,
    calls,
    choicesPerPrompt: n,
    logprobs: extra.logprobs !== undefined,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
  });
}

export function servedModel(models: ReadonlyMap<string, ChatModel>, id: string): ChatModel {
  const model = models.get(id);
  if (model) return model;
  throw new ApiError(
    404,
    `The model '${id}' does not exist; served: ${[...models.keys()].join(", ")}`,
    "invalid_request_error",
    "model_not_found",
    "model",
  );
}

function parse<T extends z.ZodType>(schema: T, json: unknown): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issueParam(parsed.error);
  throw invalidRequest(
    `Invalid request${param ? ` at ${param}` : ""}: ${issue?.message ?? "bad value"}`,
    param,
  );
}
