import { z } from "zod";
import { user } from "../../core/index.js";
import { defineStrategy } from "./define-strategy.js";

/** The low-skilled adversary's first move: ask for the thing as it is. */
export const directStrategy = defineStrategy({
  id: "direct",
  description: "the objective asked as-is; `repeats` re-asks (for sampled targets)",
  needsAttacker: false,
  options: z.strictObject({ repeats: z.int().min(1).default(1) }),
  async *probes(rt, options) {
    for (let i = 0; i < options.repeats; i++) {
      yield {
        messages: [user(rt.objective.goal)],
        converters: [],
        ...(i > 0 ? { note: `repeat ${i + 1}` } : {}),
      };
    }
  },
});
