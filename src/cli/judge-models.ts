import { BreakfixError, type ChatModel } from "../core/index.js";
import type { CliContext } from "./context.js";

/** The model an LLM judge names inside its id, also within an ensemble or chain: `llm:harm:<model>`. */
const LLM_JUDGE_MODEL = /llm:[a-z-]+:([^,()>]+)/g;

/**
 * The models that the LLM judges among `judgeIds` name, resolved (aliases included) up front: judges are built
 * synchronously, so `createJudge` gets this lookup rather than the asynchronous resolver. Every calling
 * command builds its judges from ids it passed here; a model it did not is a bug, said as one.
 */
export async function judgeModels(
  ctx: CliContext,
  judgeIds: readonly string[],
): Promise<(id: string) => ChatModel> {
  const models = new Map<string, ChatModel>();
  for (const id of judgeIds)
    for (const m of id.matchAll(LLM_JUDGE_MODEL)) {
      const name = (m[1] as string).trim();
      if (!models.has(name)) models.set(name, await ctx.model(name));
    }
  return (id) => {
    const model = models.get(id.trim());
    if (!model) {
      throw new BreakfixError("INTERNAL", `judge model "${id}" was not resolved before the judge was built`);
    }
    return model;
  };
}
