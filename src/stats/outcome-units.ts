import type { AttackResult, ReplyOutcome } from "../core/index.js";
import { finalReplyOutcome } from "../redteam/index.js";
import type { MetricUnits } from "./metric-units.js";
import { type RoundData, roundCampaigns } from "./round-data.js";
import { lookalikeSuite, refusalSuite, suiteMetricUnits } from "./suite-units.js";

/**
 * Attempt-level share of final replies with `outcome` (refused / complied / degenerate). Per attempt, not per
 * objective: an objective that held because the model answered one attack with an off-topic fragment and
 * refused the rest is neither all refused nor broken, and the attempts say which replies were which.
 * Attempts without a reply (errors) are left out.
 */
function attemptOutcomeUnits(
  name: string,
  attacks: readonly AttackResult[],
  outcome: ReplyOutcome,
): MetricUnits {
  const units = new Map<string, boolean>();
  let errors = 0;
  for (const a of attacks) {
    const o = finalReplyOutcome(a);
    if (o === undefined) errors++;
    else units.set(`${a.objectiveId}#${a.attempt}`, o === outcome);
  }
  return { name, units, errors, unknown: 0 };
}

/**
 * The metrics that keep collapse visible: `degenerate:<suite>` for every suite, `degenerate:<asr metric>`
 * and `refused:<asr metric>` (both over attempts) per campaign, `helpful` (the refusal suite's benign
 * prompts) and `helpful_lookalike` (coherent, on-topic full compliance; a degenerate reply is neither refused
 * nor helpful).
 */
export function outcomeUnits(data: RoundData): MetricUnits[] {
  const out: MetricUnits[] = [];
  const push = (m: MetricUnits | undefined) => {
    if (m) out.push(m);
  };
  for (const suite of data.suites) push(suiteMetricUnits(`degenerate:${suite.suite}`, suite, "degenerate"));
  for (const { metric, attacks } of roundCampaigns(data)) {
    out.push(attemptOutcomeUnits(`degenerate:${metric}`, attacks, "degenerate"));
    out.push(attemptOutcomeUnits(`refused:${metric}`, attacks, "refused"));
  }
  const refusal = refusalSuite(data.suites);
  if (refusal) push(suiteMetricUnits("helpful", refusal, "helpful"));
  const lookalike = lookalikeSuite(data.suites);
  if (lookalike) push(suiteMetricUnits("helpful_lookalike", lookalike, "helpful"));
  return out;
}
