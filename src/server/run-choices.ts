import type { GenerateOptions, GenerateResult, GenerateSuccess, ModelFailure } from "../core/index.js";
import { ApiError } from "./api-error.js";

/** One choice of a request: its model call and options. */
export interface ChoiceCall {
  run: (options: GenerateOptions) => Promise<GenerateResult>;
  options: GenerateOptions;
}

/**
 * Runs every choice of a request at once (the engine batches them). With `onDelta`, each choice's new text
 * is handed over as it grows; the rest of a reply that did not stream (a cached or non-streaming model) is
 * handed over at its end, so the deltas always add up to the final text. A failed choice fails the request.
 */
export async function runChoices(
  model: string,
  calls: readonly ChoiceCall[],
  onDelta?: (index: number, delta: string) => void,
): Promise<GenerateSuccess[]> {
  const sent = calls.map(() => "");
  const advance = (index: number, text: string) => {
    if (!onDelta || text.length <= sent[index]!.length || !text.startsWith(sent[index]!)) return;
    const delta = text.slice(sent[index]!.length);
    sent[index] = text;
    onDelta(index, delta);
  };
  const results = await Promise.all(
    calls.map(async (call, index) => {
      const result = await call.run({
        ...call.options,
        ...(onDelta && { onText: (text: string) => advance(index, text) }),
      });
      if (result.ok) advance(index, result.text);
      return result;
    }),
  );
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) throw modelError(model, failed.error);
  // A model that cannot report logprobs ignores the option; say so instead of answering without them.
  if (calls.some((c, i) => c.options.logprobs !== undefined && !(results[i] as GenerateSuccess).logprobs)) {
    throw new ApiError(
      400,
      `Model ${model} does not return logprobs (engine: models do)`,
      "invalid_request_error",
      "logprobs_not_supported",
      "logprobs",
    );
  }
  return results as GenerateSuccess[];
}

/** A model's failure as the server answers it: the caller's fault is a 400, anything else a 500. */
export function modelError(model: string, error: ModelFailure): ApiError {
  const message = `Model ${model} failed: ${error.message}`;
  if (error.kind === "bad_request") {
    return new ApiError(400, message, "invalid_request_error", error.code ?? "bad_request", null);
  }
  return new ApiError(500, message, "server_error", error.code ?? error.kind);
}

/** OpenAI's finish reasons: ours are the same, except "other", which clients do not know. */
export function finishReasonOf(r: GenerateSuccess): "stop" | "length" | "content_filter" {
  return r.finishReason === "other" ? "stop" : r.finishReason;
}
