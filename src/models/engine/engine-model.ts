import type { ChatModel, GenerateOptions, GenerateResult, Message } from "../../core/index.js";
import { failure, stableStringify } from "../../core/index.js";
import { type Generation, generate } from "../../engine/generate/index.js";
import type { LlamaModel } from "../../engine/model/index.js";
import { type BpeTokenizer, END_OF_TURN, renderChat } from "../../engine/tokenizer/index.js";
import { abortFailure } from "../abort-failure.js";

export const ENGINE_DEFAULT_MAX_TOKENS = 256;

export interface LoadedEngineModel {
  model: LlamaModel;
  tokenizer: BpeTokenizer;
}

export interface EngineModelInit {
  /** `engine:<checkpoint>` */
  id: string;
  load: () => Promise<LoadedEngineModel>;
  /** Most greedy requests decoded together in one batch. */
  maxBatch: number;
}

interface Pending {
  prompt: number[];
  options: GenerateOptions;
  resolve: (g: Generation | Error) => void;
}

/**
 * A model of the built-in engine as a ChatModel. Greedy requests that arrive together are decoded in one
 * batch (one prefill, one batched step per token), which is where the engine's throughput comes from;
 * sampled requests run alone, so a seed gives the same reply however requests interleave.
 */
export function createEngineModel(init: EngineModelInit): ChatModel {
  const queue: Pending[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    const loaded = await init.load();
    while (queue.length > 0) {
      const first = queue[0] as Pending;
      const key = batchKey(first.options);
      const batch =
        key === undefined
          ? [first]
          : queue.filter((p) => batchKey(p.options) === key).slice(0, init.maxBatch);
      for (const p of batch) queue.splice(queue.indexOf(p), 1);
      try {
        const stopTokens = [
          loaded.tokenizer.specialId(END_OF_TURN),
          loaded.tokenizer.specialId("<|endoftext|>"),
        ];
        const out = generate(
          loaded.model,
          batch.map((p) => p.prompt),
          {
            maxTokens: first.options.maxTokens ?? ENGINE_DEFAULT_MAX_TOKENS,
            temperature: first.options.temperature ?? 0,
            ...(first.options.topK !== undefined && { topK: first.options.topK }),
            ...(first.options.topP !== undefined && { topP: first.options.topP }),
            ...(first.options.seed !== undefined && { seed: first.options.seed }),
            stopTokens: stopTokens.filter((t): t is number => t !== undefined),
          },
        );
        batch.forEach((p, i) => {
          p.resolve(out[i] as Generation);
        });
      } catch (err) {
        for (const p of batch) p.resolve(err instanceof Error ? err : new Error(String(err)));
      }
      // Let newly arrived requests join the next batch and keep the event loop responsive.
      await new Promise((r) => setImmediate(r));
    }
  };

  const enqueue = (prompt: number[], options: GenerateOptions): Promise<Generation | Error> =>
    new Promise((resolve) => {
      queue.push({ prompt, options, resolve });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });

  return {
    id: init.id,
    async generate(messages: readonly Message[], options: GenerateOptions = {}): Promise<GenerateResult> {
      const started = performance.now();
      const elapsed = () => performance.now() - started;
      if (options.signal?.aborted)
        return failure(abortFailure(options.signal.reason), elapsed(), { attempts: 1 });
      let loaded: LoadedEngineModel;
      try {
        loaded = await init.load();
      } catch (err) {
        return failure(
          { kind: "unknown", message: `cannot load ${init.id}: ${describe(err)}`, retryable: false },
          elapsed(),
        );
      }
      const { ids } = renderChat(loaded.tokenizer, messages, { addGenerationPrompt: true });
      const room = loaded.model.config.contextLength - ids.length;
      if (room < 1) {
        return failure(
          {
            kind: "bad_request",
            message: `prompt has ${ids.length} tokens; ${init.id} has a context of ${loaded.model.config.contextLength}`,
            retryable: false,
          },
          elapsed(),
        );
      }
      const result = await enqueue(ids, options);
      if (result instanceof Error) {
        return failure(
          { kind: "unknown", message: `${init.id}: ${result.message}`, retryable: false },
          elapsed(),
        );
      }
      if (options.signal?.aborted)
        return failure(abortFailure(options.signal.reason), elapsed(), { attempts: 1 });
      const stopped = result.finishReason === "stop";
      let text = loaded.tokenizer.decode(result.tokens, { skipSpecial: true });
      let finishReason: "stop" | "length" = stopped ? "stop" : "length";
      for (const s of options.stop ?? []) {
        const at = s ? text.indexOf(s) : -1;
        if (at >= 0) {
          text = text.slice(0, at);
          finishReason = "stop";
        }
      }
      return {
        ok: true,
        text,
        finishReason,
        usage: { promptTokens: ids.length, completionTokens: result.tokens.length },
        latencyMs: elapsed(),
        attempts: 1,
      };
    },
  };
}

/** Requests batch together only when greedy with the same length limit; sampled ones run alone. */
function batchKey(o: GenerateOptions): string | undefined {
  if ((o.temperature ?? 0) > 0) return undefined;
  return stableStringify({ maxTokens: o.maxTokens ?? ENGINE_DEFAULT_MAX_TOKENS });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
