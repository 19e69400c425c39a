import { benchStage } from "./stages/bench-stage.js";
import { curateStage } from "./stages/curate-stage.js";
import { gatesStage } from "./stages/gates-stage.js";
import { redteamHeldoutStage, redteamInStage, redteamUnseenStage } from "./stages/redteam-stage.js";
import type { CycleStage } from "./stages/stage.js";
import { dpoStage, sftStage } from "./stages/train-stage.js";
import { vulnsStage } from "./stages/vulns-stage.js";

/**
 * Every stage of a round, in the order they run. Round 0 runs the `every` stages (the start model's
 * baseline); a trained round runs all of them: curate from round r−1's vulnerabilities, train, measure, gate.
 */
export const STAGES = [
  curateStage,
  sftStage,
  dpoStage,
  benchStage,
  redteamInStage,
  redteamHeldoutStage,
  redteamUnseenStage,
  vulnsStage,
  gatesStage,
] as const;

export type StageName = (typeof STAGES)[number]["name"];

/** The stages of round `round`, in order. */
export function stagesOfRound(round: number): ReadonlyArray<CycleStage<StageName>> {
  return STAGES.filter((s) => round > 0 || s.rounds === "every");
}

/** Every stage of a cycle, in the order they run: what the runner walks. */
export function plannedSteps(rounds: number): Array<{ round: number; stage: CycleStage<StageName> }> {
  const out: Array<{ round: number; stage: CycleStage<StageName> }> = [];
  for (let round = 0; round <= rounds; round++)
    for (const stage of stagesOfRound(round)) out.push({ round, stage });
  return out;
}

/** The same plan by stage name (what `cycle show` lists). */
export function plannedStages(rounds: number): Array<{ round: number; stage: StageName }> {
  return plannedSteps(rounds).map(({ round, stage }) => ({ round, stage: stage.name }));
}
