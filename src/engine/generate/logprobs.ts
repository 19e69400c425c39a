import { BreakfixError } from "../../core/index.js";
import { forward } from "../model/forward.js";
import type { LlamaModel } from "../model/llama.js";

export interface ScoredSequence {
  prompt: readonly number[];
  completion: readonly number[];
}

export interface SequenceLogprob {
  /** Σ log p(completion token | everything before it). */
  logprob: number;
  /** Per completion token log-probabilities. */
  tokens: number[];
}

/**
 * Log-probabilities of given completions after their prompts, as DPO and evaluation need them. All
 * sequences run as one right-padded batch (padding after a sequence cannot affect it under a causal mask).
 * For training on them (DPO), use forward() with targets, the completion mask and reduction "sum",
 * tokenLogprobs() on its state, then backward() with a LossOverride of per-token coefficients: that is
 * one forward pass for both the scores and the gradient.
 */
export function sequenceLogprobs(model: LlamaModel, items: readonly ScoredSequence[]): SequenceLogprob[] {
  if (items.length === 0) return [];
  const V = model.config.vocabSize;
  const lengths = items.map((it, i) => {
    if (it.prompt.length === 0 || it.completion.length === 0) {
      throw new BreakfixError("DATA_INVALID", `sequence ${i}: prompt and completion must both be non-empty`, {
        fix: "start every prompt with at least one token (e.g. BOS) and give a completion",
      });
    }
    return it.prompt.length + it.completion.length - 1;
  });
  const T = Math.max(...lengths);
  const B = items.length;
  const tokens = new Int32Array(B * T);
  items.forEach((it, b) => {
    const seq = [...it.prompt, ...it.completion].slice(0, -1);
    tokens.set(seq, b * T);
  });
  const { logits } = forward(model, { tokens, B, T });
  return items.map((it, b) => {
    const out: number[] = [];
    for (let j = 0; j < it.completion.length; j++) {
      const row = (b * T + it.prompt.length - 1 + j) * V;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < V; i++) if (logits[row + i]! > max) max = logits[row + i]!;
      let sum = 0;
      for (let i = 0; i < V; i++) sum += Math.exp(logits[row + i]! - max);
      out.push(logits[row + it.completion[j]!]! - max - Math.log(sum));
    }
    return { logprob: out.reduce((a, b) => a + b, 0), tokens: out };
  });
}
