import { BreakfixError, type Finding, type Vulnerability, type VulnerabilityStatus } from "../core/index.js";
import type { Store } from "../store/index.js";
import { benchObservations } from "./bench-observations.js";
import { campaignObservations } from "./campaign-observations.js";
import { type GroupOptions, groupObservations } from "./group-observations.js";
import { manualObservations } from "./manual-observations.js";
import type { Observation } from "./observation.js";
import { trackStatus } from "./track-status.js";

export interface IdentifyOptions extends GroupOptions {
  /** Status history belongs to a scope: a cycle id, or `default`. */
  scope: string;
  round: number;
  campaignRunIds: string[];
  benchRunIds?: string[];
  /**
   * Count the manual findings (flagged in the web console) no round has counted yet (default true); they
   * are then marked as counted by this scope and round, so they feed this round's fix data once.
   */
  manual?: boolean;
}

export const VULNERABILITY_STATUSES: readonly VulnerabilityStatus[] = [
  "new",
  "open",
  "fixed",
  "reopened",
  "collapsed",
];

function checkScopeAndRound(scope: string, round: number): void {
  if (scope.trim() === "") {
    throw new BreakfixError("USAGE", "the vulnerability scope is empty", {
      fix: "give a cycle id, or `default`",
    });
  }
  if (!Number.isInteger(round) || round < 0) {
    throw new BreakfixError("USAGE", `round must be a whole number ≥ 0, got ${round}`, {
      fix: "number rounds 0, 1, 2, ... (round 0 is the starting model)",
    });
  }
}

/**
 * Stage 5: this round's vulnerabilities from red-team campaigns (and bench runs), with their status against
 * the scope's earlier rounds. Bench defects are written as findings (origin `bench`, first write wins) and
 * the round's snapshot replaces any earlier one of the same scope and round, so running it again gives the
 * same rows. Manual findings not yet counted join in (see `manual`). Returns every vulnerability the scope knows, as of this round, worst first (fixed ones too).
 * With no runs at all nothing was attacked: every known vulnerability is carried (see trackStatus).
 */
export function identifyVulnerabilities(store: Store, o: IdentifyOptions): Vulnerability[] {
  checkScopeAndRound(o.scope, o.round);
  const campaigns = [...new Set(o.campaignRunIds)];
  const benches = [...new Set(o.benchRunIds ?? [])];
  const observations: Observation[] = [];
  const benchFindings: Finding[] = [];
  for (const runId of campaigns) observations.push(...campaignObservations(store, runId));
  for (const runId of benches) {
    const bench = benchObservations(store, runId, o.round);
    observations.push(...bench.observations);
    benchFindings.push(...bench.findings);
  }
  const manual =
    o.manual === false ? { observations: [], findings: [] } : manualObservations(store, o.scope, o.round);
  observations.push(...manual.observations);
  const measured = groupObservations(observations, o);
  const previous = store.vulnerabilities.latestBefore(o.scope, o.round);
  const result = trackStatus(measured, previous, o.scope, o.round);
  store.transaction(() => {
    store.findings.putMany(benchFindings);
    store.findings.claimManual(
      manual.findings.map((f) => f.id),
      o.scope,
      o.round,
    );
    store.vulnerabilities.replaceRound(o.scope, o.round, result);
  });
  return result;
}

/** Stored vulnerabilities, worst first; without `round`, each one's latest round. */
export function listVulnerabilities(
  store: Store,
  o: { scope?: string; round?: number; status?: VulnerabilityStatus } = {},
): Vulnerability[] {
  if (o.round !== undefined) checkScopeAndRound(o.scope ?? "default", o.round);
  return store.vulnerabilities.list(o);
}

/** One snapshot per recorded round, oldest first (empty when the scope never saw the id). */
export function vulnerabilityHistory(store: Store, scope: string, id: string): Vulnerability[] {
  return store.vulnerabilities.history(scope, id);
}

/**
 * The findings behind a snapshot, cluster representatives first. A snapshot without findings of its own
 * (fixed, or not attacked that round) gives those of the last round it was broken, so fix data can still be
 * written for it.
 */
export function findingsOf(store: Store, v: Vulnerability): Finding[] {
  let ids = v.findingIds;
  if (ids.length === 0 && v.lastBrokenRound !== undefined && v.lastBrokenRound !== v.round) {
    const [broken] = store.vulnerabilities.list({ scope: v.scope, round: v.lastBrokenRound, id: v.id });
    ids = broken?.findingIds ?? [];
  }
  return ids.flatMap((id) => {
    const f = store.findings.get(id);
    return f ? [f] : [];
  });
}
