import type { ChatModel } from "../core/index.js";
import type { CliContext } from "./context.js";

/** The model an LLM judge names inside its id, also within an ensemble or chain: `llm:harm:<model>`. */
const LLM_JUDGE_MODEL = /llm:[a-z-]+:([^,()>]+)/g;

/**
 * The models that the LLM judges among `judgeIds` name, resolved (aliases included) up front: judges are built
 * synchronously, so `createJudge` gets this lookup rather than the asynchronous resolver.
 */
export async function judgeModels(
  ctx: CliContext,
  judgeIds: readonly string[],
): Promise<(id: string) => ChatModel> {
  const models = new Map<string, ChatModel>();
  for (const id of judgeIds)
    for (const m of id.matchAll(LLM_JUDGE_MODEL)) models.set(m[1] as string, await ctx.model(m[1]));
  return (id) => models.get(id) as ChatModel;
}
