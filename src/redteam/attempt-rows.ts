import type { Objective, StrategyResult } from "../attacks/index.js";
import type { ChatModel } from "../core/index.js";
import type { Store } from "../store/index.js";
import { toFinding } from "./findings.js";
import type { RecordedCall } from "./recording-model.js";

/** Item ids under which an attempt's attacker calls and decoded-reply verdicts are kept next to its queries. */
export const ATTACKER_ITEM_SUFFIX = "#attacker";
export const DECODED_ITEM_SUFFIX = "#decoded";

export interface FinishedAttempt {
  objective: Objective;
  /** The persona step index: the attempt number in the store. */
  step: number;
  result: StrategyResult;
  options: Record<string, unknown>;
  seed: number;
  budget: number;
  target: ChatModel;
  targetCalls: readonly RecordedCall[];
  attackerId?: string;
  attackerCalls: readonly RecordedCall[];
}

/**
 * Writes one attempt in one transaction: the attack row (deciding transcript, converters, template, scores,
 * query count, outcome), every target query as a generation with its judge verdicts, the attacker's calls,
 * and a finding when it succeeded. All keys are natural, so writing the same attempt twice changes nothing.
 */
export function writeAttempt(store: Store, a: FinishedAttempt): void {
  const { result, objective, step } = a;
  const runId = result.runId;
  store.transaction(() => {
    const { trials: _t, calls: _c, ...attack } = result;
    store.attacks.put(attack);
    a.targetCalls.forEach((call, turn) => {
      store.generations.put({
        runId,
        itemId: objective.id,
        attempt: step,
        turn,
        modelId: a.target.id,
        messages: call.messages,
        params: call.params,
        result: call.result,
      });
    });
    for (const trial of result.trials) {
      const turn = trial.index - 1;
      if (trial.score)
        store.scores.put({ runId, itemId: objective.id, attempt: step, turn, score: trial.score });
      if (trial.decodedScore) {
        store.scores.put({
          runId,
          itemId: `${objective.id}${DECODED_ITEM_SUFFIX}`,
          attempt: step,
          turn,
          score: trial.decodedScore,
        });
      }
    }
    a.attackerCalls.forEach((call, turn) => {
      store.generations.put({
        runId,
        itemId: `${objective.id}${ATTACKER_ITEM_SUFFIX}`,
        attempt: step,
        turn,
        modelId: a.attackerId ?? "attacker",
        messages: call.messages,
        params: call.params,
        result: call.result,
      });
    });
    if (result.outcome === "success") {
      store.findings.put(
        toFinding({ result, objective, options: a.options, seed: a.seed, budget: a.budget }),
      );
    }
  });
}
