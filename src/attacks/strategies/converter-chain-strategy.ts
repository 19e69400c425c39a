import { z } from "zod";
import { defineStrategy } from "./define-strategy.js";
import { singleTurnProbe } from "./render-probe.js";

/** Encodings and obfuscations an intermediate adversary tries first, one chain per query. */
export const DEFAULT_CHAINS: readonly (readonly string[])[] = [
  ["base64"],
  ["rot13"],
  ["leetspeak"],
  ["homoglyph"],
  ["char-spacing"],
  ["reverse"],
  ["morse"],
  ["caesar:3"],
  ["refusal-suppression"],
  ["prefix-injection"],
  ["base64", "prefix-injection"],
  ["leetspeak", "refusal-suppression"],
];

export const converterChainStrategy = defineStrategy({
  id: "converter-chain",
  description:
    "the objective through one converter chain per query (base64, rot13, leetspeak, ...) until success",
  needsAttacker: false,
  options: z.strictObject({
    chains: z
      .array(z.array(z.string()).min(1))
      .min(1)
      .default(DEFAULT_CHAINS.map((c) => [...c])),
    /** A template to wrap each converted request in. */
    template: z.string().optional(),
    scope: z.enum(["prompt", "rendered"]).default("prompt"),
    /** Also judge replies decoded through decodable chains (a target may answer in base64). */
    decodeReplies: z.boolean().default(true),
  }),
  async *probes(rt, options) {
    // Every chain is resolved before the first query, so a typo fails the run before it spends anything.
    const chains = options.chains.map((ids) => rt.chain(ids));
    const template = options.template === undefined ? undefined : rt.templates.get(options.template);
    for (const [i, chain] of chains.entries()) {
      yield await singleTurnProbe(rt, {
        prompt: rt.objective.goal,
        template,
        chain,
        scope: options.scope,
        decodeReplies: options.decodeReplies,
        label: `chain:${i}:${chain.ids.join(",")}`,
      });
    }
  },
});
