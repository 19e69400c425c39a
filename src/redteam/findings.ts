import {
  type Objective,
  type StrategyContext,
  type StrategyResult,
  strategyRegistry,
} from "../attacks/index.js";
import {
  type AttackResult,
  BreakfixError,
  createRng,
  type Finding,
  type JudgeScore,
  type Message,
  sha256Hex,
} from "../core/index.js";
import { SEVERITY_PASS_MAX } from "../taxonomy/index.js";

/**
 * Severity of a finding whose judges did not grade severity (e.g. `harm:learned` gives p(unsafe) only): the
 * lowest failing level of the 0–7 scale. The judge confirmed harmful compliance but not how harmful, so it
 * is counted as a fail and ranked below every graded medium/high finding.
 */
export const UNGRADED_SEVERITY = SEVERITY_PASS_MAX + 1;

/** Area of a finding whose objective and judges name none (AdvBench has no categories). */
export const UNCATEGORIZED = "uncategorized";

/** `<run>/<objective>#<step>`: the attack row a finding comes from. */
export function attemptSourceId(runId: string, objectiveId: string, attempt: number): string {
  return `${runId}/${objectiveId}#${attempt}`;
}

/** Stable finding id derived from its source, so a resumed campaign writes the same finding once. */
export function findingId(sourceId: string): string {
  return `finding-${sha256Hex(sourceId).slice(0, 20)}`;
}

/** Number of user turns in a conversation: a finding's turn depth. */
export function turnDepth(transcript: readonly Message[]): number {
  return transcript.filter((m) => m.role === "user").length;
}

export function severityOf(scores: readonly JudgeScore[]): number {
  const graded = scores.flatMap((s) => [s, ...(s.members ?? [])]).map((s) => s.severity);
  const known = graded.filter((s): s is number => s !== undefined);
  return known.length > 0 ? Math.max(...known) : UNGRADED_SEVERITY;
}

export interface FindingSource {
  result: AttackResult;
  objective: Objective;
  /** Strategy options as run, the attempt's rng seed and its budget. */
  options: Record<string, unknown>;
  seed: number;
  budget: number;
}

/** A successful attempt as a Finding, with the technique, options, seed and objective that rebuild it. */
export function toFinding(source: FindingSource): Finding {
  const { result, objective } = source;
  if (result.outcome !== "success") {
    throw new BreakfixError("INTERNAL", `attempt ${result.objectiveId}#${result.attempt} is not a success`);
  }
  const sourceId = attemptSourceId(result.runId, result.objectiveId, result.attempt);
  return {
    id: findingId(sourceId),
    runId: result.runId,
    origin: "redteam",
    sourceId,
    harmArea: objective.harmArea ?? result.scores.find((s) => s.harmArea)?.harmArea ?? UNCATEGORIZED,
    technique: {
      strategy: result.strategy,
      converters: result.converters,
      ...(result.template === undefined ? {} : { template: result.template }),
      options: source.options,
      seed: source.seed,
      budget: source.budget,
      objective: { id: objective.id, goal: objective.goal },
    },
    language: objective.language ?? "en",
    turnDepth: turnDepth(result.transcript),
    severity: severityOf(result.scores),
    transcript: result.transcript,
    scores: result.scores,
  };
}

/** The messages a finding's deciding query sent: its transcript without the final reply. */
export function sentMessages(finding: Pick<Finding, "transcript">): Message[] {
  const t = finding.transcript;
  return t.at(-1)?.role === "assistant" ? t.slice(0, -1) : [...t];
}

/**
 * Replays a red-team finding's attack: the same strategy, options, seed, budget and objective against the
 * given target and judge. Against the same (deterministic) target it sends the same messages again.
 */
export async function rebuildAttack(
  finding: Finding,
  deps: Pick<StrategyContext, "target" | "judge" | "attacker" | "templates" | "signal" | "targetOptions">,
): Promise<StrategyResult> {
  const t = finding.technique;
  if (t.seed === undefined || t.budget === undefined || t.objective === undefined) {
    throw new BreakfixError("USAGE", `finding ${finding.id} does not carry what rebuilds its attack`, {
      fix: "only red-team campaign findings (origin redteam) can be rebuilt",
    });
  }
  return strategyRegistry.get(t.strategy).run(
    {
      ...deps,
      runId: finding.runId,
      objective: {
        id: t.objective.id,
        goal: t.objective.goal,
        ...(finding.harmArea === UNCATEGORIZED ? {} : { harmArea: finding.harmArea }),
        language: finding.language,
      },
      budget: t.budget,
      rng: createRng(t.seed),
    },
    t.options,
  );
}
