import { type ChatModel, type Message, UNKNOWN_LABEL } from "../../core/index.js";
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
      scores: last?.score ? [last.score] : [],
      harmArea: ctx.objective.harmArea,
      language: ctx.objective.language,
      ...(error === undefined ? {} : { error }),
      trials,
      calls: { target: trials.length, judge: judgeCalls + counters.judge(), attacker: counters.attacker() },
    };
  };

  let feedback: ProbeFeedback | undefined;
  try {
    while (trials.length < ctx.budget) {
      const step = await source.next(feedback);
      if (step.done) return finish("failure");
      const probe = step.value;
      if ("error" in probe) return finish("error", probe.error);
      const trial: Trial = { index: trials.length + 1, ...probe, messages: [...probe.messages] };
      trials.push(trial);
      const reply = await ctx.target.generate(trial.messages, { ...ctx.targetOptions, signal: ctx.signal });
      if (!reply.ok) {
        trial.error = `target ${ctx.target.id} failed: ${reply.error.kind}: ${reply.error.message}`;
        return finish("error", trial.error);
      }
      trial.response = reply.text;
      judgeCalls++;
      const score = await ctx.judge.score(
        {
          goal: ctx.objective.goal,
          conversation: trial.messages,
          response: reply.text,
          harmArea: ctx.objective.harmArea,
        },
        ctx.signal,
      );
      trial.score = score;
      if (score.label === UNKNOWN_LABEL) {
        trial.error = `judge ${ctx.judge.id} could not decide: ${score.error ?? "no reason given"}`;
        return finish("error", trial.error);
      }
      if (isSuccess(score)) return finish("success");
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
