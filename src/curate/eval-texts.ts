import { BreakfixError, type Sample } from "../core/index.js";
import { datasetRegistry, type LoadOptions } from "../datasets/index.js";
import type { EvalText } from "./decontaminate.js";
import { lookalikeEvalPrompts } from "./lookalikes.js";

/** The benchmark sets training data is kept away from by default. */
export const DEFAULT_EVAL_SETS: readonly string[] = [
  "xstest",
  "harmbench",
  "jbb-behaviors",
  "advbench",
  "do-not-answer",
  "multijail",
];

export interface CollectedEvalTexts {
  texts: EvalText[];
  loaded: Array<{ id: string; source: string; texts: number }>;
  /** Sets whose files are not here: named, with the loader's reason, never silently dropped. */
  skipped: Array<{ id: string; reason: string }>;
}

function promptTexts(s: Sample): string[] {
  return typeof s.prompt === "string"
    ? [s.prompt]
    : s.prompt.filter((m) => m.role === "user").map((m) => m.content);
}

/**
 * Every prompt of the named evaluation sets, loaded through the dataset loaders, plus the benign look-alike
 * evaluation prompts (all of them, whatever sample of them a cycle uses). A set whose files are missing is
 * skipped and reported; any other loader error (a corrupt file) is thrown.
 */
export async function collectEvalTexts(
  o: { ids?: readonly string[]; load?: LoadOptions; includeLookalikes?: boolean } = {},
): Promise<CollectedEvalTexts> {
  const out: CollectedEvalTexts = { texts: [], loaded: [], skipped: [] };
  for (const id of o.ids ?? DEFAULT_EVAL_SETS) {
    try {
      const loaded = await datasetRegistry.get(id).load(o.load);
      const texts = loaded.samples.flatMap((s) =>
        promptTexts(s).map((text, i) => ({
          source: loaded.source,
          id: i === 0 ? s.id : `${s.id}#${i}`,
          text,
        })),
      );
      out.texts.push(...texts);
      out.loaded.push({ id, source: loaded.source, texts: texts.length });
    } catch (e) {
      if (!(e instanceof BreakfixError) || e.code !== "NOT_FOUND") throw e;
      out.skipped.push({ id, reason: e.message });
    }
  }
  if (o.includeLookalikes ?? true) {
    const prompts = lookalikeEvalPrompts({ seed: 0, perArea: Number.MAX_SAFE_INTEGER });
    out.texts.push(...prompts.map((p) => ({ source: "lookalike-eval", id: p.id, text: p.prompt })));
    out.loaded.push({ id: "lookalike-eval", source: "lookalike-eval", texts: prompts.length });
  }
  return out;
}
