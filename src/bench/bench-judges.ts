import { BreakfixError, type ChatModel, type Judge } from "../core/index.js";
import { parseCompositeId } from "../judges/index.js";
import { exactMatchJudge } from "./exact-match-judge.js";
import { createLlmGroundednessJudge, lexicalGroundednessJudge } from "./groundedness-judge.js";
import type { JudgeInfo, JudgeRole, Suite } from "./suite.js";

/**
 * The role a judge id serves, from its id: `refusal:*`, `harm:*`, `llm:<rubric>:*`, groundedness, exact; a
 * composite serves its members' common role (harm when severity and harm judges are mixed).
 */
export function judgeRoleOf(id: string): JudgeRole | undefined {
  const composite = parseCompositeId(id);
  if (composite) {
    const roles = new Set(composite.members.map(judgeRoleOf));
    if (roles.size === 1) return [...roles][0];
    return [...roles].every((r) => r === "harm" || r === "severity") ? "harm" : undefined;
  }
  if (id === "exact-match") return "exact";
  if (id.startsWith("groundedness:") || id.startsWith("llm:groundedness:")) return "groundedness";
  if (id.startsWith("refusal:") || id.startsWith("llm:refusal:")) return "refusal";
  if (id.startsWith("llm:harm-severity:")) return "severity";
  if (id.startsWith("harm:") || /^llm:(behavior|jbb|strongreject):/.test(id)) return "harm";
  return undefined;
}

/** Severity and safe/unsafe judges stand in for each other (DR-x is then named for what it measures). */
function fits(role: JudgeRole | undefined, wanted: JudgeRole): boolean {
  if (role === wanted) return true;
  return (role === "harm" && wanted === "severity") || (role === "severity" && wanted === "harm");
}

/** For each suite, the judge id to use: the first `--judge` that fits its role, else the suite's default. */
export function chooseJudgeIds(suites: readonly Suite[], judgeIds: readonly string[]): Map<string, string> {
  for (const id of judgeIds) {
    if (!judgeRoleOf(id)) {
      throw new BreakfixError("USAGE", `Cannot tell what judge "${id}" measures`, {
        fix: "use refusal:learned, refusal:strmatch, harm:learned, llm:<rubric>:<provider:model>, groundedness:lexical, llm:groundedness:<provider:model>, exact-match, or a composite whose members serve one role",
      });
    }
  }
  const chosen = new Map<string, string>();
  for (const suite of suites) {
    const exact = judgeIds.find((id) => judgeRoleOf(id) === suite.role);
    const near = judgeIds.find((id) => fits(judgeRoleOf(id), suite.role));
    chosen.set(suite.id, exact ?? near ?? suite.defaultJudge);
  }
  return chosen;
}

export function judgeInfo(id: string, judge: Judge): JudgeInfo {
  return { id: judge.id, gradesSeverity: id.startsWith("llm:harm-severity:") };
}

/**
 * The judges only the bench knows (exact match, groundedness), or `undefined` for any other id. Pass it as
 * `extraJudge` to the judges module's `createJudge` so these ids also work inside composites.
 */
export function benchOnlyJudge(id: string, resolveModel: (id: string) => ChatModel): Judge | undefined {
  if (id === "exact-match") return exactMatchJudge;
  if (id === "groundedness:lexical") return lexicalGroundednessJudge;
  const llm = /^llm:groundedness:(.+)$/.exec(id);
  if (llm) return createLlmGroundednessJudge(resolveModel(llm[1] as string));
  return undefined;
}

/**
 * Builds the judges only the bench knows and hands every other id to the judges module's `createJudge`
 * (given by the caller, which knows how to resolve models).
 */
export function createBenchJudge(
  id: string,
  deps: { createJudge(id: string): Judge; resolveModel(id: string): ChatModel },
): Judge {
  return benchOnlyJudge(id, deps.resolveModel) ?? deps.createJudge(id);
}
