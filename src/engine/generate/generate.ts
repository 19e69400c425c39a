import { BreakfixError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { releaseKernelFloats, withResidentWeights } from "../kernels/backend.js";
import type { LlamaModel } from "../model/llama.js";
import { cachedForward } from "./cached-forward.js";
import { createKvCache, type KvCache } from "./kv-cache.js";
import { type SamplingOptions, sampleToken } from "./sample.js";

export interface GenerateOptions extends SamplingOptions {
  /** Most new tokens per sequence. */
  maxTokens: number;
  /** Generation of a sequence ends after it emits one of these (the stop token is included). */
  stopTokens?: readonly number[];
  /** Seeds sampling; sequence i draws from its own stream, so batching does not change results. */
  seed?: number;
}

export interface Generation {
  /** The new tokens (without the prompt). */
  tokens: number[];
  /** "stop": emitted a stop token; "length": hit maxTokens or the context length. */
  finishReason: "stop" | "length";
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
  const cache = createKvCache(model, prompts.length);
  try {
    return withResidentWeights(model.flat, () => decode(model, prompts, o, cache));
  } finally {
    // The cache is this call's alone: its memory goes back at once, not when the collector gets to it.
    releaseKernelFloats(...cache.k, ...cache.v);
  }
}

function decode(
  model: LlamaModel,
  prompts: readonly (readonly number[])[],
  o: GenerateOptions,
  cache: KvCache,
): Generation[] {
  const ctx = model.config.contextLength;
  const stop = new Set(o.stopTokens ?? []);
  const rngs = prompts.map((_, i) => createRng(o.seed ?? 0).fork(`sequence:${i}`));
  const out: Generation[] = prompts.map(() => ({ tokens: [], finishReason: "length" }));
  const V = model.config.vocabSize;

  const slots = Int32Array.from(prompts.flatMap((p, i) => p.map(() => i)));
  let logits = cachedForward(model, cache, slots, Int32Array.from(prompts.flat()));
  // The row holding each active sequence's newest logits.
  let rows = prompts.map((_, i) => slots.lastIndexOf(i));
  let active = prompts.map((_, i) => i);
  while (active.length > 0 && o.maxTokens > 0) {
    const fed: number[] = [];
    const fedTokens: number[] = [];
    active.forEach((seq, a) => {
      const row = rows[a]!;
      const token = sampleToken(logits.subarray(row * V, (row + 1) * V), o, rngs[seq]!);
      const g = out[seq]!;
      g.tokens.push(token);
      if (stop.has(token)) g.finishReason = "stop";
      else if (g.tokens.length < o.maxTokens && cache.lengths[seq]! < ctx) {
        fed.push(seq);
        fedTokens.push(token);
      }
    });
    if (fed.length === 0) break;
    logits = cachedForward(model, cache, Int32Array.from(fed), Int32Array.from(fedTokens));
    rows = fed.map((_, r) => r);
    active = fed;
  }
  return out;
}
