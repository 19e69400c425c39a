import {
  type ChatModel,
  type GenerateOptions,
  type Judge,
  type JudgeScore,
  type Message,
  UNKNOWN_LABEL,
  user,
} from "../core/index.js";
import type { GenerationInput, ScoreInput } from "../store/index.js";
import type { BenchItem, UserSimulator } from "./suite.js";

/** What one finished item writes: its model calls, the verdicts on them, and why it failed if it did. */
export interface PlayedItem {
  itemId: string;
  generations: GenerationInput[];
  scores: ScoreInput[];
  failure?: string;
}

export interface PlayDeps {
  runId: string;
  model: ChatModel;
  judge: Judge;
  simulator: UserSimulator;
  generate: Omit<GenerateOptions, "signal">;
  signal?: AbortSignal;
}

const toMessages = (prompt: string | Message[]): Message[] =>
  typeof prompt === "string" ? [user(prompt)] : prompt;

const SIMULATOR_SUFFIX = "#simulator";

/** Where an item's simulated-user calls are recorded. */
export const simulatorItemId = (itemId: string): string => `${itemId}${SIMULATOR_SUFFIX}`;

/** The item a recorded call belongs to (its own id, or the item whose user a simulator played). */
export const itemOfCall = (callItemId: string): string =>
  callItemId.endsWith(SIMULATOR_SUFFIX) ? callItemId.slice(0, -SIMULATOR_SUFFIX.length) : callItemId;

/** The last attempt recorded per item (its simulator's calls included), from `attempt:turn:itemId` keys. */
export function lastAttempts(keys: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) {
    const [attempt, , ...rest] = key.split(":");
    const itemId = itemOfCall(rest.join(":"));
    out.set(itemId, Math.max(out.get(itemId) ?? 0, Number(attempt)));
  }
  return out;
}

/** A judge that throws is a judge that could not decide: recorded as `unknown` with the reason. */
async function safeScore(
  judge: Judge,
  item: BenchItem,
  conversation: Message[],
  response: string,
  signal?: AbortSignal,
): Promise<JudgeScore> {
  try {
    return await judge.score({ goal: item.goal, conversation, response, harmArea: item.harmArea }, signal);
  } catch (e) {
    return {
      judgeId: judge.id,
      judgeVersion: judge.version,
      label: UNKNOWN_LABEL,
      error: `judge threw: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/**
 * Queries the model for one item (one turn, or a simulated conversation) and judges every reply.
 * Returns `undefined` when the run was cancelled part-way: nothing of the item is kept, so resume redoes it.
 */
export async function playItem(
  itemId: string,
  item: BenchItem,
  deps: PlayDeps,
  attempt = 1,
): Promise<PlayedItem | undefined> {
  const out: PlayedItem = { itemId, generations: [], scores: [] };
  const { signal } = deps;
  const turns = item.play.kind === "multi-turn" ? item.play.turns : 1;
  let conversation: Message[] = item.play.kind === "multi-turn" ? [] : toMessages(item.prompt);
  for (let turn = 0; turn < turns; turn++) {
    if (item.play.kind === "multi-turn") {
      const next = await deps.simulator.next(item, conversation, turn, signal);
      if (signal?.aborted) return undefined;
      if (next.call) {
        // Kept beside the target's calls under their own item id, so reports never mistake them for replies.
        out.generations.push({
          runId: deps.runId,
          itemId: simulatorItemId(itemId),
          attempt,
          turn,
          ...next.call,
        });
      }
      if (!next.ok) {
        out.failure = `simulated user (${deps.simulator.id}) failed at turn ${turn + 1}: ${next.error}`;
        break;
      }
      conversation = [...conversation, user(next.text)];
    }
    const result = await deps.model.generate(conversation, { ...deps.generate, signal });
    if (signal?.aborted) return undefined;
    out.generations.push({
      runId: deps.runId,
      itemId,
      attempt,
      turn,
      modelId: deps.model.id,
      messages: conversation,
      params: deps.generate,
      result,
    });
    if (!result.ok) {
      out.failure = `model call failed (${result.error.kind}): ${result.error.message}`;
      break;
    }
    const score = await safeScore(deps.judge, item, conversation, result.text, signal);
    if (signal?.aborted) return undefined;
    out.scores.push({ runId: deps.runId, itemId, attempt, turn, score });
    conversation = [...conversation, { role: "assistant", content: result.text }];
  }
  return out;
}
