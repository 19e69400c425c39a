import { identifyVulnerabilities } from "../../vuln/index.js";
import type { CycleEnv } from "../cycle-env.js";
import type { RoundState } from "../cycle-state.js";
import { defineStage } from "./stage.js";

/**
 * Groups the round's in-distribution red-team breaks into vulnerabilities, with statuses against earlier
 * rounds of this cycle (its id is the scope). Held-out breaks are left out on purpose: they must never
 * become fix data, or held-out ASR would measure memory instead of generalisation.
 */
export async function runVulnsStage(
  env: CycleEnv,
  input: { cycleId: string; round: RoundState },
): Promise<{ scope: string; round: number }> {
  const campaign = input.round.campaignRuns.inDistribution;
  identifyVulnerabilities(env.store, {
    scope: input.cycleId,
    round: input.round.round,
    campaignRunIds: campaign ? [campaign] : [],
  });
  return { scope: input.cycleId, round: input.round.round };
}

export const vulnsStage = defineStage({
  name: "vulns",
  rounds: "every",
  reads: { current: ["campaignRuns"] },
  sets: ["vulnerabilities"],
  run: async ({ env, prepared: p, current }) => ({
    patch: { vulnerabilities: await runVulnsStage(env, { cycleId: p.cycleId, round: current }) },
  }),
});
