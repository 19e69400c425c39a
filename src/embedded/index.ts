export * from "./build/base-recipe.js";
export * from "./build/build-base.js";
export * from "./build/encode-corpus.js";
export * from "./corpus/generate-corpus.js";
export { SAFETY_SYSTEM_PROMPTS } from "./corpus/safety-mode.js";
export * from "./corpus/task-kinds.js";
export * from "./eval/eval-set.js";
export * from "./eval/evaluate-base.js";
export * from "./eval/write-eval-files.js";
