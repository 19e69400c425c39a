export type { Activations } from "./activations.js";
export { backward, type LossOverride, tokenLogprobs } from "./backward.js";
export * from "./config.js";
export { type Batch, type ForwardResult, type ForwardState, forward } from "./forward.js";
export {
  createGradients,
  createLlama,
  type Gradients,
  isNormParam,
  type LlamaModel,
  llamaFromTensors,
  paramCount,
  paramShapes,
  validateLlamaConfig,
} from "./llama.js";
export { checkShapesFitConfig, MAX_CONTEXT_LENGTH } from "./shapes-fit-config.js";
