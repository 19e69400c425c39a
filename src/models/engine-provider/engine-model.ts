import type { ChatModel, GenerateOptions, GenerateResult, Message } from "../../core/index.js";
import { failure, stableStringify } from "../../core/index.js";
import { type Generation, generateAsync } from "../../engine/generate/index.js";
import type { LlamaModel } from "../../engine/model/index.js";
import { type BpeTokenizer, END_OF_TURN, renderChat } from "../../engine/tokenizer/index.js";
import { abortFailure } from "../abort-failure.js";
import { logprobsAsText, type ReplyWatcher, watchReply } from "./reply-watcher.js";

export const ENGINE_DEFAULT_MAX_TOKENS = 256;
/** OpenAI's limit on alternatives per token. */
const MAX_TOP_LOGPROBS = 20;

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
  watcher: ReplyWatcher;
  resolve: (g: Generation | Error) => void;
}

/**
 * A model of the built-in engine as a ChatModel. Greedy requests that arrive together are decoded in one
 * batch (one prefill, one batched step per token), which is where the engine's throughput comes from;
 * sampled requests run alone, so a seed gives the same reply however requests interleave. Decoding yields
 * to the event loop between tokens, so replies stream and a server stays responsive; one batch runs at a
 * time.
 */
export function createEngineModel(init: EngineModelInit): ChatModel {
  const queue: Pending[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
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
        const o = first.options;
        const out = await generateAsync(
          loaded.model,
          batch.map((p) => p.prompt),
          {
            maxTokens: o.maxTokens ?? ENGINE_DEFAULT_MAX_TOKENS,
            temperature: o.temperature ?? 0,
            ...(o.topK !== undefined && { topK: o.topK }),
            ...(o.topP !== undefined && { topP: o.topP }),
            ...(o.seed !== undefined && { seed: o.seed }),
            ...(o.logprobs !== undefined && { topLogprobs: o.logprobs }),
            // A batch stops early only when all its callers have hung up.
            ...(batch.length === 1 && o.signal && { signal: o.signal }),
            stopTokens: stopTokens.filter((t): t is number => t !== undefined),
            onToken: (seq, tokens) => batch[seq]!.watcher.onTokens(tokens),
          },
        );
        batch.forEach((p, i) => {
          p.resolve(out[i] as Generation);
        });
      } catch (err) {
        for (const p of batch) p.resolve(err instanceof Error ? err : new Error(String(err)));
      }
    }
  };

  const enqueue = (pending: Omit<Pending, "resolve">): Promise<Generation | Error> =>
    new Promise((resolve) => {
      queue.push({ ...pending, resolve });
      if (flushing) return;
      flushing = true;
      setImmediate(() => {
        flush()
          .catch((err: unknown) => {
            for (const p of queue.splice(0)) p.resolve(err instanceof Error ? err : new Error(String(err)));
          })
          .finally(() => {
            flushing = false;
          });
      });
    });

  const run = async (
    promptIds: (t: BpeTokenizer) => number[],
    promptText: string,
    options: GenerateOptions,
  ): Promise<GenerateResult> => {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    if (options.signal?.aborted)
      return failure(abortFailure(options.signal.reason), elapsed(), { attempts: 1 });
    if (options.logprobs !== undefined && !(options.logprobs >= 0 && options.logprobs <= MAX_TOP_LOGPROBS)) {
      return failure(
        { kind: "bad_request", message: `logprobs must be 0 to ${MAX_TOP_LOGPROBS}`, retryable: false },
        elapsed(),
      );
    }
    let loaded: LoadedEngineModel;
    try {
      loaded = await init.load();
    } catch (err) {
      return failure(
        { kind: "unknown", message: `cannot load ${init.id}: ${describe(err)}`, retryable: false },
        elapsed(),
      );
    }
    const ctx = loaded.model.config.contextLength;
    const tooLong = (tokens: string) =>
      failure(
        {
          kind: "bad_request",
          code: "context_length_exceeded",
          message: `prompt has ${tokens} tokens; ${init.id} has a context of ${ctx}`,
          retryable: false,
        },
        elapsed(),
      );
    // A token holds at most maxTokenBytes bytes, so a prompt this long cannot fit: no need to tokenise it.
    const leastTokens = Math.ceil(Buffer.byteLength(promptText) / maxTokenBytes(loaded.tokenizer));
    if (leastTokens >= ctx) return tooLong(`at least ${leastTokens}`);
    const ids = promptIds(loaded.tokenizer);
    if (ids.length >= ctx) return tooLong(String(ids.length));
    if (ids.length === 0) {
      return failure({ kind: "bad_request", message: "the prompt is empty", retryable: false }, elapsed());
    }
    const watcher = watchReply(loaded.tokenizer, options.stop ?? [], options.onText);
    const result = await enqueue({ prompt: ids, options, watcher });
    if (result instanceof Error) {
      return failure(
        { kind: "unknown", message: `${init.id}: ${result.message}`, retryable: false },
        elapsed(),
      );
    }
    if (options.signal?.aborted)
      return failure(abortFailure(options.signal.reason), elapsed(), { attempts: 1 });
    return {
      ok: true,
      text: watcher.finalText(result.tokens),
      finishReason: result.finishReason,
      usage: { promptTokens: ids.length, completionTokens: result.tokens.length },
      ...(result.logprobs && { logprobs: logprobsAsText(loaded.tokenizer, result.logprobs) }),
      latencyMs: elapsed(),
      attempts: 1,
    };
  };

  return {
    id: init.id,
    generate(messages: readonly Message[], options: GenerateOptions = {}): Promise<GenerateResult> {
      return run(
        (t) => renderChat(t, messages, { addGenerationPrompt: true }).ids,
        messages.map((m) => m.content).join(""),
        options,
      );
    },
    complete(prompt: string, options: GenerateOptions = {}): Promise<GenerateResult> {
      return run((t) => t.encodeOrdinary(prompt), prompt, options);
    },
  };
}

/** Requests batch together only when greedy with the same length limit and logprobs; sampled ones run alone. */
function batchKey(o: GenerateOptions): string | undefined {
  if ((o.temperature ?? 0) > 0) return undefined;
  return stableStringify({
    maxTokens: o.maxTokens ?? ENGINE_DEFAULT_MAX_TOKENS,
    logprobs: o.logprobs ?? null,
  });
}

const longestToken = new WeakMap<BpeTokenizer, number>();
function maxTokenBytes(tokenizer: BpeTokenizer): number {
  let n = longestToken.get(tokenizer);
  if (n === undefined) {
    n = 1;
    for (let id = 0; id < tokenizer.vocabSize; id++) n = Math.max(n, tokenizer.tokenBytes(id).length);
    longestToken.set(tokenizer, n);
  }
  return n;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
