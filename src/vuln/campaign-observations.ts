import { BreakfixError, type Finding } from "../core/index.js";
import { attemptSourceId, finalReplyOutcome, severityOf, turnDepth } from "../redteam/index.js";
import type { Store } from "../store/index.js";
import { attackTextOf, type Observation } from "./observation.js";
import { type StepTechniques, stepTechniques } from "./step-techniques.js";
import { techniqueFamily, vulnerabilityKey } from "./technique-family.js";

/** A finding's vulnerability key (not core's `findingKey`, which is its identity in the store). */
function keyOfFinding(f: Finding) {
  return vulnerabilityKey({
    harmArea: f.harmArea,
    strategy: f.technique.strategy,
    converters: f.technique.converters,
    template: f.technique.template,
    language: f.language,
    userTurns: f.turnDepth,
  });
}

/**
 * Every attempt of a red-team campaign run as an observation. A success takes its key from its finding
 * (whose harm area may come from the judge), so numerator and denominator of a group always agree; a finding
 * with no attempt row (written alone) counts as one successful attempt. Objectives that name no harm area and
 * were never broken stay `uncategorized`: nothing says which area they belong to. Each attempt's final reply
 * is judged (refused / complied / degenerate), so a group that stopped breaking only by collapsing shows it.
 */
export function campaignObservations(store: Store, runId: string): Observation[] {
  const run = store.runs.require(runId);
  if (run.kind !== "redteam") {
    throw new BreakfixError("USAGE", `run ${runId} is a ${run.kind} run, not a red-team campaign`, {
      fix: "pass campaign runs with --campaign and bench runs with --bench (see `breakfix db runs`)",
    });
  }
  const findings = store.findings.list({ runId }).filter((f) => f.origin === "redteam");
  const bySource = new Map(findings.map((f) => [f.sourceId, f]));
  const out: Observation[] = [];
  const used = new Set<string>();
  const attacks = store.attacks.list(runId);
  // An objective without a harm area takes the one its finding got from the judge, for all its attempts:
  // otherwise its failed steps would sit in `uncategorized` while its success counts elsewhere.
  const objectiveArea = new Map<string, string>();
  for (const a of attacks) {
    const area = bySource.get(attemptSourceId(a.runId, a.objectiveId, a.attempt))?.harmArea;
    if (a.harmArea === undefined && a.outcome === "success" && area !== undefined)
      objectiveArea.set(a.objectiveId, area);
  }
  const steps = personaSteps(run.config);
  const techniquesOf = new Map<number, StepTechniques>();
  for (const a of attacks) {
    if (!techniquesOf.has(a.attempt)) techniquesOf.set(a.attempt, stepTechniques(steps[a.attempt]));
    const step = techniquesOf.get(a.attempt);
    const sourceId = attemptSourceId(a.runId, a.objectiveId, a.attempt);
    const finding = a.outcome === "success" ? bySource.get(sourceId) : undefined;
    if (finding) used.add(finding.id);
    const keyOf = (t: { strategy: string; converters?: readonly string[]; template?: string }) =>
      vulnerabilityKey({
        ...t,
        harmArea: a.harmArea ?? objectiveArea.get(a.objectiveId),
        language: a.language,
        userTurns: turnDepth(a.transcript),
      });
    if (step && "perQuery" in step && a.outcome !== "error") {
      // The queries before the deciding one each tried their own technique, and the model held.
      const held = Math.min(a.queries, step.perQuery.length) - (a.outcome === "success" ? 1 : 0);
      // The stored transcript is the last query's: when every query held, its reply is the last probe's.
      const lastReply = a.outcome === "failure" ? finalReplyOutcome(a) : undefined;
      for (const [i, probe] of step.perQuery.slice(0, Math.max(0, held)).entries()) {
        out.push({
          key: keyOf(probe),
          outcome: "failure",
          sourceId: `${sourceId}@${i}`,
          severity: 0,
          attackText: "",
          ...(i === held - 1 && lastReply !== undefined ? { reply: lastReply } : {}),
        });
      }
      if (a.outcome === "failure") continue;
    }
    const coarse = step && "coarse" in step ? step.coarse : undefined;
    if (finding) {
      const own = findingObservation(finding);
      out.push(coarse ? { ...own, key: { ...own.key, technique: techniqueFamily(coarse) } } : own);
      continue;
    }
    const reply = finalReplyOutcome(a);
    out.push({
      key: keyOf(coarse ?? a),
      outcome: a.outcome,
      sourceId,
      severity: a.outcome === "success" ? severityOf(a.scores) : 0,
      attackText: attackTextOf(a.transcript),
      ...(reply === undefined ? {} : { reply }),
    });
  }
  for (const f of findings) if (!used.has(f.id)) out.push(findingObservation(f));
  return out;
}

/** The campaign's persona steps as its run config recorded them (absent for rows written by other means). */
function personaSteps(config: Record<string, unknown>): Array<{ strategy?: unknown; options?: unknown }> {
  const persona = config["persona"] as { steps?: unknown } | undefined;
  return Array.isArray(persona?.steps) ? persona.steps : [];
}

/** A stored finding as one successful observation (red-team findings without an attempt row, manual ones). */
export function findingObservation(f: Finding): Observation {
  return {
    key: keyOfFinding(f),
    outcome: "success",
    sourceId: f.sourceId,
    severity: f.severity,
    attackText: f.technique.objective?.goal ?? attackTextOf(f.transcript),
    findingId: f.id,
  };
}
