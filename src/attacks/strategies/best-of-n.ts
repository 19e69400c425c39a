import { z } from "zod";
import { augment } from "./augment.js";
import { defineStrategy } from "./define-strategy.js";
import { singleTurnProbe } from "./render-probe.js";

const rate = z.number().min(0).max(1);

/** Pure converters best-of-N may stack on top of the augmentation. */
export const BEST_OF_N_CONVERTERS: readonly string[] = [
  "leetspeak",
  "homoglyph",
  "diacritics",
  "zero-width",
  "word-split",
  "random-case",
  "prefix-injection",
  "refusal-suppression",
];

/**
 * Best-of-N jailbreaking: up to N randomly augmented versions of the objective (scrambled words, flipped
 * case, ASCII noise, sometimes a random converter), each a fresh draw from the seeded rng.
 */
export const bestOfNStrategy = defineStrategy({
  id: "best-of-n",
  description:
    "up to N random augmentations of the objective (scramble, case flips, char noise, converter picks)",
  needsAttacker: false,
  options: z.strictObject({
    /** Number of candidates; default: as many as the budget allows. */
    n: z.int().min(1).optional(),
    caseFlip: rate.default(0.6),
    scramble: rate.default(0.6),
    noise: rate.default(0.06),
    converters: z.array(z.string()).default([...BEST_OF_N_CONVERTERS]),
    converterProbability: rate.default(0.3),
  }),
  async *probes(rt, options) {
    const chains = options.converters.map((id) => rt.chain([id]));
    const n = options.n ?? rt.budget;
    for (let i = 0; i < n; i++) {
      const draw = rt.rng.fork(`candidate:${i}`);
      const text = augment(rt.objective.goal, draw, options);
      const chain =
        chains.length > 0 && draw.bool(options.converterProbability) ? draw.pick(chains) : undefined;
      yield await singleTurnProbe(rt, {
        prompt: text,
        chain,
        note: `candidate ${i + 1}: augmented${chain ? ` + ${chain.ids.join(",")}` : ""}`,
        label: `candidate:${i}`,
      });
    }
  },
});
