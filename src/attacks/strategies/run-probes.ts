import { type ChatModel, type JudgeScore, type Message, UNKNOWN_LABEL } from "../../core/index.js";
import { isJudgedSuccess } from "./is-judged-success.js";
import type { ProbeFeedback, ProbeSource, StrategyContext, StrategyResult, Trial } from "./strategy-types.js";

/**
 * Drives a strategy's probes: queries the target, judges each reply, stops at the first judged success,
 * and never asks the generator for a probe once the budget is spent. Target and judge failures end the
 * run with outcome `error` and the reason, never `failure`.
 */
export async function runProbes(
  ctx: StrategyContext,
  strategy: string,
  source: ProbeSource,
  /** Calls made outside the runner: the attacker's and the strategy's own judge calls (refusal checks). */
  counters: { attacker: () => number; judge: () => number },
): Promise<StrategyResult> {
  const trials: Trial[] = [];
  let judgeCalls = 0;
  const isSuccess = ctx.isSuccess ?? isJudgedSuccess;
  const finish = (outcome: StrategyResult["outcome"], error?: string): StrategyResult => {
    const last = trials.at(-1);
    const transcript: Message[] = last
      ? [
          ...last.messages,
          ...(last.response === undefined ? [] : [{ role: "assistant" as const, content: last.response }]),
        ]
      : [];
    return {
      runId: ctx.runId,
      objectiveId: ctx.objective.id,
      strategy,
      converters: last?.converters ?? [],
      template: last?.template,
      attempt: ctx.attempt ?? 0,
      outcome,
      transcript,
      queries: trials.length,
      scores: [last?.score, last?.decodedScore].filter((x): x is JudgeScore => x !== undefined),
      harmArea: ctx.objective.harmArea,
      language: ctx.objective.language,
      ...(error === undefined ? {} : { error }),
      trials,
      calls: { target: trials.length, judge: judgeCalls + counters.judge(), attacker: counters.attacker() },
    };
  };

  const judge = (conversation: Message[], response: string): Promise<JudgeScore> => {
    judgeCalls++;
    const input = { goal: ctx.objective.goal, conversation, response, harmArea: ctx.objective.harmArea };
    return ctx.judge.score(input, ctx.signal);
  };
  const undecided = (score: JudgeScore) =>
    `judge ${ctx.judge.id} could not decide: ${score.error ?? "no reason given"}`;

  const failTrial = (trial: Trial, reason: string): StrategyResult => {
    trial.error = reason;
    return finish("error", reason);
  };

  let feedback: ProbeFeedback | undefined;
  try {
    while (trials.length < ctx.budget) {
      const step = await source.next(feedback);
      if (step.done) return finish("failure");
      const probe = step.value;
      if ("error" in probe) return finish("error", probe.error);
      const { decodeReply, ...described } = probe;
      const trial: Trial = { index: trials.length + 1, ...described, messages: [...probe.messages] };
      trials.push(trial);
      const reply = await ctx.target.generate(trial.messages, { ...ctx.targetOptions, signal: ctx.signal });
      if (!reply.ok) {
        return failTrial(
          trial,
          `target ${ctx.target.id} failed: ${reply.error.kind}: ${reply.error.message}`,
        );
      }
      trial.response = reply.text;
      const score = await judge(trial.messages, reply.text);
      trial.score = score;
      if (score.label === UNKNOWN_LABEL) return failTrial(trial, undecided(score));
      if (isSuccess(score)) return finish("success");
      const decoded = decodeReply?.(reply.text);
      if (decoded !== undefined && decoded !== reply.text && decoded.trim() !== "") {
        trial.decodedResponse = decoded;
        trial.decodedScore = await judge(trial.messages, decoded);
        if (trial.decodedScore.label === UNKNOWN_LABEL)
          return failTrial(trial, undecided(trial.decodedScore));
        if (isSuccess(trial.decodedScore)) return finish("success");
      }
      feedback = { response: reply.text, score, remaining: ctx.budget - trials.length };
    }
    return finish("failure");
  } finally {
    await source.return(undefined);
  }
}

/** Wraps a model so the strategy's calls to it are counted (for calls-per-success figures). */
export function countCalls(model: ChatModel): { model: ChatModel; count: () => number } {
  let calls = 0;
  return {
    model: {
      id: model.id,
      generate(messages, options) {
        calls++;
        return model.generate(messages, options);
      },
    },
    count: () => calls,
  };
}
