import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError } from "../../core/index.js";
import { writeSafetensors } from "../formats/safetensors.js";
import { loadSafetensorsFile, readJsonFile, writeFileAtomic } from "../formats/tensor-file.js";
import type { LlamaConfig, NamedTensor } from "../model/config.js";
import { type LlamaModel, llamaFromTensors } from "../model/llama.js";
import type { AdamWState } from "./adamw.js";
import type { Trainer, TrainOptions } from "./trainer.js";

export const TRAINING_STATE_FORMAT = "breakfix-training-state";
export const TRAINING_STATE_FILES = {
  state: "training-state.json",
  weights: "model.safetensors",
  optimizer: "optimizer.safetensors",
  /** Trainer-specific buffers (SFT's best weights under early stopping); absent when there are none. */
  extra: "extra.safetensors",
};

/** What a trainer adds to its optimizer state so a resumed run continues exactly (JSON and buffers). */
export interface TrainerExtras {
  /** JSON-safe values: counters, best losses, the last metrics; non-finite numbers are stored as null. */
  values?: Record<string, unknown>;
  tensors?: NamedTensor[];
}

export interface TrainingState {
  config: LlamaConfig;
  options: TrainOptions;
  model: LlamaModel;
  optimizer: AdamWState;
  /** Whatever the caller stored beside the state (the run it belongs to, its data position). */
  meta: Record<string, unknown>;
  extras: { values: Record<string, unknown>; tensors: Map<string, Float32Array> };
}

const moments = (model: LlamaModel, flat: Float32Array, prefix: string): NamedTensor[] => {
  let offset = 0;
  return model.params.map((p) => {
    const data = flat.subarray(offset, offset + p.data.length);
    offset += p.data.length;
    return { name: `${prefix}.${p.name}`, shape: p.shape, data };
  });
};

const digest = (data: Uint8Array): { bytes: number; sha256: string } => ({
  bytes: data.length,
  sha256: createHash("sha256").update(data).digest("hex"),
});

const invalid = (file: string, what: string): BreakfixError =>
  new BreakfixError("DATA_INVALID", `training state ${what}`, {
    location: { file },
    fix: "resume from a complete training-state folder, or start the run afresh",
  });

/**
 * Saves what a run needs to continue exactly where it stopped: the weights (`model.safetensors`, the same
 * file a formats checkpoint uses), AdamW moments (`optimizer.safetensors`, tensors `exp_avg.<param>` /
 * `exp_avg_sq.<param>`), the trainer's extras, and the step count, options and each file's size and sha256
 * (`training-state.json`, written last so its presence marks a complete save; the digests catch a file
 * that was cut short anyway).
 */
export function saveTrainingState(
  dir: string,
  trainer: Trainer,
  o: { meta?: Record<string, unknown>; extras?: TrainerExtras } = {},
): void {
  const { model, optimizer, options } = trainer;
  const files: Record<string, { bytes: number; sha256: string }> = {};
  // Digests of the bytes in memory: reading the files back would cost as much as writing them.
  const save = (name: string, tensors: readonly NamedTensor[], metadata?: Record<string, string>) => {
    const bytes = writeSafetensors(tensors, metadata ? { metadata } : {});
    writeFileAtomic(path.join(dir, name), bytes);
    files[name] = digest(bytes);
  };
  save(TRAINING_STATE_FILES.weights, model.params, { format: "pt", producer: "breakfix" });
  save(TRAINING_STATE_FILES.optimizer, [
    ...moments(model, optimizer.m, "exp_avg"),
    ...moments(model, optimizer.v, "exp_avg_sq"),
  ]);
  if (o.extras?.tensors?.length) save(TRAINING_STATE_FILES.extra, o.extras.tensors);
  const state = {
    format: TRAINING_STATE_FORMAT,
    version: 2,
    step: optimizer.step,
    config: model.config,
    options,
    files,
    meta: o.meta ?? {},
    extras: o.extras?.values ?? {},
  };
  writeFileAtomic(path.join(dir, TRAINING_STATE_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Reads a folder written by saveTrainingState, checking every file against its recorded size and sha256;
 * pass the model and optimizer to the trainer to resume.
 */
export function loadTrainingState(dir: string): TrainingState {
  const stateFile = path.join(dir, TRAINING_STATE_FILES.state);
  const raw = readJsonFile(stateFile, "training state") as {
    format?: unknown;
    step?: unknown;
    config?: LlamaConfig;
    options?: TrainOptions;
    files?: Record<string, { bytes?: unknown; sha256?: unknown }>;
    meta?: Record<string, unknown>;
    extras?: Record<string, unknown>;
  };
  if (raw?.format !== TRAINING_STATE_FORMAT || !Number.isInteger(raw.step) || !raw.config || !raw.options) {
    throw new BreakfixError("DATA_INVALID", "not a breakfix training state", {
      location: { file: stateFile, field: "format" },
      fix: "resume from a folder written by the engine's trainer",
    });
  }
  for (const [name, want] of Object.entries(raw.files ?? {})) {
    const file = path.join(dir, name);
    if (!existsSync(file)) throw invalid(file, "file is missing");
    const got = digest(readFileSync(file));
    if (got.bytes !== want.bytes || got.sha256 !== want.sha256) throw invalid(file, "file is damaged");
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
  const extraFile = path.join(dir, TRAINING_STATE_FILES.extra);
  const extraTensors = existsSync(extraFile)
    ? new Map(loadSafetensorsFile(extraFile).tensors.map((t) => [t.name, t.data]))
    : new Map<string, Float32Array>();
  return {
    config: raw.config,
    options: raw.options,
    model,
    optimizer: { step: raw.step as number, m, v },
    meta: raw.meta ?? {},
    extras: { values: raw.extras ?? {}, tensors: extraTensors },
  };
}
