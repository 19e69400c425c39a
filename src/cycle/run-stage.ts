import type { SuiteRegistry } from "../bench/index.js";
import { BreakfixError } from "../core/index.js";
import type { CycleConfig } from "./cycle-config.js";
import type { CycleEnv } from "./cycle-env.js";
import { emptyRound, type StageRecord } from "./cycle-record.js";
import type { CycleState } from "./cycle-state.js";
import { capabilityFileFor, cycleSuiteRegistry } from "./cycle-suites/cycle-suites.js";
import { type ObjectiveSplit, splitObjectives } from "./sources/cycle-objectives.js";
import type { CycleStage, RoundField } from "./stages/stage.js";

/** What every stage of a cycle shares, worked out once per process (all of it a function of the config). */
export interface PreparedCycle {
  cycleId: string;
  config: CycleConfig;
  outDir: string;
  objectives: ObjectiveSplit;
  registry: SuiteRegistry;
  suiteOptions: Record<string, unknown>;
}

export async function prepareCycle(
  env: CycleEnv,
  input: { cycleId: string; config: CycleConfig; outDir: string },
): Promise<PreparedCycle> {
  const { config } = input;
  const rt = config.redteam;
  const objectives = await splitObjectives(
    { sources: rt.objectives, areas: rt.areas, limit: rt.limit, heldOutShare: rt.heldOutShare },
    config.seed,
    env.loadSamples,
  );
  if (objectives.inDistribution.length === 0 || objectives.heldOut.length === 0) {
    throw new BreakfixError(
      "CONFIG_INVALID",
      `the red-team objectives split into ${objectives.inDistribution.length} in-distribution and ${objectives.heldOut.length} held-out`,
      {
        location: { field: "redteam.objectives" },
        fix: "give more objectives (redteam.limit, redteam.objectives) or a heldOutShare that leaves both sides some",
      },
    );
  }
  const capabilityFile = capabilityFileFor(config.model, config.bench.capabilityFile, input.outDir, env.cwd);
  return {
    ...input,
    objectives,
    registry: cycleSuiteRegistry(config),
    suiteOptions: {
      ...(capabilityFile ? { capabilityFile } : {}),
      ...(config.bench.customFile ? { customFile: config.bench.customFile } : {}),
    },
  };
}

/** Sub-run id of a stage: derived, so a resumed stage finds its own partial run. */
export const subRunId = (cycleId: string, round: number, stage: string): string =>
  `${cycleId}/r${round}/${stage}`;

/** Runs one stage of one round; returns what it adds to the round's state (only the fields it declares). */
export async function runStage(
  env: CycleEnv,
  p: PreparedCycle,
  state: CycleState,
  step: { round: number; stage: CycleStage },
): Promise<Pick<StageRecord, "patch" | "verdict">> {
  const { round, stage } = step;
  const previous = state.rounds.find((r) => r.round === round - 1);
  const result = await stage.run({
    env,
    prepared: p,
    state,
    round,
    current: state.rounds.find((r) => r.round === round) ?? emptyRound(round, p.config),
    ...(previous ? { previous } : {}),
    runId: subRunId(p.cycleId, round, stage.name),
  });
  const undeclared = Object.keys(result.patch).filter((k) => !stage.sets.includes(k as RoundField));
  if (undeclared.length > 0)
    throw new BreakfixError(
      "INTERNAL",
      `stage ${stage.name} set ${undeclared.join(", ")}, which it does not declare`,
    );
  return result;
}
