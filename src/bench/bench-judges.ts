import { BreakfixError, type Judge } from "../core/index.js";
import { gradesSeverity, type JudgeSpec, judgeRolesOf, parseJudgeSpec } from "../judges/index.js";
import type { JudgeInfo, Suite } from "./suite.js";

/**
 * For each suite, the judge to use: the first `--judge` that fills its role exactly, else the first that can
 * fill it (severity and safe/unsafe judges stand in for each other), else the suite's default.
 */
export function chooseJudges(suites: readonly Suite[], judges: readonly JudgeSpec[]): Map<string, JudgeSpec> {
  for (const spec of judges) {
    if (judgeRolesOf(spec).length === 0) {
      throw new BreakfixError("USAGE", `Cannot tell what judge "${spec.id}" measures`, {
        fix: "use a judge with a bench role (`breakfix judge list`), or a composite whose members share one",
      });
    }
  }
  const chosen = new Map<string, JudgeSpec>();
  for (const suite of suites) {
    const exact = judges.find((spec) => judgeRolesOf(spec)[0] === suite.role);
    const near = judges.find((spec) => judgeRolesOf(spec).includes(suite.role));
    chosen.set(suite.id, exact ?? near ?? parseJudgeSpec(suite.defaultJudge));
  }
  return chosen;
}

export function judgeInfo(spec: JudgeSpec, judge: Judge): JudgeInfo {
  return { id: judge.id, gradesSeverity: gradesSeverity(spec) };
}
