import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import type { Trainer } from "./trainer.js";
import {
  loadTrainingState,
  saveTrainingState,
  type TrainerExtras,
  type TrainingState,
} from "./training-state.js";

/**
 * Training checkpoints of one run under a root folder: `step-00000040/` (a saveTrainingState folder), the
 * latest two kept. Each is written into `.step-00000040.tmp-<pid>/` and renamed into place, so a folder
 * named `step-*` is complete; a kill mid-save leaves only a temporary folder, which resume ignores and the
 * next save removes.
 */
const STEP_DIR = /^step-(\d{8,})$/;
const KEEP = 2;

const stepDirName = (step: number): string => `step-${String(step).padStart(8, "0")}`;

/** The `step-*` folders under root, newest first. */
function stepDirs(root: string): { step: number; dir: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .flatMap((name) => {
      const m = STEP_DIR.exec(name);
      return m ? [{ step: Number(m[1]), dir: path.join(root, name) }] : [];
    })
    .sort((a, b) => b.step - a.step);
}

/** Saves the trainer's state at its current step and drops older checkpoints and stale temporary folders. */
export function saveTrainingCheckpoint(
  root: string,
  trainer: Trainer,
  o: { meta?: Record<string, unknown>; extras?: TrainerExtras } = {},
): string {
  const target = path.join(root, stepDirName(trainer.optimizer.step));
  // The same step of the same run holds the same state (training is deterministic): nothing to redo.
  if (!existsSync(target)) {
    const tmp = path.join(root, `.${path.basename(target)}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    saveTrainingState(tmp, trainer, o);
    renameSync(tmp, target);
  }
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    if (name.startsWith(".step-")) rmSync(path.join(root, name), { recursive: true, force: true });
  }
  for (const old of stepDirs(root).slice(KEEP)) rmSync(old.dir, { recursive: true, force: true });
  return target;
}

/**
 * The newest checkpoint under root that loads and matches its recorded digests, or undefined when there is
 * none. A damaged one (a disk that lost the last writes) is skipped for the one before it.
 */
export function latestTrainingCheckpoint(root: string): (TrainingState & { dir: string }) | undefined {
  for (const { dir } of stepDirs(root)) {
    try {
      return { ...loadTrainingState(dir), dir };
    } catch (e) {
      if (!(e instanceof BreakfixError)) throw e;
    }
  }
  return undefined;
}

/** Removes every checkpoint of the run (after it finished, or before a fresh start). */
export function clearTrainingCheckpoints(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
