import type { Finding } from "../core/index.js";
import type { Store } from "../store/index.js";
import { findingObservation } from "./campaign-observations.js";
import type { Observation } from "./observation.js";

/**
 * Replies flagged by hand in the web console (origin `manual`) that an identification of (scope, round)
 * counts: each one a success, keyed like any finding (strategy `manual`, the converters and template the
 * message went through). No denominator exists for them: nobody recorded the manual attempts that held.
 */
export function manualObservations(
  store: Store,
  scope: string,
  round: number,
): { observations: Observation[]; findings: Finding[] } {
  const findings = store.findings.listManual(scope, round);
  return { observations: findings.map(findingObservation), findings };
}
