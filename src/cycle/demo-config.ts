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
    // Half safety, half the model's own helpfulness data. Measured on the shipped base (one round): shares
    // 0.2 and 0.4 lost as much capability (to 46–51%) and refused far fewer unseen harmful asks (IPRR 2–8%
    // against 54% here).
    fixData: { safetyShare: 0.5 },
    training: {
      backend: "engine",
      sft: { steps: 120, batchSize: 8, learningRate: 5e-4 },
      dpo: { steps: 30, batchSize: 4, learningRate: 1e-4, beta: 0.1, sftWeight: 0.2 },
    },
  });
}
