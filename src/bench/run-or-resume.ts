import path from "node:path";
import type { AppEnv } from "../app/index.js";
import { BreakfixError } from "../core/index.js";
import { type JudgeSpec, parseJudgeSpec } from "../judges/index.js";
import type { ModelRef } from "../models/index.js";
import { type BenchRunConfig, type RunBenchResult, runBench } from "./runner.js";
import { suiteRegistry } from "./suite-registry.js";
import { createLlmUserSimulator } from "./user-simulators.js";

/** What a caller asks of a bench run; with an existing `runId`, what it leaves out comes from the run. */
export interface BenchRequest {
  /** The suites; none resumes the stored run's. */
  suites: readonly string[];
  /** The model under test, as typed (an alias too); the stored run's, else the configured default. */
  model?: string;
  judges: readonly JudgeSpec[];
  runId?: string;
  limit?: number;
  seed?: number;
  concurrency: number;
  /** The model that plays the user in multi-turn suites. */
  simulator?: string;
  turns?: number;
  /** Files, relative to the environment's folder. */
  capabilityFile?: string;
  customFile?: string;
  maxTokens: number;
  retryFailed?: boolean;
  /** The capability tasks for a model when none is given (the built-in model's held-out set). */
  defaultCapabilityFile?(model: ModelRef): string | undefined;
}

/**
 * Starts a bench run, or resumes the one `runId` names (finished items are kept): a resume keeps what the
 * run recorded (its suites, model, judges, simulator, limit, seed and suite options) unless asked otherwise.
 */
export async function runOrResumeBench(env: AppEnv, request: BenchRequest): Promise<RunBenchResult> {
  const existing = request.runId ? env.store.runs.get(request.runId) : undefined;
  const prior = existing?.kind === "bench" ? (existing.config as unknown as BenchRunConfig) : undefined;
  const suites = request.suites.length ? request.suites : (prior?.suites ?? []);
  if (suites.length === 0) {
    throw new BreakfixError("USAGE", "no suite given", {
      fix: "name suites, e.g. `breakfix bench run xstest --model ...` (see `breakfix bench list`)",
    });
  }
  for (const id of suites) suiteRegistry.get(id);
  // Resuming without judges keeps each suite's judge as the run recorded it.
  const judgeBySuite =
    request.judges.length || !prior
      ? undefined
      : Object.fromEntries(Object.entries(prior.judges).map(([suite, j]) => [suite, parseJudgeSpec(j.id)]));
  const target = env.modelRef(request.model ?? prior?.model);
  const model = await env.resolveModel(target);
  const simulatorId =
    request.simulator ?? (prior?.simulator.startsWith("llm:") ? prior.simulator.slice(4) : undefined);
  const simulator = simulatorId
    ? createLlmUserSimulator(await env.resolveModel(env.modelRef(simulatorId)))
    : undefined;
  return runBench({
    store: env.store,
    registry: suiteRegistry,
    runId: request.runId,
    suites,
    model,
    judges: request.judges,
    judgeBySuite,
    createJudge: env.createJudge,
    loadSamples: env.loadSamples,
    simulator,
    limit: request.limit ?? prior?.limit ?? undefined,
    seed: request.seed ?? prior?.seed,
    concurrency: request.concurrency,
    generate: prior?.generate ?? { temperature: 0, maxTokens: request.maxTokens },
    suiteOptions: suiteOptionsOf(env, request, suites, target, prior?.options),
    retryFailed: request.retryFailed,
    progress: env.progress,
    signal: env.signal,
  });
}

/** The run's suite options: the stored run's, with the files and turns asked for now. */
function suiteOptionsOf(
  env: AppEnv,
  request: BenchRequest,
  suites: readonly string[],
  target: ModelRef,
  prior: Record<string, unknown> = {},
): Record<string, unknown> {
  const options: Record<string, unknown> = { ...prior };
  if (request.capabilityFile) options["capabilityFile"] = path.resolve(env.cwd, request.capabilityFile);
  else if (suites.includes("capability") && !options["capabilityFile"]) {
    const file = request.defaultCapabilityFile?.(target);
    if (file) options["capabilityFile"] = file;
  }
  if (request.turns) options["turns"] = request.turns;
  if (request.customFile) options["customFile"] = path.resolve(env.cwd, request.customFile);
  return options;
}
