import { type Judge, sha256Hex, stableStringify } from "../../core/index.js";
import type { LogisticModel } from "../learn/sparse-logistic.js";
import { createLearnedRefusalJudge } from "./learned-refusal-judge.js";
import shipped from "./refusal-model.json" with { type: "json" };

/**
 * The refusal model shipped with breakfix, trained on all XSTest human-labelled completions in
 * ../shared/datasets. Rebuild: `breakfix judge train refusal --out src/judges/refusal/refusal-model.json`.
 */
export const SHIPPED_REFUSAL_MODEL = shipped as LogisticModel;

/** Version = first 12 hex of the weights' hash, so a retrained model is a new judge version. */
export const SHIPPED_REFUSAL_VERSION = sha256Hex(stableStringify(SHIPPED_REFUSAL_MODEL)).slice(0, 12);

export function shippedRefusalJudge(): Judge {
  return createLearnedRefusalJudge(SHIPPED_REFUSAL_MODEL, SHIPPED_REFUSAL_VERSION);
}
