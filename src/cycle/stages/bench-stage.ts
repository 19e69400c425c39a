import type { SuiteRegistry } from "../../bench/index.js";
import { runBench } from "../../bench/index.js";
import { BreakfixError } from "../../core/index.js";
import type { ModelRef } from "../../models/index.js";
import type { CycleConfig } from "../cycle-config.js";
import type { CycleEnv } from "../cycle-env.js";
import { modelOf } from "../cycle-record.js";
import { defineStage } from "./stage.js";

export interface BenchStageInput {
  runId: string;
  model: ModelRef;
  config: CycleConfig;
  registry: SuiteRegistry;
  /** Options every suite gets (the capability file). */
  suiteOptions: Record<string, unknown>;
}

/**
 * Runs the configured suites against a round's model as one bench run under a derived id, so a resumed
 * stage continues the same run (finished items are kept) instead of starting another.
 */
export async function runBenchStage(env: CycleEnv, input: BenchStageInput): Promise<Record<string, string>> {
  const { config } = input;
  const model = await env.resolveModel(input.model);
  const result = await runBench({
    store: env.store,
    registry: input.registry,
    runId: input.runId,
    suites: config.bench.suites,
    model,
    judgeBySuite: config.bench.judges,
    createJudge: (spec) => env.createJudge(spec),
    loadSamples: env.loadSamples,
    limit: config.bench.limit,
    seed: config.seed,
    concurrency: config.bench.concurrency,
    generate: { temperature: 0, maxTokens: config.bench.maxTokens },
    suiteOptions: input.suiteOptions,
    progress: env.progress,
    signal: env.signal,
  });
  if (result.status !== "done") throw interrupted(input.runId);
  // A cycle accepts a partial stage: failed items stay out of every rate and a gated metric measured on
  // nothing fails its gate. It says so, so the failures are not silent.
  const failed = result.report.suites.reduce((n, s) => n + s.items.failed, 0);
  if (failed > 0) {
    const total = result.report.suites.reduce((n, s) => n + s.items.total, 0);
    env.progress.note(partialNote("bench", result.runId, `${failed} of ${total} items`));
  }
  // Each suite's id points at the one run: the report reads per-suite metrics from it.
  return Object.fromEntries(config.bench.suites.map((s) => [s, result.runId]));
}

/** Every round: the suites against the round's model (round 0: the start model; later: the trained one). */
export const benchStage = defineStage({
  name: "bench",
  rounds: "every",
  reads: { current: ["model"] },
  sets: ["model", "benchRuns"],
  run: async ({ env, prepared: p, current, runId }) => ({
    patch: {
      model: modelOf(current),
      benchRuns: await runBenchStage(env, {
        runId,
        model: modelOf(current),
        config: p.config,
        registry: p.registry,
        suiteOptions: p.suiteOptions,
      }),
    },
  }),
});

/** The note a cycle stage prints when some of its items or attempts failed. */
export function partialNote(kind: "bench" | "redteam", runId: string, failed: string): string {
  return `note: ${kind} run ${runId}: ${failed} failed; they are left out of every rate (see \`breakfix ${kind} show ${runId}\`)`;
}

export function interrupted(runId: string): BreakfixError {
  return new BreakfixError("ABORTED", `the cycle was interrupted in ${runId}; finished work is kept`, {
    fix: "resume it with `breakfix cycle resume <cycle id>`",
  });
}
