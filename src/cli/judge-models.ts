import { BreakfixError, type ChatModel } from "../core/index.js";
import { type JudgeSpec, judgeModelIds, parseJudgeSpec } from "../judges/index.js";
import type { CliContext } from "./context.js";

/** `--judge <id>`: parsed as the option is read, so a bad id stops the command before any work. */
export const judgeFlag = (value: string): JudgeSpec => parseJudgeSpec(value);

/** A repeatable `--judge`. */
export const judgeFlags = (value: string, previous: JudgeSpec[]): JudgeSpec[] => [
  ...previous,
  judgeFlag(value),
];

/**
 * The models that the LLM judges among `judges` name (composite members too), resolved (aliases included) up
 * front: judges are built synchronously, so `createJudge` gets this lookup rather than the asynchronous
 * resolver. Every calling command builds its judges from specs it passed here; a model it did not is a bug,
 * said as one.
 */
export async function judgeModels(
  ctx: CliContext,
  judges: readonly JudgeSpec[],
): Promise<(id: string) => ChatModel> {
  const models = new Map<string, ChatModel>();
  for (const name of judges.flatMap(judgeModelIds))
    if (!models.has(name)) models.set(name, await ctx.model(name));
  return (id) => {
    const model = models.get(id);
    if (!model) {
      throw new BreakfixError("INTERNAL", `judge model "${id}" was not resolved before the judge was built`);
    }
    return model;
  };
}
