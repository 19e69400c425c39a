import { z } from "zod";
import { defineStrategy } from "./define-strategy.js";
import { singleTurnProbe } from "./render-probe.js";

/** Copy-pasted jailbreaks: each template in turn (optionally with a converter chain) until success or budget. */
export const templateStrategy = defineStrategy({
  id: "template",
  description: "jailbreak templates one after another (seeded order, optional converter chain) until success",
  needsAttacker: false,
  options: z.strictObject({
    /** Template ids; default every template in the catalog. */
    templates: z.array(z.string()).min(1).optional(),
    order: z.enum(["listed", "shuffled"]).default("shuffled"),
    converters: z.array(z.string()).default([]),
    scope: z.enum(["prompt", "rendered"]).default("prompt"),
  }),
  async *probes(rt, options) {
    const chosen = options.templates
      ? options.templates.map((id) => rt.templates.get(id))
      : rt.templates.list();
    const ordered = options.order === "shuffled" ? rt.rng.fork("template-order").shuffle(chosen) : chosen;
    const chain = options.converters.length > 0 ? rt.chain(options.converters) : undefined;
    for (const template of ordered) {
      yield await singleTurnProbe(rt, {
        prompt: rt.objective.goal,
        template,
        chain,
        scope: options.scope,
        label: `template:${template.id}`,
      });
    }
  },
});
