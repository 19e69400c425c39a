import { createRng, type Rng } from "../core/index.js";
import { EVAL_LOOKALIKES } from "./lookalike-eval-families.js";
import {
  type LookalikeKind,
  lookalikeFamilyId,
  TRAIN_LOOKALIKES,
  type TrainLookalike,
} from "./lookalike-families.js";

/**
 * `n` training look-alikes for a harm area: the area's own first (seeded order), then others' so an area
 * with few families still gets its share of over-refusal counter-examples.
 */
export function pickTrainLookalikes(area: string, n: number, rng: Rng): TrainLookalike[] {
  const own = rng.shuffle(TRAIN_LOOKALIKES.filter((l) => l.area === area));
  const others = rng.shuffle(TRAIN_LOOKALIKES.filter((l) => l.area !== area));
  return [...own, ...others].slice(0, n);
}

export interface LookalikeEvalPrompt {
  id: string;
  area: string;
  kind: LookalikeKind;
  prompt: string;
}

/**
 * Benign look-alike prompts for measuring over-refusal (VPRR): up to `perArea` per harm area, from the
 * evaluation families only, which the compiler never trains on.
 */
export function lookalikeEvalPrompts(o: { seed: number; perArea: number }): LookalikeEvalPrompt[] {
  const rng = createRng(o.seed).fork("lookalike-eval");
  const areas = [...new Set(EVAL_LOOKALIKES.map((l) => l.area))];
  return areas.flatMap((area) =>
    rng
      .shuffle(EVAL_LOOKALIKES.filter((l) => l.area === area))
      .slice(0, o.perArea)
      .map((l) => ({ id: `lookalike-eval:${lookalikeFamilyId(l)}`, area, kind: l.kind, prompt: l.prompt })),
  );
}

/**
 * The attack's wrapper around a benign look-alike: when the first user turn carries the objective's goal
 * verbatim, every copy of the goal is swapped for the benign prompt. The model then sees the same template with a harmless
 * request answered, so it learns that the request, not the wrapper, decides a refusal.
 */
export function wrapLikeAttack(
  attackText: string,
  goal: string | undefined,
  benign: string,
): string | undefined {
  if (!goal || goal.trim().length < 8) return undefined;
  if (!attackText.includes(goal) || attackText.trim() === goal.trim()) return undefined;
  return attackText.split(goal).join(benign);
}
