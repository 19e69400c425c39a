import { strategyRegistry } from "../attacks/index.js";
import { templateFamily } from "./technique-family.js";

/** What one target query of a step tried: the parts of its technique family. */
export interface ProbeTechnique {
  strategy: string;
  converters: string[];
  template?: string;
}

/**
 * What a campaign step's queries tried, from the step's options as the run recorded them.
 *
 * An attempt row keeps the technique of its deciding probe only: a converter-chain step that tried base64,
 * rot13, ... and failed records the last chain. Counting it under that chain alone would leave the base64
 * group without attempts, so a fixed base64 break could never be seen fixed. Where the sequence of probes
 * is fixed by the options, each query is counted under its own technique:
 * - `perQuery`: converter-chain (one chain per query, in order); template with listed order, or with
 *   templates all of one family (the order then does not change the family).
 * - `coarse`: template over templates of several families in a shuffled order: which family a failed query
 *   tried is unknown, so every attempt of the step, successes included, counts under `template` (+ its
 *   fixed converters) without a family.
 * - undefined: the row's own technique is the step's (direct, crescendo, PAIR, TAP, many-shot, best-of-N).
 */
export type StepTechniques = { perQuery: ProbeTechnique[] } | { coarse: ProbeTechnique } | undefined;

export function stepTechniques(step: { strategy?: unknown; options?: unknown } | undefined): StepTechniques {
  if (!step || typeof step.strategy !== "string" || !strategyRegistry.has(step.strategy)) return undefined;
  const strategy = step.strategy;
  let options: Record<string, unknown>;
  try {
    options = strategyRegistry.get(strategy).parseOptions(step.options ?? {}) as Record<string, unknown>;
  } catch {
    // Options this version no longer accepts: fall back to the rows' own techniques.
    return undefined;
  }
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  if (strategy === "converter-chain") {
    const template = typeof options["template"] === "string" ? options["template"] : undefined;
    const chains = Array.isArray(options["chains"]) ? options["chains"].map(strings) : [];
    return {
      perQuery: chains.map((converters) => ({ strategy, converters, ...(template ? { template } : {}) })),
    };
  }
  if (strategy === "template") {
    const converters = strings(options["converters"]);
    const templates = strings(options["templates"]);
    const families = new Set(templates.map(templateFamily));
    if (templates.length > 0 && (options["order"] === "listed" || families.size === 1)) {
      return { perQuery: templates.map((template) => ({ strategy, converters, template })) };
    }
    return { coarse: { strategy, converters } };
  }
  return undefined;
}
