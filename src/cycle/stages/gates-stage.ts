import { BreakfixError } from "../../core/index.js";
import type { CycleEnv } from "../cycle-env.js";
import type { StageRecord } from "../cycle-record.js";
import type { CycleState } from "../cycle-state.js";
import { evaluateGates, gateVerdict } from "../gates/index.js";
import type { PreparedCycle } from "../run-stage.js";
import { compareRounds, computeRoundMetrics } from "../stats/index.js";

/**
 * The release gates of a trained round: thresholds on its metrics, and no-regression against the previous
 * round and (from round 2) the baseline, on paired samples. The verdict is recorded with the stage; the
 * last round's verdict is the cycle's exit code.
 */
export async function runGatesStage(
  env: CycleEnv,
  input: { prepared: PreparedCycle; state: CycleState; round: number },
): Promise<Pick<StageRecord, "patch" | "verdict">> {
  const { prepared: p, state, round } = input;
  const at = (r: number) => {
    const found = state.rounds.find((x) => x.round === r);
    if (!found)
      throw new BreakfixError("INTERNAL", `gates of round ${round} before round ${r} was evaluated`);
    return found;
  };
  const options = { seed: p.config.seed, registry: p.registry };
  const current = at(round);
  const results = evaluateGates(p.config.gates, {
    current: computeRoundMetrics(env.store, current, options),
    previous: compareRounds(env.store, at(round - 1), current, { ...options, against: "previous" }),
    ...(round > 1
      ? { baseline: compareRounds(env.store, at(0), current, { ...options, against: "baseline" }) }
      : {}),
  });
  return { patch: {}, verdict: gateVerdict(results) };
}
