export * from "./dpo/dpo-loss.js";
export * from "./engine/dpo-trainer.js";
export * from "./engine/sft-trainer.js";
export * from "./formats/index.js";
export * from "./lineage.js";
export * from "./resolve-start-model.js";
export * from "./run-engine-training.js";
