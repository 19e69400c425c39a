import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { GenerateSuccess } from "../core/index.js";
import { ApiError, sendJson } from "./api-error.js";
import type { ResponseShape } from "./response-shapes.js";
import { usageOf } from "./response-shapes.js";
import { type ChoiceCall, runChoices } from "./run-choices.js";

export interface Reply {
  model: string;
  shape: ResponseShape;
  calls: readonly ChoiceCall[];
  /** n: choices per prompt, for usage (a prompt is counted once). */
  choicesPerPrompt: number;
  logprobs: boolean;
  stream: boolean;
  /** Streaming: a last chunk with the usage (`stream_options.include_usage`). */
  includeUsage: boolean;
}

/**
 * Answers a completion request whole, or as server-sent events: chunks as the text grows, each choice's
 * finish reason (and logprobs) in its last chunk, the usage if asked, then `[DONE]`. The stream opens with
 * the first text, so a request that fails before any is answered with an ordinary JSON error; a failure
 * after that arrives as an `error` event and the stream ends without `[DONE]`.
 */
export async function respond(res: ServerResponse, reply: Reply): Promise<number> {
  const id = `${reply.shape.idPrefix}-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const envelope = (object: string, extra: Record<string, unknown>) => ({
    id,
    object,
    created,
    model: reply.model,
    ...extra,
  });
  if (!reply.stream) {
    const results = await runChoices(reply.model, reply.calls);
    sendJson(
      res,
      200,
      envelope(reply.shape.object, {
        choices: results.map((r, i) => reply.shape.choice(i, r, reply.logprobs)),
        usage: usageOf(results, reply.choicesPerPrompt),
      }),
    );
    return 200;
  }

  let open = false;
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    event(envelope(reply.shape.chunkObject, { choices, ...extra }));
  const start = () => {
    if (open) return;
    open = true;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    reply.calls.forEach((_, i) => {
      const opening = reply.shape.opening(i);
      if (opening) chunk([opening]);
    });
  };
  let results: GenerateSuccess[];
  try {
    results = await runChoices(reply.model, reply.calls, (index, delta) => {
      start();
      chunk([reply.shape.chunk(index, delta)]);
    });
  } catch (err) {
    if (!open) throw err;
    const e =
      err instanceof ApiError
        ? err
        : new ApiError(500, (err as Error).message, "server_error", "internal_error");
    event({ error: { message: e.message, type: e.type, param: e.param, code: e.code } });
    res.end();
    return e.status;
  }
  start();
  results.forEach((r, i) => {
    chunk([reply.shape.chunk(i, "", { r, logprobs: reply.logprobs })]);
  });
  if (reply.includeUsage) chunk([], { usage: usageOf(results, reply.choicesPerPrompt) });
  res.end("data: [DONE]\n\n");
  return 200;
}
