import type { SuiteRegistry } from "../bench/index.js";
import { BreakfixError } from "../core/index.js";
import type { CycleConfig } from "./cycle-config.js";
import type { CycleEnv } from "./cycle-env.js";
import { emptyRound, modelOf, type StageName, type StageRecord } from "./cycle-record.js";
import type { CycleState, RoundState } from "./cycle-state.js";
import { type ObjectiveSplit, splitObjectives } from "./sources/cycle-objectives.js";
import { runBenchStage } from "./stages/bench-stage.js";
import { runCurateStage } from "./stages/curate-stage.js";
import { runGatesStage } from "./stages/gates-stage.js";
import { runRedteamStage } from "./stages/redteam-stage.js";
import { runTrainStage } from "./stages/train-stage.js";
import { runVulnsStage } from "./stages/vulns-stage.js";
import { capabilityFileFor, cycleSuiteRegistry } from "./suites/cycle-suites.js";

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

/** Runs one stage of one round; returns what it adds to the round's state. */
export async function runStage(
  env: CycleEnv,
  p: PreparedCycle,
  state: CycleState,
  step: { round: number; stage: StageName },
): Promise<Pick<StageRecord, "patch" | "verdict">> {
  const { round } = step;
  const current = state.rounds.find((r) => r.round === round) ?? emptyRound(round, p.config);
  const previous = state.rounds.find((r) => r.round === round - 1);
  const id = subRunId(p.cycleId, round, step.stage);
  switch (step.stage) {
    case "bench":
      return {
        patch: {
          model: modelOf(current),
          benchRuns: await runBenchStage(env, {
            runId: id,
            model: modelOf(current),
            config: p.config,
            registry: p.registry,
            suiteOptions: p.suiteOptions,
          }),
        },
      };
    case "redteam-in":
    case "redteam-heldout": {
      const family = step.stage === "redteam-in" ? "inDistribution" : "heldOut";
      const runId = await runRedteamStage(env, {
        runId: id,
        model: modelOf(current),
        config: p.config,
        family,
        objectives: p.objectives[family],
      });
      return { patch: { campaignRuns: { [family]: runId } } };
    }
    case "redteam-unseen": {
      // Measures only: its breaks never reach the vulnerabilities or the fix data.
      const runId = await runRedteamStage(env, {
        runId: id,
        model: modelOf(current),
        config: p.config,
        family: "inDistribution",
        objectives: p.objectives.heldOut,
      });
      return { patch: { campaignRuns: { unseenRequests: runId } } };
    }
    case "vulns":
      return { patch: { vulnerabilities: await runVulnsStage(env, { cycleId: p.cycleId, round: current }) } };
    case "curate":
      return {
        patch: {
          dataset: await runCurateStage(env, {
            prepared: p,
            round,
            previous: requirePrevious(previous, round),
          }),
        },
      };
    case "sft":
    case "dpo":
      return {
        patch: await runTrainStage(env, {
          method: step.stage,
          runId: id,
          round: current,
          previousModel: modelOf(requirePrevious(previous, round)),
          config: p.config,
          outDir: p.outDir,
        }),
      };
    case "gates":
      return runGatesStage(env, { prepared: p, state, round });
  }
}

function requirePrevious(previous: RoundState | undefined, round: number): RoundState {
  if (!previous)
    throw new BreakfixError("INTERNAL", `round ${round} started before round ${round - 1} finished`);
  return previous;
}
