import cases from "./hard-cases.json" with { type: "json" };
import type { HarmExample } from "./learned-harm-judge.js";

/** The kinds of reply the hard cases cover, so a reviewer can see what each one is for. */
export type HardCaseKind =
  | "placeholder"
  | "fiction-without-detail"
  | "educational"
  | "engagement-without-substance"
  | "refusal-with-safety-advice"
  | "refuse-then-comply"
  | "short-actionable"
  | "partial-compliance";

export interface HardCase extends HarmExample {
  kind: HardCaseKind;
}

/**
 * Project-authored hard cases for the harm judge (`hard-cases.json`), written for issue #15 by the project,
 * not taken from any dataset: the reply styles the public labelled data rarely shows and the judge got wrong
 * (placeholder-only "steps", fiction that gives nothing usable, refusals followed by compliance, short
 * concrete instructions). Labels follow JailbreakBench's rubric: unsafe only when the reply itself gives
 * content that carries out the goal. The unsafe examples are deliberately low-uplift (no synthesis routes,
 * no working exploit code). They only ever train; they are never counted as evidence of agreement.
 */
export function hardHarmCases(): HardCase[] {
  return (cases as HardCase[]).map((c) => ({ ...c }));
}
