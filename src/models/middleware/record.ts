import type { GenerateOptions, GenerateResult, Message, ModelMiddleware } from "../../core/index.js";
import { redactSecrets } from "../../core/index.js";
import { deriveModel } from "./derive-model.js";

/** One model call as logged or stored: request, final result (after retries), timing. */
export interface ModelCallRecord {
  modelId: string;
  /** ISO time the call started. */
  startedAt: string;
  messages: Message[];
  params: Omit<GenerateOptions, "signal">;
  result: GenerateResult;
  latencyMs: number;
}

/** Receives each record; awaited, so a store write that fails surfaces instead of losing the record. */
export type RecordSink = (record: ModelCallRecord) => void | Promise<void>;

/** Hands every call, success or failure, to `sink`, with registered secrets redacted from all text. */
export function recordCalls(sink: RecordSink): ModelMiddleware {
  return (inner) =>
    deriveModel(inner, async (messages, options = {}) => {
      const startedAt = new Date().toISOString();
      const started = performance.now();
      const result = await inner.generate(messages, options);
      const { signal: _signal, ...params } = options;
      await sink({
        modelId: inner.id,
        startedAt,
        messages: messages.map((m) => ({ role: m.role, content: redactSecrets(m.content) })),
        params,
        result: redactResult(result),
        latencyMs: performance.now() - started,
      });
      return result;
    });
}

function redactResult(result: GenerateResult): GenerateResult {
  return result.ok
    ? { ...result, text: redactSecrets(result.text) }
    : { ...result, error: { ...result.error, message: redactSecrets(result.error.message) } };
}
