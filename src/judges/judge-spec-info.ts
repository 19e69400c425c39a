import type { LabelSpace } from "./calibrate/label-file.js";
import type { JudgeRole } from "./judge-plugin.js";
import type { JudgeSpec } from "./judge-spec.js";

/** Roles in the order a composite of judges with different best roles prefers them (harm before severity). */
const ROLE_ORDER: readonly JudgeRole[] = ["refusal", "harm", "severity", "groundedness", "exact"];

/**
 * The bench roles a judge can fill, the one it fills exactly first. A composite fills the roles every member
 * fills, led by its members' common best role when they share one (so mixing severity and safe/unsafe judges
 * makes a harm judge).
 */
export function judgeRolesOf(spec: JudgeSpec): readonly JudgeRole[] {
  if (spec.kind === "judge") return spec.plugin.roles;
  const each = spec.members.map(judgeRolesOf);
  const shared = ROLE_ORDER.filter((r) => each.every((roles) => roles.includes(r)));
  const best = new Set(each.map((roles) => roles[0]));
  const lead = best.size === 1 ? [...best][0] : undefined;
  return lead && shared.includes(lead) ? [lead, ...shared.filter((r) => r !== lead)] : shared;
}

/** The label space a judge answers in; a composite's members' when they share one, else safe/unsafe. */
export function labelSpaceOf(spec: JudgeSpec): LabelSpace {
  if (spec.kind === "judge") return spec.plugin.labelSpace;
  const spaces = new Set(spec.members.map(labelSpaceOf));
  return spaces.size === 1 ? ([...spaces][0] as LabelSpace) : "binary";
}

/**
 * Whether every verdict carries a 0–7 severity. Never for a composite: a cascade settled by its filter, or
 * an ensemble whose severity member did not decide, gives verdicts without one.
 */
export function gradesSeverity(spec: JudgeSpec): boolean {
  return spec.kind === "judge" && spec.plugin.gradesSeverity;
}

/** The models the judge's LLM judges name, composite members included, each once. */
export function judgeModelIds(spec: JudgeSpec): string[] {
  if (spec.kind === "judge") return spec.model === undefined ? [] : [spec.model];
  return [...new Set(spec.members.flatMap(judgeModelIds))];
}
