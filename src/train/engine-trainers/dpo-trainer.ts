import { BreakfixError, type Progress } from "../../core/index.js";
import { withResidentWeights } from "../../engine/kernels/index.js";
import { createGradients, type LlamaModel } from "../../engine/model/index.js";
import type { BpeTokenizer } from "../../engine/tokenizer/index.js";
import {
  type AdamWState,
  adamWStep,
  clipGradNorm,
  createAdamWState,
  decayRanges,
  type StepStats,
  type Trainer,
  type TrainerExtras,
  type TrainingState,
  type TrainOptions,
  warmupCosine,
} from "../../engine/training-loop/index.js";
import type { PreferencePair } from "../../training-data/index.js";
import { type DpoLossOptions, type DpoMetrics, dpoLoss, type PairLogps } from "../dpo/dpo-loss.js";
import { dpoGradients } from "./dpo-gradients.js";
import { type EncodedSequence, encodeCompletion, toBatch, trainedTokens } from "./encode.js";
import { scoreBatch } from "./sequence-logps.js";
import { epochOrder, keepTrainable } from "./sequences.js";
import type { EngineTrainingOptions } from "./sft-trainer.js";

/** Each step runs one batch of 2 × batchSize sequences (chosen and rejected together). */
export interface DpoOptions extends DpoLossOptions, EngineTrainingOptions {}

export type DpoStepMetrics = DpoMetrics & { learning_rate: number; grad_norm: number };

export interface DpoHooks {
  progress: Progress;
  onStep?: (step: number, m: DpoStepMetrics) => void;
  onEval?: (step: number, m: DpoMetrics) => void;
  signal?: AbortSignal;
  resume?: AdamWState;
  /** The reference model when it is not `model`'s current weights (a resumed run passes the start). */
  reference?: LlamaModel;
  /** The last step's and evaluation's metrics saved with the optimizer state (see `checkpoint`). */
  resumeExtras?: TrainingState["extras"];
  /** Called after each step (and its evaluation) with what a checkpoint needs beside the optimizer. */
  checkpoint?: (trainer: Trainer, extras: () => TrainerExtras) => void;
}

export interface DpoResult {
  trainer: Trainer;
  steps: DpoStepMetrics[];
  evals: { step: number; metrics: DpoMetrics }[];
  dropped: number;
  /** The last step's and the last evaluation's metrics over the whole run (a resumed one included). */
  lastStep?: DpoStepMetrics;
  lastEval?: DpoMetrics;
}

type EncodedPair = { chosen: EncodedSequence; rejected: EncodedSequence; ref: [number, number] };

/** Chosen rows first, then rejected rows: one forward pass scores (and trains on) both sides. */
const pairBatch = (tok: BpeTokenizer, pairs: readonly EncodedPair[], T: number) =>
  toBatch(tok, [...pairs.map((p) => p.chosen), ...pairs.map((p) => p.rejected)], T);

const logpsOf = (pairs: readonly EncodedPair[], lp: Float64Array): PairLogps[] =>
  pairs.map((p, i) => ({
    policyChosen: lp[i] as number,
    policyRejected: lp[pairs.length + i] as number,
    refChosen: p.ref[0],
    refRejected: p.ref[1],
    chosenTokens: trainedTokens(p.chosen),
  }));

/** Reference log-probs, computed ONCE from the starting weights before any step. */
function withReference(
  model: LlamaModel,
  tok: BpeTokenizer,
  pairs: EncodedPair[],
  T: number,
  B: number,
): void {
  for (let i = 0; i < pairs.length; i += B) {
    const chunk = pairs.slice(i, i + B);
    const lp = scoreBatch(model, pairBatch(tok, chunk, T));
    chunk.forEach((p, j) => {
      p.ref = [lp[j] as number, lp[chunk.length + j] as number];
    });
  }
}

/** DPO metrics of `pairs` under the current weights (no gradient). */
function evaluate(
  model: LlamaModel,
  tok: BpeTokenizer,
  pairs: EncodedPair[],
  T: number,
  B: number,
  o: DpoLossOptions,
): DpoMetrics {
  const all: PairLogps[] = [];
  for (let i = 0; i < pairs.length; i += B) {
    const chunk = pairs.slice(i, i + B);
    all.push(...logpsOf(chunk, scoreBatch(model, pairBatch(tok, chunk, T))));
  }
  return dpoLoss(all, o).metrics;
}

/** Direct preference optimisation of `model` in place, from its current weights as the reference. */
export function trainDpo(
  model: LlamaModel,
  tok: BpeTokenizer,
  train: readonly PreferencePair[],
  validation: readonly PreferencePair[],
  o: DpoOptions,
  hooks: DpoHooks,
): DpoResult {
  const encode = (p: PreferencePair): EncodedPair => ({
    chosen: encodeCompletion(tok, p, "chosen"),
    rejected: encodeCompletion(tok, p, "rejected"),
    ref: [0, 0],
  });
  const ctx = model.config.contextLength;
  const sides = (p: EncodedPair) => [p.chosen, p.rejected];
  const kept = keepTrainable(train.map(encode), sides, ctx, "training pair");
  const val = keepTrainable(validation.map(encode), sides, ctx, "validation pair");
  const T = Math.max(kept.T, val.T);
  const n = kept.items.length;
  const steps = o.steps ?? Math.ceil(((o.epochs ?? 1) * n) / o.batchSize);
  if (!Number.isInteger(steps) || steps < 1 || !(o.beta > 0)) {
    throw new BreakfixError("USAGE", `DPO needs at least one step and β > 0 (steps ${steps}, β ${o.beta})`, {
      fix: "pass --steps or --epochs, and --beta such as 0.1",
    });
  }
  withReference(hooks.reference ?? model, tok, [...kept.items, ...val.items], T, o.batchSize);

  const options: TrainOptions = {
    steps,
    learningRate: o.learningRate,
    warmupSteps: o.warmupSteps ?? Math.min(10, Math.floor(steps / 10)),
    seed: o.seed,
  };
  const adam = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0 };
  const optimizer = createAdamWState(model, hooks.resume);
  const grads = createGradients(model);
  const decay = decayRanges(model);
  const order = epochOrder(n, o.seed);

  const step = (): StepStats & { metrics: DpoStepMetrics } => {
    const s = optimizer.step;
    const pairs = Array.from(
      { length: o.batchSize },
      (_, i) => kept.items[order(s * o.batchSize + i)] as EncodedPair,
    );
    grads.flat.fill(0);
    const refs = {
      refChosen: pairs.map((p) => p.ref[0]),
      refRejected: pairs.map((p) => p.ref[1]),
      chosenTokens: pairs.map((p) => trainedTokens(p.chosen)),
    };
    const lr = warmupCosine(s, steps, options.warmupSteps, o.learningRate, o.learningRate / 10);
    // As the engine trainer does: one resident copy of the weights for the forward and backward passes,
    // updated in place by the optimizer step (otherwise each pass and the update pin a copy of their own).
    const { result, gradNorm } = withResidentWeights(model.flat, () => {
      const result = dpoGradients(model, grads, pairBatch(tok, pairs, T), refs, o);
      const gradNorm = clipGradNorm(grads.flat, 1);
      adamWStep(model.flat, grads.flat, optimizer, lr, adam, decay);
      return { result, gradNorm };
    });
    return {
      step: s,
      loss: result.metrics.loss,
      lr,
      gradNorm,
      metrics: { ...result.metrics, learning_rate: lr, grad_norm: gradNorm },
    };
  };
  const trainer: Trainer = { model, options, optimizer, step };
  const out: DpoResult = { trainer, steps: [], evals: [], dropped: kept.dropped + val.dropped };

  const evalEvery = o.evalEvery ?? 10;
  out.lastStep = hooks.resumeExtras?.values["lastStep"] as DpoStepMetrics | undefined;
  out.lastEval = hooks.resumeExtras?.values["lastEval"] as DpoMetrics | undefined;
  hooks.progress.start("dpo", steps, optimizer.step);
  while (optimizer.step < steps && !hooks.signal?.aborted) {
    const s = step();
    out.steps.push(s.metrics);
    out.lastStep = s.metrics;
    hooks.onStep?.(s.step + 1, s.metrics);
    hooks.progress.advance();
    const done = s.step + 1;
    if (done % evalEvery === 0 || done === steps) {
      const m = s.metrics;
      hooks.progress.note(
        `step ${done}/${steps} loss ${m.loss.toFixed(4)} rewards/accuracies ${m["rewards/accuracies"].toFixed(2)} rewards/margins ${m["rewards/margins"].toFixed(3)}`,
      );
      if (val.items.length > 0) {
        const metrics = evaluate(model, tok, val.items, T, o.batchSize, o);
        out.evals.push({ step: done, metrics });
        out.lastEval = metrics;
        hooks.onEval?.(done, metrics);
      }
    }
    hooks.checkpoint?.(trainer, () => ({ values: { lastStep: out.lastStep, lastEval: out.lastEval } }));
  }
  hooks.progress.finish();
  return out;
}
