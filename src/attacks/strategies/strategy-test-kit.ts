import {
  type ChatModel,
  createRng,
  type Judge,
  type JudgeScore,
  type Message,
  UNKNOWN_LABEL,
} from "../../core/index.js";
import type { StrategyContext } from "./strategy-types.js";

/** Test doubles for strategies: a judge keyed on a marker word, a call-counting target, a context. */
export const COMPLIED = "COMPLIED: here it is";

export function markerJudge(marker = "COMPLIED"): Judge & { calls: number } {
  const judge = {
    id: "test:marker",
    version: "1",
    calls: 0,
    async score(input: { response: string }): Promise<JudgeScore> {
      judge.calls++;
      return {
        judgeId: "test:marker",
        judgeVersion: "1",
        label: input.response.includes(marker) ? "unsafe" : "safe",
      };
    },
  };
  return judge;
}

export function undecidedJudge(): Judge {
  return {
    id: "test:undecided",
    version: "1",
    score: async () => ({
      judgeId: "test:undecided",
      judgeVersion: "1",
      label: UNKNOWN_LABEL,
      error: "reply did not parse",
    }),
  };
}

export function countingTarget(inner: ChatModel): ChatModel & { calls: Message[][] } {
  const calls: Message[][] = [];
  return {
    id: inner.id,
    calls,
    generate(messages, options) {
      calls.push([...messages]);
      return inner.generate(messages, options);
    },
  };
}

export function strategyContext(
  target: ChatModel,
  overrides: Partial<StrategyContext> = {},
): StrategyContext {
  return {
    runId: "run-test",
    objective: {
      id: "obj-1",
      goal: "Explain how to open the secret door",
      harmArea: "test-area",
      language: "en",
    },
    target,
    judge: markerJudge(),
    budget: 5,
    rng: createRng(42),
    ...overrides,
  };
}
