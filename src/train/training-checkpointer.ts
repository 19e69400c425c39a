import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../core/index.js";
import {
  clearTrainingCheckpoints,
  latestTrainingCheckpoint,
  saveTrainingCheckpoint,
  type Trainer,
  type TrainerExtras,
  type TrainingState,
} from "../engine/training-loop/index.js";
import { newRunId } from "../store/index.js";

/** Steps between training checkpoints by default: a 200-step stage of the demo (~10 s) saves 7 times. */
export const DEFAULT_CHECKPOINT_EVERY = 25;
/** The checkpoints' folder inside a training's output folder; removed once the training finished. */
export const TRAINING_STATE_DIR = "training-state";

/**
 * Everything that shapes the weights a run ends with: a checkpoint continues a run only when all of it is
 * the same (another seed, data file or learning rate would silently mix two runs).
 */
export type RunFingerprint = Record<string, string | number | undefined>;

export interface Checkpointer {
  /** The checkpoint to continue from (`--resume`), or undefined to start at step 0. */
  readonly resumeFrom?: TrainingState;
  /** The store run: the given id, else the interrupted run's (a resume finishes that run), else a new one. */
  readonly runId: string;
  /** Set when a resume found checkpoint files but none intact (the run then starts at step 0). */
  readonly notice?: string;
  /**
   * The trainers' per-step hook: saves every `every` steps (never the last: the result is saved then).
   * `extras` is built only when a checkpoint is written, not on every step.
   */
  afterStep(trainer: Trainer, extras: () => TrainerExtras): void;
  /** Saves the current step unless it is saved already (an interrupted run, before it returns). */
  saveNow(): void;
  /** Removes the checkpoints (the run finished and its result is saved). */
  clear(): void;
}

const differences = (saved: RunFingerprint, now: RunFingerprint): string[] =>
  [...new Set([...Object.keys(saved), ...Object.keys(now)])].filter(
    (k) => JSON.stringify(saved[k]) !== JSON.stringify(now[k]),
  );

/**
 * Checkpoints of one training under `<outDir>/training-state`. With `resume` the run continues from the
 * newest intact checkpoint, which must belong to the same run (same fingerprint); without it earlier
 * checkpoints are removed and the run starts afresh. Each checkpoint holds the weights, AdamW moments, the
 * step, the data position and what the trainer adds (early stopping's best, the last metrics). The batch
 * stream's rng is a pure function of (seed, step) (see createTrainer, epochOrder), so seed and step are its
 * whole state.
 */
export function createCheckpointer(o: {
  outDir: string;
  resume: boolean;
  every: number;
  batchSize: number;
  seed: number;
  runId?: string;
  fingerprint: RunFingerprint;
}): Checkpointer {
  const root = path.join(o.outDir, TRAINING_STATE_DIR);
  if (!Number.isInteger(o.every) || o.every < 0) {
    throw new BreakfixError("USAGE", `checkpoint interval must be a whole number of steps, got ${o.every}`, {
      fix: "pass --checkpoint-every 25 (0 = no checkpoints)",
    });
  }
  let resumeFrom: TrainingState | undefined;
  if (o.resume) resumeFrom = latestTrainingCheckpoint(root);
  else clearTrainingCheckpoints(root);
  const notice =
    o.resume && !resumeFrom && existsSync(root) && readdirSync(root).length > 0
      ? `no intact training checkpoint in ${root}: starting at step 0`
      : undefined;
  if (resumeFrom) {
    const saved = (resumeFrom.meta["run"] ?? {}) as RunFingerprint;
    const changed = differences(saved, o.fingerprint);
    if (changed.length > 0) {
      throw new BreakfixError(
        "USAGE",
        `the training checkpoint in ${root} belongs to a run with other settings (${changed.join(", ")})`,
        {
          fix: "resume with the settings of the interrupted run, or start afresh without --resume",
          location: { file: root },
        },
      );
    }
  }
  const savedRunId = resumeFrom?.meta["runId"];
  const runId = o.runId ?? (typeof savedRunId === "string" ? savedRunId : newRunId("train"));
  let last: { trainer: Trainer; extras: () => TrainerExtras } | undefined;
  let savedStep = resumeFrom?.optimizer.step ?? 0;
  const save = (): void => {
    if (!last || last.trainer.optimizer.step === savedStep) return;
    const step = last.trainer.optimizer.step;
    saveTrainingCheckpoint(root, last.trainer, {
      extras: last.extras(),
      meta: {
        run: o.fingerprint,
        runId,
        data: { seed: o.seed, batchSize: o.batchSize, position: step * o.batchSize },
        rng: { seed: o.seed, step },
      },
    });
    savedStep = step;
  };
  return {
    resumeFrom,
    runId,
    notice,
    afterStep(trainer, extras) {
      last = { trainer, extras };
      const step = trainer.optimizer.step;
      if (o.every > 0 && step % o.every === 0 && step < trainer.options.steps) save();
    },
    saveNow: save,
    clear: () => clearTrainingCheckpoints(root),
  };
}
