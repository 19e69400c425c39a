import { BreakfixError, type Progress } from "../../core/index.js";
import { forward, type LlamaModel } from "../../engine/model/index.js";
import type { BpeTokenizer } from "../../engine/tokenizer/index.js";
import {
  type AdamWState,
  createTrainer,
  type StepStats,
  type Trainer,
  type TrainerExtras,
  type TrainingState,
} from "../../engine/training-loop/index.js";
import type { SftExample } from "../../training-data/index.js";
import { type EncodedSequence, encodeSft, toBatch } from "./encode.js";
import { epochOrder, keepTrainable } from "./sequences.js";

/** What SFT and DPO runs on the engine share. */
export interface EngineTrainingOptions {
  /** Optimizer steps; or give `epochs` and the steps follow from the data size. */
  steps?: number;
  epochs?: number;
  /** Examples (SFT) or pairs (DPO) per step. */
  batchSize: number;
  learningRate: number;
  warmupSteps?: number;
  seed: number;
  /** Held-out evaluation every this many steps (and at the end); default 10. */
  evalEvery?: number;
}

export interface SftOptions extends EngineTrainingOptions {
  /** Stop after this many evaluations without improvement, keeping the best weights; 0 = never. */
  patience?: number;
}

export interface SftHooks {
  progress: Progress;
  onStep?: (s: StepStats) => void;
  onEval?: (step: number, validationLoss: number) => void;
  signal?: AbortSignal;
  /** Optimizer state of an interrupted run (see loadTrainingState). */
  resume?: AdamWState;
  /** The early-stopping state saved with it (see `checkpoint`). */
  resumeExtras?: TrainingState["extras"];
  /** Called after each step (and its evaluation) with what a checkpoint needs beside the optimizer. */
  checkpoint?: (trainer: Trainer, extras: () => TrainerExtras) => void;
}

export interface SftResult {
  trainer: Trainer;
  steps: StepStats[];
  evals: { step: number; loss: number }[];
  stoppedEarly: boolean;
  dropped: number;
  /** The last step's loss and the best validation loss, over the whole run (a resumed one included). */
  lastLoss?: number;
  bestEvalLoss?: number;
}

/** Early stopping's best weights as tensors named `best.<param>`, and back into one flat buffer. */
const bestTensors = (model: LlamaModel, flat: Float32Array) => {
  let offset = 0;
  return model.params.map((p) => {
    const data = flat.subarray(offset, offset + p.data.length);
    offset += p.data.length;
    return { name: `best.${p.name}`, shape: p.shape, data };
  });
};
function bestFlat(model: LlamaModel, tensors: ReadonlyMap<string, Float32Array>): Float32Array | undefined {
  if (tensors.size === 0) return undefined;
  const flat = new Float32Array(model.flat.length);
  let offset = 0;
  for (const p of model.params) {
    const t = tensors.get(`best.${p.name}`);
    if (t?.length !== p.data.length) {
      throw new BreakfixError(
        "DATA_INVALID",
        `training state: best weights of ${p.name} missing or misshapen`,
        {
          fix: "start the run afresh (without --resume)",
        },
      );
    }
    flat.set(t, offset);
    offset += p.data.length;
  }
  return flat;
}

const finiteOr = (x: unknown, fallback: number): number =>
  typeof x === "number" && Number.isFinite(x) ? x : fallback;

/** Mean NLL over the trained tokens of `sequences` (no gradient). */
export function sftLoss(
  model: LlamaModel,
  tokenizer: BpeTokenizer,
  sequences: readonly EncodedSequence[],
  T: number,
  batchSize: number,
): number {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < sequences.length; i += batchSize) {
    const batch = toBatch(tokenizer, sequences.slice(i, i + batchSize), T);
    total += forward(model, { ...batch, reduction: "sum" }).loss ?? 0;
    for (const w of batch.weights ?? []) weight += w;
  }
  return weight === 0 ? Number.NaN : total / weight;
}

/**
 * Supervised fine-tuning on assistant tokens (per-message weights respected) with validation loss and
 * early stopping. Trains `model` in place.
 */
export function trainSft(
  model: LlamaModel,
  tokenizer: BpeTokenizer,
  train: readonly SftExample[],
  validation: readonly SftExample[],
  o: SftOptions,
  hooks: SftHooks,
): SftResult {
  const ctx = model.config.contextLength;
  const encode = (e: SftExample) => [encodeSft(tokenizer, e)];
  const kept = keepTrainable(
    train.map((e) => encode(e)[0] as EncodedSequence),
    (s) => [s],
    ctx,
    "training conversation",
  );
  const val = keepTrainable(
    validation.map((e) => encode(e)[0] as EncodedSequence),
    (s) => [s],
    ctx,
    "validation conversation",
  );
  const T = Math.max(kept.T, val.T);
  const n = kept.items.length;
  const steps = o.steps ?? Math.ceil(((o.epochs ?? 1) * n) / o.batchSize);
  if (!Number.isInteger(steps) || steps < 1) {
    throw new BreakfixError("USAGE", `SFT needs at least one step, got ${steps}`, {
      fix: "pass --steps or --epochs",
    });
  }
  const order = epochOrder(n, o.seed);
  const trainer = createTrainer(
    model,
    (step) => {
      const rows = Array.from(
        { length: o.batchSize },
        (_, i) => kept.items[order(step * o.batchSize + i)] as EncodedSequence,
      );
      return toBatch(tokenizer, rows, T);
    },
    {
      steps,
      learningRate: o.learningRate,
      warmupSteps: o.warmupSteps ?? Math.min(10, Math.floor(steps / 10)),
      seed: o.seed,
    },
    hooks.resume,
  );
  const evalEvery = o.evalEvery ?? 10;
  const patience = o.patience ?? 0;
  const out: SftResult = {
    trainer,
    steps: [],
    evals: [],
    stoppedEarly: false,
    dropped: kept.dropped + val.dropped,
  };
  // Early stopping's state is part of a checkpoint: a resumed run stops where the uninterrupted one would.
  const saved = hooks.resumeExtras;
  let best = finiteOr(saved?.values["best"], Number.POSITIVE_INFINITY);
  let bestWeights = saved && patience > 0 ? bestFlat(model, saved.tensors) : undefined;
  let sinceBest = finiteOr(saved?.values["sinceBest"], 0);
  let lastLoss = saved?.values["lastLoss"] as number | undefined;
  const evaluate = (step: number): void => {
    if (val.items.length === 0) return;
    const loss = sftLoss(model, tokenizer, val.items, T, o.batchSize);
    out.evals.push({ step, loss });
    hooks.onEval?.(step, loss);
    hooks.progress.note(`step ${step} validation loss ${loss.toFixed(4)}`);
    if (loss < best) {
      best = loss;
      sinceBest = 0;
      if (patience > 0) bestWeights = model.flat.slice();
    } else sinceBest++;
  };
  hooks.progress.start("sft", steps, trainer.optimizer.step);
  while (trainer.optimizer.step < steps && !hooks.signal?.aborted) {
    const s = trainer.step();
    out.steps.push(s);
    lastLoss = s.loss;
    hooks.onStep?.(s);
    hooks.progress.advance();
    const done = s.step + 1;
    if (done % evalEvery === 0 || done === steps) {
      hooks.progress.note(`step ${done}/${steps} loss ${s.loss.toFixed(4)}`);
      evaluate(done);
      if (patience > 0 && sinceBest >= patience) {
        out.stoppedEarly = true;
        break;
      }
    }
    hooks.checkpoint?.(trainer, () => ({
      values: { best: Number.isFinite(best) ? best : null, sinceBest, lastLoss },
      tensors: bestWeights ? bestTensors(model, bestWeights) : [],
    }));
  }
  if (out.stoppedEarly && bestWeights) model.flat.set(bestWeights);
  out.lastLoss = lastLoss;
  if (Number.isFinite(best)) out.bestEvalLoss = best;
  hooks.progress.finish();
  return out;
}
