import { judgeModelLookup } from "../app/index.js";
import type { ChatModel } from "../core/index.js";
import { type JudgeSpec, parseJudgeSpec } from "../judges/index.js";
import type { CliContext } from "./context.js";

/** `--judge <id>`: parsed as the option is read, so a bad id stops the command before any work. */
export const judgeFlag = (value: string): JudgeSpec => parseJudgeSpec(value);

/** `bench run --judge`: which judges there are, and for which suites. */
export const BENCH_JUDGE_HELP =
  "judge for the suites whose role it fits (repeatable): refusal:learned | refusal:strmatch | harm:learned | " +
  "llm:<harm-severity|behavior|jbb|strongreject|refusal>:<model> | groundedness:lexical | llm:groundedness:<model> | " +
  "exact-match, or a composite of judges of one role: any(a,b) | majority(a,b,c) | unanimous(a,b) | cascade(a>b). " +
  "The learned judges are trained on English: for non-English MultiJail text use an llm: judge";

/** A repeatable `--judge`. */
export const judgeFlags = (value: string, previous: JudgeSpec[]): JudgeSpec[] => [
  ...previous,
  judgeFlag(value),
];

/** The models the LLM judges among `judges` name, resolved up front (see `judgeModelLookup`). */
export function judgeModels(
  ctx: CliContext,
  judges: readonly JudgeSpec[],
): Promise<(id: string) => ChatModel> {
  return judgeModelLookup((id) => ctx.model(id), judges);
}
