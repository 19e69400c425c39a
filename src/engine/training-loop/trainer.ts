import type { Progress } from "../../core/index.js";
import { BreakfixError, createRng, type Rng } from "../../core/index.js";
import { withResidentWeights } from "../kernels/backend.js";
import { backward } from "../model/backward.js";
import { type Batch, forward } from "../model/forward.js";
import { createGradients, type Gradients, type LlamaModel } from "../model/llama.js";
import { type AdamWState, adamWStep, createAdamWState, decayRanges } from "./adamw.js";
import { clipGradNorm, warmupCosine } from "./schedule.js";

export interface TrainOptions {
  /** Total optimizer steps of the run (the cosine schedule ends here). */
  steps: number;
  learningRate: number;
  /** Floor of the cosine decay; default learningRate / 10. */
  minLearningRate?: number;
  warmupSteps: number;
  /** Micro-batches whose gradients are summed into one step (gradient accumulation); default 1. */
  accumulation?: number;
  /** Global gradient-norm clip; 0 turns it off. Default 1. */
  clipNorm?: number;
  weightDecay?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Seeds the batch stream: the same seed gives the same batches, before and after a resume. */
  seed: number;
}

/**
 * Supplies micro-batch `micro` of step `step`. The rng is derived from (seed, step, micro) alone, so a
 * resumed run draws exactly the batches the uninterrupted run would have.
 */
export type BatchSource = (step: number, micro: number, rng: Rng) => Batch;

export interface StepStats {
  step: number;
  /** Mean loss over every unmasked token of the step's micro-batches. */
  loss: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export interface Trainer {
  readonly model: LlamaModel;
  readonly options: TrainOptions;
  /** Optimizer moments and the number of steps taken; save it with the weights to resume. */
  readonly optimizer: AdamWState;
  /** Runs one optimizer step. */
  step(): StepStats;
}

const weightOf = (b: Batch): number => {
  if (b.weights == null) return b.B * b.T;
  let w = 0;
  for (const x of b.weights) w += x;
  return w;
};

/** A trainer for `model`; pass `resume` (a saved optimizer state) to continue a run where it stopped. */
export function createTrainer(
  model: LlamaModel,
  source: BatchSource,
  options: TrainOptions,
  resume?: AdamWState,
): Trainer {
  const o = {
    accumulation: 1,
    clipNorm: 1,
    weightDecay: 0.1,
    beta1: 0.9,
    beta2: 0.95,
    eps: 1e-8,
    minLearningRate: options.learningRate / 10,
    ...options,
  };
  if (!Number.isInteger(o.accumulation) || o.accumulation < 1) {
    throw new BreakfixError(
      "CONFIG_INVALID",
      `train: accumulation must be a positive integer, got ${o.accumulation}`,
      {
        fix: "set accumulation to 1 or more",
        location: { field: "accumulation" },
      },
    );
  }
  const optimizer = createAdamWState(model, resume);
  const grads: Gradients = createGradients(model);
  const decay = decayRanges(model);
  const seedRng = createRng(o.seed);

  return {
    model,
    options,
    optimizer,
    step() {
      const step = optimizer.step;
      const batches: Batch[] = [];
      for (let micro = 0; micro < o.accumulation; micro++) {
        batches.push(source(step, micro, seedRng.fork(`batch:${step}:${micro}`)));
      }
      // Each micro-batch's mean loss is weighted by its share of the step's unmasked tokens, so the
      // step's loss and gradient are the mean over all of them, however they were split.
      const total = batches.reduce((s, b) => s + weightOf(b), 0);
      grads.flat.fill(0);
      let loss = 0;
      const lr = warmupCosine(step, o.steps, o.warmupSteps, o.learningRate, o.minLearningRate);
      // One resident copy of the weights serves every forward and backward, and the optimizer step
      // updates it in place (writing the weights back) when the SIMD kernels run.
      const gradNorm = withResidentWeights(model.flat, () => {
        for (const b of batches) {
          const share = total === 0 ? 0 : weightOf(b) / total;
          if (share === 0) continue;
          const out = forward(model, { ...b, reduction: "mean" });
          loss += out.loss! * share;
          backward(model, out.state, grads, share);
        }
        const norm = clipGradNorm(grads.flat, o.clipNorm);
        adamWStep(model.flat, grads.flat, optimizer, lr, o, decay);
        return norm;
      });
      return { step, loss, lr, gradNorm };
    },
  };
}

/**
 * Runs the trainer until `options.steps` steps are done (continuing from the optimizer's step after a
 * resume), reporting through `progress`; stops early, between steps, when `signal` aborts.
 */
export function train(
  trainer: Trainer,
  progress: Progress,
  hooks: { onStep?: (s: StepStats) => void; signal?: AbortSignal; noteEvery?: number } = {},
): StepStats[] {
  const { steps } = trainer.options;
  const every = hooks.noteEvery ?? 10;
  const out: StepStats[] = [];
  progress.start("train", steps, trainer.optimizer.step);
  while (trainer.optimizer.step < steps && !hooks.signal?.aborted) {
    const s = trainer.step();
    out.push(s);
    hooks.onStep?.(s);
    progress.advance();
    if ((s.step + 1) % every === 0 || s.step + 1 === steps) {
      progress.note(`step ${s.step + 1}/${steps} loss ${s.loss.toFixed(4)} lr ${s.lr.toExponential(2)}`);
    }
  }
  progress.finish();
  return out;
}
