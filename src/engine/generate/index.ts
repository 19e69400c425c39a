export { cachedForward } from "./cached-forward.js";
export { type GenerateOptions, type Generation, generate, generateAsync } from "./generate.js";
export { createKvCache, type KvCache } from "./kv-cache.js";
export { type ScoredSequence, type SequenceLogprob, sequenceLogprobs } from "./logprobs.js";
export { argmax, type SamplingOptions, sampleToken } from "./sample.js";
export type { TokenLogprob } from "./token-logprobs.js";
