import { BreakfixError } from "../../core/index.js";
import { loadRoundData, roundUnits } from "../../stats/index.js";
import type { CycleEnv } from "../cycle-env.js";
import type { StageRecord } from "../cycle-record.js";
import type { CycleState } from "../cycle-state.js";
import { evaluateRound, gateVerdict } from "../gates/index.js";
import type { PreparedCycle } from "../run-stage.js";
import { defineStage } from "./stage.js";

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
  // Each round's stored runs are read once, however many comparisons use them.
  const unitsOf = (r: number) => {
    const found = state.rounds.find((x) => x.round === r);
    if (!found)
      throw new BreakfixError("INTERNAL", `gates of round ${round} before round ${r} was evaluated`);
    return roundUnits(loadRoundData(env.store, found, { registry: p.registry }));
  };
  const previous = unitsOf(round - 1);
  const { gates } = evaluateRound(
    p.config.gates,
    {
      round,
      current: unitsOf(round),
      previous,
      baseline: round === 1 ? previous : unitsOf(0),
    },
    { seed: p.config.seed },
  );
  return { patch: {}, verdict: gateVerdict(gates) };
}

export const gatesStage = defineStage({
  name: "gates",
  rounds: "trained",
  reads: {
    current: ["benchRuns", "campaignRuns"],
    previous: ["benchRuns", "campaignRuns"],
    baseline: ["benchRuns", "campaignRuns"],
  },
  sets: [],
  run: ({ env, prepared, state, round }) => runGatesStage(env, { prepared, state, round }),
});
