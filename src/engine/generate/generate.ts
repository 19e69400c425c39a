import { BreakfixError, createRng, type Rng } from "../../core/index.js";
import { holdResidentWeights, releaseKernelFloats, withResidentWeights } from "../kernels/backend.js";
import type { LlamaModel } from "../model/llama.js";
import { cachedForward } from "./cached-forward.js";
import { createKvCache } from "./kv-cache.js";
import { type SamplingOptions, sampleToken } from "./sample.js";
import { type TokenLogprob, tokenLogprob } from "./token-logprobs.js";

export interface GenerateOptions extends SamplingOptions {
  /** Most new tokens per sequence. */
  maxTokens: number;
  /** Generation of a sequence ends after it emits one of these (the stop token is included). */
  stopTokens?: readonly number[];
  /** Seeds sampling; sequence i draws from its own stream, so batching does not change results. */
  seed?: number;
  /**
   * Called after each new token of sequence `seq` with all its new tokens so far; returning true ends the
   * sequence there with finishReason "stop" (stop strings, streaming).
   */
  onToken?: (seq: number, tokens: readonly number[]) => boolean | undefined;
  /** Record each chosen token's log-probability and this many most likely alternatives (0–20). */
  topLogprobs?: number;
}

export interface Generation {
  /** The new tokens (without the prompt). */
  tokens: number[];
  /** "stop": emitted a stop token or onToken ended it; "length": hit maxTokens or the context length. */
  finishReason: "stop" | "length";
  /** Per new token, when topLogprobs was set. */
  logprobs?: TokenLogprob[];
}

/**
 * Generates continuations of several prompts together: one cached forward pass prefills all prompts,
 * then each step advances every unfinished sequence by one token in a single batched pass.
 */
export function generate(
  model: LlamaModel,
  prompts: readonly (readonly number[])[],
  o: GenerateOptions,
): Generation[] {
  const decoder = startDecoding(model, prompts, o);
  try {
    return withResidentWeights(model.flat, () => {
      while (decoder.step()) {}
      return decoder.out;
    });
  } finally {
    decoder.release();
  }
}

/**
 * As generate(), but yields to the event loop between tokens, so a server streams each token as it comes
 * and answers other requests meanwhile. Results are the same as generate()'s.
 */
export async function generateAsync(
  model: LlamaModel,
  prompts: readonly (readonly number[])[],
  o: GenerateOptions & { signal?: AbortSignal },
): Promise<Generation[]> {
  const decoder = startDecoding(model, prompts, o);
  const release = holdResidentWeights(model.flat);
  try {
    while (withResidentWeights(model.flat, () => decoder.step())) {
      await new Promise((resolve) => setImmediate(resolve));
      if (o.signal?.aborted) break;
    }
    return decoder.out;
  } finally {
    release();
    decoder.release();
  }
}

interface Decoder {
  readonly out: Generation[];
  /** Advances every unfinished sequence by one token; false once all have finished. */
  step(): boolean;
  release(): void;
}

function startDecoding(
  model: LlamaModel,
  prompts: readonly (readonly number[])[],
  o: GenerateOptions,
): Decoder {
  checkPrompts(model, prompts);
  const cache = createKvCache(model, prompts.length);
  const ctx = model.config.contextLength;
  const V = model.config.vocabSize;
  const stop = new Set(o.stopTokens ?? []);
  const rngs: Rng[] = prompts.map((_, i) => createRng(o.seed ?? 0).fork(`sequence:${i}`));
  const out: Generation[] = prompts.map(() => ({
    tokens: [],
    finishReason: "length",
    ...(o.topLogprobs !== undefined && { logprobs: [] }),
  }));
  const slots = Int32Array.from(prompts.flatMap((p, i) => p.map(() => i)));
  let logits: Float32Array | undefined;
  // The row holding each active sequence's newest logits.
  let rows = prompts.map((_, i) => slots.lastIndexOf(i));
  let active = o.maxTokens > 0 ? prompts.map((_, i) => i) : [];

  const step = (): boolean => {
    if (active.length === 0) return false;
    logits ??= cachedForward(model, cache, slots, Int32Array.from(prompts.flat()));
    const fed: number[] = [];
    const fedTokens: number[] = [];
    active.forEach((seq, a) => {
      const row = logits!.subarray(rows[a]! * V, (rows[a]! + 1) * V);
      const token = sampleToken(row, o, rngs[seq]!);
      const g = out[seq]!;
      g.tokens.push(token);
      if (o.topLogprobs !== undefined) g.logprobs!.push(tokenLogprob(row, token, o.topLogprobs));
      if (stop.has(token) || o.onToken?.(seq, g.tokens) === true) g.finishReason = "stop";
      else if (g.tokens.length < o.maxTokens && cache.lengths[seq]! < ctx) {
        fed.push(seq);
        fedTokens.push(token);
      }
    });
    active = fed;
    if (fed.length === 0) return false;
    logits = cachedForward(model, cache, Int32Array.from(fed), Int32Array.from(fedTokens));
    rows = fed.map((_, r) => r);
    return true;
  };
  // The cache is this call's alone: its memory goes back at once, not when the collector gets to it.
  return { out, step, release: () => releaseKernelFloats(...cache.k, ...cache.v) };
}

function checkPrompts(model: LlamaModel, prompts: readonly (readonly number[])[]): void {
  const { contextLength: ctx, vocabSize: V } = model.config;
  prompts.forEach((p, i) => {
    const fail = (message: string, fix: string): never => {
      throw new BreakfixError("DATA_INVALID", `prompt ${i}: ${message}`, { fix });
    };
    if (p.length === 0 || p.length >= ctx) {
      fail(
        `${p.length} tokens; it needs 1 to ${ctx - 1}`,
        "shorten the prompt to leave room for the completion",
      );
    }
    const bad = p.find((t) => !Number.isInteger(t) || t < 0 || t >= V);
    if (bad !== undefined) {
      fail(
        `token id ${bad} is outside the vocabulary (0..${V - 1})`,
        "encode prompts with the model's tokenizer",
      );
    }
  });
}
