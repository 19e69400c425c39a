import type { Judge, JudgeScore } from "../../core/index.js";
import { coherenceOf } from "./coherence-features.js";

export const COHERENCE_JUDGE_ID = "coherence:text";
/** Bump when features, lexicon or thresholds change, so stored scores say which rules produced them. */
export const COHERENCE_JUDGE_VERSION = "1";

/**
 * Coherent or degenerate (word salad, loops, runs of one character, empty), from text statistics alone: it
 * never calls a model, so it can judge the model under test without trusting it.
 */
export const coherenceJudge: Judge = {
  id: COHERENCE_JUDGE_ID,
  version: COHERENCE_JUDGE_VERSION,
  async score(input): Promise<JudgeScore> {
    const v = coherenceOf(input.response);
    return {
      judgeId: COHERENCE_JUDGE_ID,
      judgeVersion: COHERENCE_JUDGE_VERSION,
      label: v.degenerate ? "degenerate" : "coherent",
      value: v.score,
      rationale: v.reasons.length > 0 ? v.reasons.join("; ") : "no degenerate feature",
    };
  },
};
