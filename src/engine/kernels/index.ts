export * from "./attention/index.js";
export {
  activeKernelBackend,
  applyKernelBackendEnv,
  type KernelBackend,
  setKernelBackend,
  setKernelThreads,
  withResidentWeights,
} from "./backend.js";
export type { Buf } from "./buffer.js";
export * from "./cross-entropy.js";
export * from "./embedding.js";
export * from "./matmul.js";
export * from "./rmsnorm.js";
export * from "./rope.js";
export * from "./swiglu.js";
