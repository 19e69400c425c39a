export { type AdamWOptions, type AdamWState, adamWStep, createAdamWState, decayRanges } from "./adamw.js";
export { clipGradNorm, warmupCosine } from "./schedule.js";
export {
  type BatchSource,
  createTrainer,
  type StepStats,
  type Trainer,
  type TrainOptions,
  train,
} from "./trainer.js";
export {
  clearTrainingCheckpoints,
  latestTrainingCheckpoint,
  saveTrainingCheckpoint,
} from "./training-checkpoints.js";
export {
  loadTrainingState,
  saveTrainingState,
  TRAINING_STATE_FILES,
  TRAINING_STATE_FORMAT,
  type TrainerExtras,
  type TrainingState,
} from "./training-state.js";
