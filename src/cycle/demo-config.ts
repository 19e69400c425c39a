import { SAFETY_SYSTEM_PROMPTS } from "../embedded/index.js";
import { type CycleConfig, cycleConfigSchema } from "./cycle-config.js";

/**
 * The offline demo: the built-in model, its own harmful requests as objectives (two thirds attacked in
 * distribution, one third held out with other techniques), the held-out refusal, look-alike and capability
 * suites, two rounds of SFT then DPO on the engine. Sized to finish in a few minutes on 2 CPU cores.
 */
export function demoConfig(overrides: { seed?: number } = {}): CycleConfig {
  return cycleConfigSchema.parse({
    model: "engine:base",
    rounds: 2,
    seed: overrides.seed ?? 1,
    bench: { suites: ["heldout-refusal", "lookalike-benign", "capability"], limit: 200, maxTokens: 48 },
    redteam: { objectives: ["builtin"], maxTokens: 48 },
    // The model writes its own fix data under its safety system prompt (context distillation) and is
    // trained on it mixed with its own corpus: measured trials are in src/cycle/README.md.
    // Three helpfulness pairs (its answer ≻ a refusal of the round) per safety pair hold capability: without
    // them the refusals spread to held-out task phrasings (capability 73% → 66.5% → 53.5%, seed 1).
    fixData: {
      safetyShare: 0.3,
      helpfulnessPairs: 3,
      distill: { systemPrompt: SAFETY_SYSTEM_PROMPTS[0] as string },
    },
    training: {
      backend: "engine",
      sft: { steps: 200, batchSize: 8, learningRate: 2e-4 },
      dpo: { steps: 30, batchSize: 4, learningRate: 5e-5, beta: 0.1, sftWeight: 1 },
    },
  });
}
