import {
  type AttackTemplate,
  builtinTemplateRegistry,
  converterRegistry,
  type Objective,
  type StrategyContext,
  type StrategyResult,
  strategyRegistry,
} from "../attacks/index.js";
import {
  abortError,
  BreakfixError,
  type ChatModel,
  createRng,
  type Judge,
  mapConcurrent,
  type Progress,
  type Registry,
  silentProgress,
} from "../core/index.js";
import { newRunId, type Store, type StoredAttack } from "../store/index.js";
import { ATTACKER_ITEM_SUFFIX, DECODED_ITEM_SUFFIX, writeAttempt } from "./attempt-rows.js";
import type { Persona, PersonaStep } from "./persona.js";
import { recordingModel } from "./recording-model.js";

/** Attempts (and objective completions) written per transaction, by default. */
const WRITE_BATCH = 32;

/**
 * Whether a step needs the attacker model: an attacker-driven strategy, or options naming an LLM-backed
 * converter (`translate:zu`, `paraphrase`, ...), which runs on the attacker model.
 */
export function stepNeedsModel(step: PersonaStep): boolean {
  if (strategyRegistry.get(step.strategy).needsAttacker) return true;
  const strings = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value !== null && typeof value === "object"
          ? Object.values(value).flatMap(strings)
          : [];
  return strings(step.options).some((id) => {
    const name = id.split(":")[0] as string;
    return converterRegistry.has(name) && converterRegistry.get(name).kind === "llm";
  });
}

/** What makes a campaign the same campaign: stored as the run's config; a resume must match it. */
export interface CampaignConfig {
  persona: Persona;
  target: string;
  judge: string;
  attacker?: string;
  /** Per-objective query cap. */
  budget: number;
  seed: number;
  /** How the objectives were chosen (datasets, filters, limit), for the record. */
  objectives: Record<string, unknown>;
  targetOptions: { temperature?: number; maxTokens?: number };
}

export interface CampaignOptions {
  store: Store;
  /** Resumes the run when it exists (its config must match). */
  runId?: string;
  persona: Persona;
  /** The objectives to plan; a resumed run keeps its own plan and adds none. */
  objectives: readonly Objective[];
  /** Recorded in the config: how the objectives were chosen. */
  objectiveQuery?: Record<string, unknown>;
  target: ChatModel;
  judge: Judge;
  /** The judge's id as the user gave it (`harm:learned`, `llm:jbb:openai:gpt-4o-mini`, ...). */
  judgeId?: string;
  attacker?: ChatModel;
  refusalJudge?: Judge;
  templates?: Registry<AttackTemplate>;
  /** Per-objective query cap; default the persona's. */
  budget?: number;
  seed?: number;
  /** Objectives in flight at once (provider limits still apply to every call). */
  concurrency?: number;
  targetOptions?: { temperature?: number; maxTokens?: number };
  progress?: Progress;
  signal?: AbortSignal;
  /** Finished attempts written per transaction (default 32); a kill loses at most this many, redone on resume. */
  writeBatch?: number;
  /** When resuming, also redo the attempts that ended in an error (each replaced, never duplicated). */
  retryFailed?: boolean;
}

/** One attempt this process ran: the strategy result with the persona step it came from. */
export interface CampaignAttempt {
  step: number;
  result: StrategyResult;
}

export interface CampaignResult {
  runId: string;
  resumed: boolean;
  status: "done" | "interrupted";
  /** Attempts run by this call (a resumed run's earlier attempts are in the store). */
  attempts: CampaignAttempt[];
  /** Persona steps left out, with why (an attacker-driven strategy without an attacker model). */
  skippedSteps: { step: number; strategy: string; reason: string }[];
  /** With `retryFailed` on a resumed run: how many errored attempts were forgotten and run again. */
  retried?: number;
}

/**
 * Runs a persona against objectives: per objective, the persona's steps in order, each a strategy with its
 * own budget under the per-objective cap, stopping at the first success when the persona says so.
 * Objectives run concurrently. Finished attempts are written with their queries and findings in batched
 * transactions (an objective is marked done after its attempts); an attempt cut short by the signal is discarded, so a resumed campaign redoes it and ends
 * with exactly the rows an uninterrupted run writes (every rng stream is per objective and step).
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { store, persona, target, judge, attacker, signal } = options;
  const progress = options.progress ?? silentProgress;
  const templates = options.templates ?? builtinTemplateRegistry();
  const budget = options.budget ?? persona.budget;
  const seed = options.seed ?? 1;
  const parsedOptions = persona.steps.map((s) => strategyRegistry.get(s.strategy).parseOptions(s.options));
  const skippedSteps = attacker
    ? []
    : persona.steps.flatMap((s, step) =>
        stepNeedsModel(s)
          ? [{ step, strategy: s.strategy, reason: "needs an attacker model (--attacker); skipped" }]
          : [],
      );

  const config: CampaignConfig = {
    persona,
    target: target.id,
    judge: options.judgeId ?? judge.id,
    ...(attacker ? { attacker: attacker.id } : {}),
    budget,
    seed,
    objectives: options.objectiveQuery ?? {},
    targetOptions: options.targetOptions ?? {},
  };
  const runId = options.runId ?? newRunId("redteam");
  const { resumed } = store.runs.start({
    id: runId,
    kind: "redteam",
    name: `redteam ${persona.id} vs ${target.id}`,
    config: config as unknown as Record<string, unknown>,
    seed,
  });
  // A resumed run keeps its plan; one that died before planning anything plans now.
  if (!resumed || store.items.counts(runId).total === 0) {
    store.items.plan(
      runId,
      options.objectives.map((o) => ({ id: o.id, payload: o })),
    );
  }
  const retried =
    options.retryFailed && resumed
      ? store.attacks.forgetErrored(runId, {
          keepBroken: persona.stopOnSuccess,
          itemSuffixes: [ATTACKER_ITEM_SUFFIX, DECODED_ITEM_SUFFIX],
        })
      : undefined;
  const retriedField = retried === undefined ? {} : { retried };
  const pending = store.items.pending<Objective>(runId);
  const counts = store.items.counts(runId);
  for (const s of skippedSteps) progress.note(`step ${s.step} (${s.strategy}) ${s.reason}`);
  progress.start(`redteam ${persona.id}`, counts.total, counts.total - pending.length);

  const attempts: CampaignAttempt[] = [];
  // Finished attempts are written a batch at a time in one transaction: a commit per attempt costs more
  // than a zero-latency model call. A kill loses at most the unwritten batch, which the resume redoes.
  const queued: (() => void)[] = [];
  const flush = (): void => {
    const batch = queued.splice(0);
    if (batch.length === 0) return;
    store.transaction(() => {
      for (const write of batch) write();
    });
  };
  const queueWrite = (write: () => void): void => {
    queued.push(write);
    if (queued.length >= (options.writeBatch ?? WRITE_BATCH)) flush();
  };
  const runStep = async (objective: Objective, step: number, stepBudget: number): Promise<StrategyResult> => {
    const spec = persona.steps[step] as PersonaStep;
    const rng = createRng(seed).fork(`${objective.id}#${step}`);
    const recTarget = recordingModel(target);
    const recAttacker = attacker ? recordingModel(attacker) : undefined;
    const ctx: StrategyContext = {
      runId,
      attempt: step,
      objective,
      target: recTarget.model,
      judge,
      budget: stepBudget,
      rng,
      ...(recAttacker ? { attacker: recAttacker.model } : {}),
      ...(options.refusalJudge ? { refusalJudge: options.refusalJudge } : {}),
      templates,
      targetOptions: options.targetOptions,
      signal,
    };
    const result = await strategyRegistry.get(spec.strategy).run(ctx, spec.options);
    // A cancelled attempt ends in `error`; it is not a result, so it is not kept: the resume redoes it.
    if (signal?.aborted) throw abortError(signal);
    queueWrite(() =>
      writeAttempt(store, {
        objective,
        step,
        result,
        options: parsedOptions[step] as Record<string, unknown>,
        seed: rng.seed,
        budget: stepBudget,
        target,
        targetCalls: recTarget.calls,
        attackerId: attacker?.id,
        attackerCalls: recAttacker?.calls ?? [],
      }),
    );
    attempts.push({ step, result });
    return result;
  };

  const runObjective = async (objective: Objective): Promise<void> => {
    const done = new Map<number, StoredAttack>(
      store.attacks.list(runId, { objectiveId: objective.id }).map((a) => [a.attempt, a]),
    );
    let used = [...done.values()].reduce((sum, a) => sum + a.queries, 0);
    let broken = [...done.values()].some((a) => a.outcome === "success");
    for (const [step, spec] of persona.steps.entries()) {
      if (persona.stopOnSuccess && broken) break;
      if (done.has(step) || skippedSteps.some((s) => s.step === step)) continue;
      const stepBudget = Math.min(spec.budget, budget - used);
      if (stepBudget < 1) break;
      const result = await runStep(objective, step, stepBudget);
      used += result.queries;
      broken ||= result.outcome === "success";
    }
    queueWrite(() => store.items.markDone(runId, [objective.id]));
    progress.advance();
  };

  try {
    await mapConcurrent(
      pending.map((p) => p.payload as Objective),
      options.concurrency ?? 8,
      runObjective,
      { signal },
    );
    flush();
  } catch (err) {
    progress.finish();
    // What finished before the error is a result; a store error here would hide `err`, so it is not raised.
    if (!(err instanceof BreakfixError && err.code === "STORE")) flush();
    const cancelled = signal?.aborted || (err instanceof BreakfixError && err.code === "ABORTED");
    store.runs.finish(runId, cancelled ? "interrupted" : "failed", {
      error: err instanceof Error ? err.message : String(err),
    });
    if (cancelled) return { runId, resumed, status: "interrupted", attempts, skippedSteps, ...retriedField };
    throw err;
  }
  progress.finish();
  store.runs.finish(runId, "done", { summary: headline(store.attacks.list(runId)) });
  return { runId, resumed, status: "done", attempts, skippedSteps, ...retriedField };
}

/** The run's headline counts, kept on the run row for listings (metrics with intervals: `campaignMetrics`). */
function headline(attacks: readonly StoredAttack[]): Record<string, number> {
  const count = (outcome: StoredAttack["outcome"]) => attacks.filter((a) => a.outcome === outcome).length;
  return {
    objectives: new Set(attacks.map((a) => a.objectiveId)).size,
    objectivesBroken: new Set(attacks.filter((a) => a.outcome === "success").map((a) => a.objectiveId)).size,
    attempts: attacks.length,
    successes: count("success"),
    failures: count("failure"),
    errors: count("error"),
    queries: attacks.reduce((sum, a) => sum + a.queries, 0),
  };
}
