import type { Judge } from "../../core/index.js";
import { shippedModel } from "../learn/shipped-model.js";
import { createLearnedRefusalJudge } from "./learned-refusal-judge.js";
import json from "./refusal-model.json" with { type: "json" };

/**
 * The refusal model shipped with breakfix, trained on all XSTest human-labelled completions in
 * ../shared/datasets. Rebuild: `breakfix judge train refusal` (writes src/judges/refusal/refusal-model.json).
 */
export const SHIPPED_REFUSAL = shippedModel(json);

export function shippedRefusalJudge(): Judge {
  return createLearnedRefusalJudge(SHIPPED_REFUSAL.model, SHIPPED_REFUSAL.version);
}
