import { type Batch, forward, type LlamaModel, tokenLogprobs } from "../../engine/model/index.js";

/**
 * Σ log p over each row's weighted (completion) targets of a forward pass: the sequence log-probability
 * DPO compares. `lp` is tokenLogprobs() of that pass (NaN on masked rows, which are skipped).
 */
export function rowLogps(batch: Batch, lp: Float32Array): Float64Array {
  const out = new Float64Array(batch.B);
  const w = batch.weights;
  for (let b = 0; b < batch.B; b++) {
    let s = 0;
    for (let t = 0; t < batch.T; t++) {
      const i = b * batch.T + t;
      if (w != null && w[i] === 0) continue;
      s += lp[i] as number;
    }
    out[b] = s;
  }
  return out;
}

/** Sequence log-probs of the batch under `model`, without a gradient. */
export function scoreBatch(model: LlamaModel, batch: Batch): Float64Array {
  const { state } = forward(model, { ...batch, reduction: "sum" });
  return rowLogps(batch, tokenLogprobs(state));
}
