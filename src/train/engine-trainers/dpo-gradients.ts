import {
  type Batch,
  backward,
  forward,
  type Gradients,
  type LlamaModel,
  tokenLogprobs,
} from "../../engine/model/index.js";
import { type DpoLossOptions, type DpoLossResult, dpoLoss, type PairLogps } from "../dpo/dpo-loss.js";
import { rowLogps } from "./sequence-logps.js";

/** Reference log-probs and chosen-token counts of the batch's pairs (rows: n chosen, then n rejected). */
export interface PairRefs {
  refChosen: readonly number[];
  refRejected: readonly number[];
  chosenTokens: readonly number[];
}

/**
 * One DPO forward and backward over a batch of n chosen rows followed by their n rejected rows: scores
 * both sides in ONE pass (summed completion log-probs), and ADDS the loss gradient into `grads`.
 */
export function dpoGradients(
  model: LlamaModel,
  grads: Gradients,
  batch: Batch,
  refs: PairRefs,
  o: DpoLossOptions,
): DpoLossResult {
  const n = batch.B / 2;
  const { state } = forward(model, { ...batch, reduction: "sum" });
  const lp = rowLogps(batch, tokenLogprobs(state));
  const pairs: PairLogps[] = Array.from({ length: n }, (_, i) => ({
    policyChosen: lp[i] as number,
    policyRejected: lp[n + i] as number,
    refChosen: refs.refChosen[i] as number,
    refRejected: refs.refRejected[i] as number,
    chosenTokens: refs.chosenTokens[i] as number,
  }));
  const result = dpoLoss(pairs, o);
  // backward(dLoss = −1) with per-token weights w gives ∇ Σ w·log p: w = ∂loss/∂(its sequence's log p).
  const T = batch.T;
  const coef = new Float32Array(batch.B * T);
  for (let b = 0; b < batch.B; b++) {
    const d = (b < n ? result.dChosen[b] : result.dRejected[b - n]) as number;
    for (let t = 0; t < T; t++) if ((batch.weights?.[b * T + t] ?? 0) > 0) coef[b * T + t] = d;
  }
  backward(model, state, grads, -1, { weights: coef });
  return result;
}
