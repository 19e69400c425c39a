import type { ChatHistoryItem } from "node-llama-cpp";
import type {
  ChatModel,
  FinishReason,
  GenerateOptions,
  GenerateResult,
  Message,
  ModelFailure,
} from "../core/index.js";
import { failure, isBreakfixError } from "../core/index.js";
import { abortFailure } from "./abort-failure.js";
import type { LoadedGguf } from "./gguf-runtime.js";

export const GGUF_DEFAULT_MAX_TOKENS = 512;

export interface GgufModelInit {
  /** `gguf:<path as given>` */
  id: string;
  /** Loads the file on first use; the provider shares one load per file between its models. */
  load: () => Promise<LoadedGguf>;
}

/** Our messages as node-llama-cpp chat history; a trailing assistant message is continued, not restarted. */
export function toChatHistory(messages: readonly Message[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === "assistant"
      ? { type: "model", response: [m.content] }
      : m.role === "system"
        ? { type: "system", text: m.content }
        : { type: "user", text: m.content },
  );
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

/**
 * A local GGUF model run in-process by llama.cpp (node-llama-cpp). Greedy unless a temperature is given,
 * so results are reproducible by default; a seed makes sampled replies reproducible too. Everything that
 * goes wrong (load failure, prompt longer than the context, abort) comes back as a failure result.
 */
export function createGgufModel(init: GgufModelInit): ChatModel {
  return {
    id: init.id,
    async generate(messages: readonly Message[], options: GenerateOptions = {}): Promise<GenerateResult> {
      const started = performance.now();
      const elapsed = () => performance.now() - started;
      const { signal } = options;
      if (signal?.aborted) return failure(abortFailure(signal.reason), elapsed(), { attempts: 1 });
      let loaded: LoadedGguf;
      try {
        loaded = await init.load();
      } catch (err) {
        const error: ModelFailure = {
          kind: "unknown",
          message: `cannot load ${init.id}: ${describe(err)}`,
          retryable: false,
        };
        return failure(error, elapsed(), { attempts: 1 });
      }
      try {
        return await loaded.queue.run(async () => {
          const { chat, model } = loaded;
          const history = toChatHistory(messages);
          // The prompt as the chat wrapper renders it, tokenized: what the model reads before replying.
          const promptTokens = chat.chatWrapper
            .generateContextState({ chatHistory: history })
            .contextText.tokenize(model.tokenizer).length;
          const outputBefore = chat.sequence.tokenMeter.usedOutputTokens;
          // llama.cpp holds back text that may still become a stop trigger, so the pieces are safe to show.
          let streamed = "";
          const onText = options.onText;
          const reply = await chat.generateResponse(history, {
            maxTokens: options.maxTokens ?? GGUF_DEFAULT_MAX_TOKENS,
            temperature: options.temperature ?? 0,
            ...(options.topK !== undefined && { topK: options.topK }),
            ...(options.topP !== undefined && { topP: options.topP }),
            ...(options.seed !== undefined && { seed: options.seed }),
            ...(options.stop?.length && { customStopTriggers: options.stop }),
            ...(signal && { signal }),
            ...(onText && {
              onTextChunk: (piece: string) => {
                streamed += piece;
                onText(streamed);
              },
            }),
          });
          if (reply.metadata.stopReason === "abort") {
            return failure(abortFailure(signal?.reason), elapsed(), { attempts: 1 });
          }
          const finishReason: FinishReason = reply.metadata.stopReason === "maxTokens" ? "length" : "stop";
          return {
            ok: true as const,
            text: reply.response,
            finishReason,
            usage: {
              promptTokens,
              completionTokens: chat.sequence.tokenMeter.usedOutputTokens - outputBefore,
            },
            latencyMs: elapsed(),
            attempts: 1,
          };
        }, signal);
      } catch (err) {
        if (signal?.aborted || (isBreakfixError(err) && err.code === "ABORTED")) {
          return failure(abortFailure(signal?.reason), elapsed(), { attempts: 1 });
        }
        const error: ModelFailure = {
          kind: "bad_request",
          message: `${init.id}: ${describe(err)}`,
          retryable: false,
        };
        return failure(error, elapsed(), { attempts: 1 });
      }
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
