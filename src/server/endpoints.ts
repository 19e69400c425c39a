import type { ServerResponse } from "node:http";
import type { z } from "zod";
import type { ChatModel } from "../core/index.js";
import { ApiError, invalidRequest } from "./api-error.js";
import { chatRequestSchema, issueParam, toGenerateOptions, toMessages } from "./chat-request.js";
import { COMPLETIONS_DEFAULT_MAX_TOKENS, completionRequestSchema } from "./completion-request.js";
import { respond } from "./respond.js";
import { chatShape, completionShape } from "./response-shapes.js";
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
  const n = request.n ?? 1;
  const logprobs = request.logprobs === true;
  if (request.top_logprobs != null && !logprobs) {
    throw invalidRequest("top_logprobs needs logprobs: true", "top_logprobs");
  }
  const calls: ChoiceCall[] = Array.from({ length: n }, (_, choice) => ({
    run: (o) => model.generate(messages, o),
    options: toGenerateOptions(
      request,
      {
        maxTokens: request.max_completion_tokens ?? request.max_tokens,
        logprobs: logprobs ? (request.top_logprobs ?? 0) : undefined,
        choice,
      },
      input.signal,
    ),
  }));
  return respond(input.res, {
    model: request.model,
    shape: chatShape,
    calls,
    choicesPerPrompt: n,
    logprobs,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
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
  const n = request.n ?? 1;
  const logprobs = request.logprobs != null;
  const calls: ChoiceCall[] = prompts.flatMap((prompt) =>
    Array.from({ length: n }, (_, choice) => ({
      run: (o) => complete(prompt, o),
      options: toGenerateOptions(
        request,
        {
          maxTokens: request.max_tokens ?? COMPLETIONS_DEFAULT_MAX_TOKENS,
          logprobs: request.logprobs ?? undefined,
          choice,
        },
        input.signal,
      ),
    })),
  );
  return respond(input.res, {
    model: request.model,
    shape: completionShape,
    calls,
    choicesPerPrompt: n,
    logprobs,
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
