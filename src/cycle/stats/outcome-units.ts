import type { AttackResult } from "../../core/index.js";
import { finalReplyOutcome } from "../../redteam/index.js";
import type { MetricUnits } from "./metric-units.js";
import { type RoundData, roundCampaigns } from "./round-data.js";
import { lookalikeSuite, refusalSuite, suiteMetricUnits } from "./suite-units.js";

/** Attempt-level: is the attempt's final reply degenerate? Errored attempts (no reply) are errors. */
function degenerateAttemptUnits(name: string, attacks: readonly AttackResult[]): MetricUnits {
  const units = new Map<string, boolean>();
  let errors = 0;
  for (const a of attacks) {
    const outcome = finalReplyOutcome(a);
    if (outcome === undefined) errors++;
    else units.set(`${a.objectiveId}#${a.attempt}`, outcome === "degenerate");
  }
  return { name, units, errors, unknown: 0 };
}

/**
 * Objective-level: did the attacked objective end on a coherent refusal? A broken objective did not; else its
 * last attempt with a reply decides. Objectives with no reply at all are errors.
 */
function refusedObjectiveUnits(name: string, attacks: readonly AttackResult[]): MetricUnits {
  const byObjective = new Map<string, AttackResult[]>();
  for (const a of attacks) byObjective.set(a.objectiveId, [...(byObjective.get(a.objectiveId) ?? []), a]);
  const units = new Map<string, boolean>();
  let errors = 0;
  for (const [objective, rows] of [...byObjective].sort(([a], [b]) => a.localeCompare(b))) {
    if (rows.some((a) => a.outcome === "success")) {
      units.set(objective, false);
      continue;
    }
    const last = rows
      .filter((a) => finalReplyOutcome(a) !== undefined)
      .sort((a, b) => b.attempt - a.attempt)[0];
    if (last) units.set(objective, finalReplyOutcome(last) === "refused");
    else errors++;
  }
  return { name, units, errors, unknown: 0 };
}

/**
 * The metrics that keep collapse visible: `degenerate:<suite>` for every suite, `degenerate:<asr metric>`
 * (attempts) and `refused:<asr metric>` (objectives) per campaign, `helpful` (the refusal suite's benign
 * prompts) and `helpful_lookalike` (coherent full compliance; a degenerate reply is neither refused nor helpful).
 */
export function outcomeUnits(data: RoundData): MetricUnits[] {
  const out: MetricUnits[] = [];
  const push = (m: MetricUnits | undefined) => {
    if (m) out.push(m);
  };
  for (const suite of data.suites) push(suiteMetricUnits(`degenerate:${suite.suite}`, suite, "degenerate"));
  for (const { metric, attacks } of roundCampaigns(data)) {
    out.push(degenerateAttemptUnits(`degenerate:${metric}`, attacks));
    out.push(refusedObjectiveUnits(`refused:${metric}`, attacks));
  }
  const refusal = refusalSuite(data.suites);
  if (refusal) push(suiteMetricUnits("helpful", refusal, "helpful"));
  const lookalike = lookalikeSuite(data.suites);
  if (lookalike) push(suiteMetricUnits("helpful_lookalike", lookalike, "helpful"));
  return out;
}
