import {
  type BenchItem,
  buildRunReport,
  type RunReport,
  type SuiteRegistry,
  type SuiteReport,
  suiteRegistry,
} from "../bench/index.js";
import { BreakfixError } from "../core/index.js";
import type { ItemStatus, Store, StoredAttack } from "../store/index.js";

/** What one round measured, as the stored runs' ids (the cycle's `RoundState` is one). */
export interface MeasuredRound {
  round: number;
  /** Bench run id per suite id (e.g. `xstest`, `jailbreak-dr`, `capability`, `lookalike-benign`). */
  benchRuns: Record<string, string>;
  /** Red-team campaign run ids: attacks used to make fix data, and held-out families used only to evaluate. */
  campaignRuns: {
    inDistribution?: string;
    heldOut?: string;
    /**
     * The in-distribution families against the held-out requests: does a fix carry over to unseen requests of
     * the same attack family (rather than only to the attack texts it was trained on)?
     */
    unseenRequests?: string;
  };
  /** Vulnerability scope and round as stored by the vuln stage. */
  vulnerabilities?: { scope: string; round: number };
}

/** One suite of a round as stored: its recomputed metrics and the items it was measured on. */
export interface RoundSuite {
  suite: string;
  runId: string;
  report: SuiteReport;
  /** The planned items of this suite by sample id (harm area, benign flag, groups) with their status. */
  items: Map<string, { item: BenchItem; status: ItemStatus }>;
  /** Each finished item's last reply by sample id (last attempt, last turn), for the report's examples. */
  replies: Map<string, string>;
}

/** Everything a round's metrics, comparisons and report sections are computed from. */
export interface RoundData {
  round: MeasuredRound;
  suites: RoundSuite[];
  campaigns: { inDistribution?: StoredAttack[]; heldOut?: StoredAttack[]; unseenRequests?: StoredAttack[] };
}

/** The round's campaigns with the name of their ASR metric (the outcome metrics add `degenerate:` / `refused:`). */
export function roundCampaigns(data: RoundData): Array<{ metric: string; attacks: StoredAttack[] }> {
  const { inDistribution, heldOut, unseenRequests } = data.campaigns;
  return [
    ...(inDistribution ? [{ metric: "asr", attacks: inDistribution }] : []),
    ...(heldOut ? [{ metric: "asr_heldout", attacks: heldOut }] : []),
    ...(unseenRequests ? [{ metric: "asr_unseen", attacks: unseenRequests }] : []),
  ];
}

export interface RoundDataOptions {
  /** Suites the bench runs used (the cycle registers its own offline suites); default the built-in ones. */
  registry?: SuiteRegistry;
}

/** Reads a round's bench runs (metrics recomputed from the stored verdicts) and red-team attempts. */
export function loadRoundData(store: Store, round: MeasuredRound, o: RoundDataOptions = {}): RoundData {
  const registry = o.registry ?? suiteRegistry;
  const reports = new Map<string, RunReport>();
  const items = new Map<string, Array<{ item: BenchItem; status: ItemStatus }>>();
  const replies = new Map<string, Map<string, string>>();
  const suites = Object.entries(round.benchRuns)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([suite, runId]): RoundSuite => {
      let report = reports.get(runId);
      if (!report) {
        report = buildRunReport(store, runId, registry);
        reports.set(runId, report);
        const planned = store.items.list<BenchItem>(runId);
        items.set(
          runId,
          planned.flatMap((i) => (i.payload ? [{ item: i.payload, status: i.status }] : [])),
        );
        replies.set(runId, lastReplies(store, runId, planned));
      }
      const suiteReport = report.suites.find((s) => s.suite === suite);
      if (!suiteReport) {
        throw new BreakfixError(
          "NOT_FOUND",
          `bench run ${runId} has no suite ${suite} (round ${round.round})`,
          {
            fix: "the cycle state names a bench run per suite; resume the cycle so the stage reruns",
          },
        );
      }
      const ofSuite = (items.get(runId) ?? []).filter((i) => i.item.suite === suite);
      return {
        suite,
        runId,
        report: suiteReport,
        items: new Map(ofSuite.map((i) => [i.item.sampleId, i])),
        replies: replies.get(runId) ?? new Map(),
      };
    });
  const { inDistribution, heldOut, unseenRequests } = round.campaignRuns;
  return {
    round,
    suites,
    campaigns: {
      ...(inDistribution ? { inDistribution: store.attacks.list(inDistribution) } : {}),
      ...(heldOut ? { heldOut: store.attacks.list(heldOut) } : {}),
      ...(unseenRequests ? { unseenRequests: store.attacks.list(unseenRequests) } : {}),
    },
  };
}

/** The last reply of each item of a bench run by sample id: its last attempt's last turn that returned text. */
function lastReplies(
  store: Store,
  runId: string,
  planned: ReadonlyArray<{ itemId: string; payload?: BenchItem }>,
): Map<string, string> {
  const sampleOf = new Map(planned.flatMap((i) => (i.payload ? [[i.itemId, i.payload.sampleId]] : [])));
  const last = new Map<string, { attempt: number; turn: number; text: string }>();
  for (const g of store.generations.outcomes(runId)) {
    const seen = last.get(g.itemId);
    if (g.text === undefined) continue;
    if (!seen || g.attempt > seen.attempt || (g.attempt === seen.attempt && g.turn > seen.turn))
      last.set(g.itemId, { attempt: g.attempt, turn: g.turn, text: g.text });
  }
  const out = new Map<string, string>();
  for (const [itemId, { text }] of last) {
    const sampleId = sampleOf.get(itemId);
    if (sampleId !== undefined) out.set(sampleId, text);
  }
  return out;
}
