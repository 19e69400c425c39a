import type { LogisticModel } from "../learn/sparse-logistic.js";
import { harmFeatures } from "./features.js";
import { chooseHarmSettings, GOAL_FOLDS, type HarmSettings } from "./harm-crossval.js";
import type { HarmRow } from "./harm-rows.js";
import { trainHarmModelOnFeatures, withThreshold } from "./learned-harm-judge.js";

/**
 * The shipped harm model: l2 and the threshold chosen on goal fold 0 held out (the
 * same inner search the cross-validation runs), then trained on every row with the threshold folded into
 * the bias. Deterministic: the same rows give the same bytes.
 */
export function trainShippedHarmModel(rows: readonly HarmRow[]): {
  model: LogisticModel;
  settings: HarmSettings;
} {
  const featurised = rows.map((r) => ({ ...r, x: harmFeatures(r.goal, r.response) }));
  const settings = chooseHarmSettings(featurised, GOAL_FOLDS, 0);
  const model = trainHarmModelOnFeatures(featurised, { l2: settings.l2 });
  return { model: withThreshold(model, settings.threshold), settings };
}
