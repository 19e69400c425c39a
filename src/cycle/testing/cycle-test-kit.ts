import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BreakfixError, type Progress, silentProgress } from "../../core/index.js";
import { createJudge } from "../../judges/index.js";
import { createModelResolver } from "../../models/index.js";
import { computeRoundMetrics } from "../../stats/index.js";
import type { Store } from "../../store/index.js";
import { engineBackend } from "../../train/index.js";
import { listVulnerabilities } from "../../vuln/index.js";
import { type CycleConfig, type CycleConfigInput, cycleConfigSchema } from "../cycle-config.js";
import type { CycleEnv } from "../cycle-env.js";
import type { CycleState } from "../cycle-state.js";
import { cycleSuiteRegistry } from "../cycle-suites/cycle-suites.js";

/** A cycle on the shipped base model sized for tests: a dozen bench items, a few objectives, a few steps. */
export function tinyCycleConfig(overrides: Partial<CycleConfigInput> = {}): CycleConfig {
  return cycleConfigSchema.parse({
    model: "engine:base",
    rounds: 1,
    seed: 7,
    bench: { suites: ["heldout-refusal", "lookalike-benign", "capability"], limit: 10, maxTokens: 32 },
    redteam: { limit: 12, maxTokens: 32, concurrency: 4 },
    // A training checkpoint after every step, so a kill mid-training leaves one to resume from.
    training: { sft: { steps: 3, batchSize: 4 }, dpo: { steps: 2, batchSize: 2 }, checkpointEvery: 1 },
    ...overrides,
  });
}

/** The environment a test cycle runs in: engine models only, built-in judges, the engine trainer, offline. */
export function testCycleEnv(
  store: Store,
  dir: string,
  o: { progress?: Progress; signal?: AbortSignal } = {},
): CycleEnv {
  const resolver = createModelResolver({ providers: {}, cacheDir: path.join(dir, "cache"), cache: false });
  const noModel = (): never => {
    throw new BreakfixError("USAGE", "test cycles use built-in judges only");
  };
  return {
    store,
    resolveModel: async (id) => resolver.resolve(id),
    createJudge: (id) => createJudge(id, { resolveModel: noModel }),
    loadSamples: async (id) => {
      throw new BreakfixError("NOT_FOUND", `test cycles load no dataset (${id})`);
    },
    trainer: engineBackend(dir),
    progress: o.progress ?? silentProgress,
    signal: o.signal,
    cwd: dir,
  };
}

const sha = (file: string): string | undefined =>
  existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : undefined;

/**
 * What a cycle's outcome is, without wall times or run timestamps: per round the model's weights hash,
 * the fix data version and counts, the headline metrics and the vulnerabilities with their status. Two
 * runs of the same seed must give the same fingerprint, however often they were killed and resumed.
 */
export function cycleFingerprint(store: Store, state: CycleState, config: CycleConfig): unknown {
  const registry = cycleSuiteRegistry(config);
  return state.rounds.map((r) => ({
    round: r.round,
    weights: r.training?.map((t) => sha(path.join(t.checkpointDir, "model.safetensors")) ?? t.checkpointDir),
    dataset: r.dataset ? { version: r.dataset.version, sft: r.dataset.sft, dpo: r.dataset.dpo } : undefined,
    metrics: Object.fromEntries(
      Object.entries(computeRoundMetrics(store, r, { registry })).map(([k, m]) => [k, [m.value, m.n]]),
    ),
    vulnerabilities: listVulnerabilities(store, { scope: state.cycleId, round: r.round }).map((v) => [
      v.id,
      v.status,
      v.prevalence,
    ]),
  }));
}
