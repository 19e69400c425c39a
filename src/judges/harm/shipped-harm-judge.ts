import type { Judge } from "../../core/index.js";
import { shippedModel } from "../learn/shipped-model.js";
import json from "./harm-model.json" with { type: "json" };
import { createLearnedHarmJudge } from "./learned-harm-judge.js";

/**
 * The harm model shipped with breakfix, trained on the JailbreakBench artifacts and XSTest unsafe-prompt
 * completions in ../shared/datasets. Rebuild: `breakfix judge train harm` (writes src/judges/harm/harm-model.json).
 */
export const SHIPPED_HARM = shippedModel(json);

export function shippedHarmJudge(): Judge {
  return createLearnedHarmJudge(SHIPPED_HARM.model, SHIPPED_HARM.version);
}
