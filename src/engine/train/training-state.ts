import path from "node:path";
import { BreakfixError } from "../../core/errors.js";
import {
  loadSafetensorsFile,
  readJsonFile,
  saveSafetensorsFile,
  writeFileAtomic,
} from "../formats/tensor-file.js";
import type { LlamaConfig, NamedTensor } from "../model/config.js";
import { type LlamaModel, llamaFromTensors } from "../model/llama.js";
import type { AdamWState } from "./adamw.js";
import type { Trainer, TrainOptions } from "./trainer.js";

export const TRAINING_STATE_FORMAT = "breakfix-training-state";
export const TRAINING_STATE_FILES = {
  state: "training-state.json",
  weights: "model.safetensors",
  optimizer: "optimizer.safetensors",
};

export interface TrainingState {
  config: LlamaConfig;
  options: TrainOptions;
  model: LlamaModel;
  optimizer: AdamWState;
}

const moments = (model: LlamaModel, flat: Float32Array, prefix: string): NamedTensor[] => {
  let offset = 0;
  return model.params.map((p) => {
    const data = flat.subarray(offset, offset + p.data.length);
    offset += p.data.length;
    return { name: `${prefix}.${p.name}`, shape: p.shape, data };
  });
};

/**
 * Saves what a run needs to continue exactly where it stopped: the weights (`model.safetensors`, the same
 * file a formats checkpoint uses, so the folder can also be a checkpoint), AdamW moments
 * (`optimizer.safetensors`, tensors `exp_avg.<param>` / `exp_avg_sq.<param>`) and the step count and
 * options (`training-state.json`, written last so its presence marks a complete save).
 */
export function saveTrainingState(dir: string, trainer: Trainer): void {
  const { model, optimizer, options } = trainer;
  saveSafetensorsFile(path.join(dir, TRAINING_STATE_FILES.weights), model.params, {
    metadata: { format: "pt", producer: "breakfix" },
  });
  saveSafetensorsFile(path.join(dir, TRAINING_STATE_FILES.optimizer), [
    ...moments(model, optimizer.m, "exp_avg"),
    ...moments(model, optimizer.v, "exp_avg_sq"),
  ]);
  const state = {
    format: TRAINING_STATE_FORMAT,
    version: 1,
    step: optimizer.step,
    config: model.config,
    options,
  };
  writeFileAtomic(path.join(dir, TRAINING_STATE_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
}

/** Reads a folder written by saveTrainingState; pass the result to createTrainer to resume. */
export function loadTrainingState(dir: string): TrainingState {
  const stateFile = path.join(dir, TRAINING_STATE_FILES.state);
  const raw = readJsonFile(stateFile, "training state") as {
    format?: unknown;
    step?: unknown;
    config?: LlamaConfig;
    options?: TrainOptions;
  };
  if (raw?.format !== TRAINING_STATE_FORMAT || !Number.isInteger(raw.step) || !raw.config || !raw.options) {
    throw new BreakfixError("DATA_INVALID", "not a breakfix training state", {
      location: { file: stateFile, field: "format" },
      fix: "resume from a folder written by the engine's trainer",
    });
  }
  const weightsFile = path.join(dir, TRAINING_STATE_FILES.weights);
  const model = llamaFromTensors(raw.config, loadSafetensorsFile(weightsFile).tensors, weightsFile);
  const optimizerFile = path.join(dir, TRAINING_STATE_FILES.optimizer);
  const tensors = new Map(loadSafetensorsFile(optimizerFile).tensors.map((t) => [t.name, t.data]));
  const m = new Float32Array(model.flat.length);
  const v = new Float32Array(model.flat.length);
  let offset = 0;
  for (const p of model.params) {
    const [em, ev] = [tensors.get(`exp_avg.${p.name}`), tensors.get(`exp_avg_sq.${p.name}`)];
    if (em?.length !== p.data.length || ev?.length !== p.data.length) {
      throw new BreakfixError("DATA_INVALID", `optimizer state for ${p.name} is missing or misshapen`, {
        location: { file: optimizerFile, field: p.name },
        fix: "resume from a complete training-state folder, or start the run afresh",
      });
    }
    m.set(em, offset);
    v.set(ev, offset);
    offset += p.data.length;
  }
  return { config: raw.config, options: raw.options, model, optimizer: { step: raw.step as number, m, v } };
}
