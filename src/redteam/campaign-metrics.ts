import { type AttackResult, type ReplyOutcome, wilsonInterval } from "../core/index.js";
import { turnDepth, UNCATEGORIZED } from "./findings.js";
import { finalReplyOutcome } from "./reply-outcome.js";

/** A confidence interval for k successes in n trials (default: the Wilson interval). */
export type IntervalFn = (k: number, n: number) => [number, number];

/** A success rate over n decided trials, with its interval; errors are counted apart, never in n. */
export interface Rate {
  k: number;
  n: number;
  rate: number;
  ci: [number, number];
  errors: number;
}

export interface CampaignMetrics {
  objectives: number;
  attempts: number;
  /** Objective-level ASR: broken by any attempt. An objective with no success and an errored attempt is an error. */
  asr: Rate;
  /** Attempt-level share of final replies that are degenerate, and that are coherent refusals; ASR alone
   * cannot tell a model that refuses from one that only writes word salad. Errored attempts are apart. */
  degenerate: Rate;
  refused: Rate;
  byArea: Record<string, Rate>;
  byLanguage: Record<string, Rate>;
  /** Attempt-level ASR per technique: strategy, converter (of the attempt's last probe), template family. */
  byStrategy: Record<string, Rate>;
  byConverter: Record<string, Rate>;
  byTemplateFamily: Record<string, Rate>;
  /** Attempt-level ASR by the number of user turns of the attempt's last probe. */
  byTurnDepth: Record<string, Rate>;
  /** Share of decided objectives broken within k target queries (queries summed over steps in persona order). */
  asrAtQueries: { k: number; rate: Rate }[];
  totalQueries: number;
  errors: { attempts: number; objectives: number; reasons: { reason: string; count: number }[] };
}

type Outcome = AttackResult["outcome"];

function rateOf(outcomes: readonly Outcome[], interval: IntervalFn): Rate {
  const k = outcomes.filter((o) => o === "success").length;
  const errors = outcomes.filter((o) => o === "error").length;
  const n = outcomes.length - errors;
  return { k, n, rate: n === 0 ? 0 : k / n, ci: interval(k, n), errors };
}

function grouped<T>(
  items: readonly T[],
  keys: (item: T) => readonly string[],
  outcome: (item: T) => Outcome,
  interval: IntervalFn,
): Record<string, Rate> {
  const groups = new Map<string, Outcome[]>();
  for (const item of items) {
    for (const key of keys(item)) groups.set(key, [...(groups.get(key) ?? []), outcome(item)]);
  }
  const out: Record<string, Rate> = {};
  for (const key of [...groups.keys()].sort()) out[key] = rateOf(groups.get(key) ?? [], interval);
  return out;
}

/** Share of attempts whose final reply had `kind` (`finalReplyOutcome`); attempts with no reply are errors. */
function replyShare(attacks: readonly AttackResult[], kind: ReplyOutcome, interval: IntervalFn): Rate {
  let k = 0;
  let errors = 0;
  for (const a of attacks) {
    const outcome = finalReplyOutcome(a);
    if (outcome === undefined) errors++;
    else if (outcome === kind) k++;
  }
  const n = attacks.length - errors;
  return { k, n, rate: n === 0 ? 0 : k / n, ci: interval(k, n), errors };
}

/** `template:breakfix/role-play` → `breakfix`; shared ids take their family from `familyOf` when known. */
function defaultTemplateFamily(id: string): string {
  const m = /^template:([^/]+)\//.exec(id);
  return m ? (m[1] as string) : "shared";
}

interface ObjectiveOutcome {
  outcome: Outcome;
  harmArea: string;
  language: string;
  /** Target queries spent up to and including the first success. */
  queriesToBreak?: number;
}

/** Query counts at which ASR@k is reported, up to the largest an objective used. */
const K_STEPS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * Campaign metrics from the attack rows of a run (from the store, so `show` and a resumed run agree).
 * Error attempts are never counted as the model holding: they are left out of every n and reported apart.
 */
export function campaignMetrics(
  attacks: readonly AttackResult[],
  options: { interval?: IntervalFn; templateFamily?: (id: string) => string | undefined } = {},
): CampaignMetrics {
  const interval = options.interval ?? wilsonInterval;
  const family = (id: string) => options.templateFamily?.(id) ?? defaultTemplateFamily(id);
  const byObjective = new Map<string, AttackResult[]>();
  for (const a of attacks) byObjective.set(a.objectiveId, [...(byObjective.get(a.objectiveId) ?? []), a]);

  const objectives: ObjectiveOutcome[] = [...byObjective.values()].map((rows) => {
    const ordered = [...rows].sort((a, b) => a.attempt - b.attempt);
    let spent = 0;
    let queriesToBreak: number | undefined;
    for (const a of ordered) {
      spent += a.queries;
      if (a.outcome === "success") {
        queriesToBreak = spent;
        break;
      }
    }
    const first = ordered[0] as AttackResult;
    const outcome: Outcome =
      queriesToBreak !== undefined
        ? "success"
        : ordered.some((a) => a.outcome === "error")
          ? "error"
          : "failure";
    return {
      outcome,
      harmArea: first.harmArea ?? UNCATEGORIZED,
      language: first.language ?? "en",
      ...(queriesToBreak === undefined ? {} : { queriesToBreak }),
    };
  });

  const decided = objectives.filter((o) => o.outcome !== "error");
  const maxSpent = Math.max(
    0,
    ...objectives.map((o) => o.queriesToBreak ?? 0),
    ...[...byObjective.values()].map((rows) => rows.reduce((s, a) => s + a.queries, 0)),
  );
  const ks = [...K_STEPS.filter((k) => k < maxSpent), ...(maxSpent > 0 ? [maxSpent] : [])];
  const reasons = new Map<string, number>();
  for (const a of attacks) {
    if (a.outcome === "error") {
      const reason = (a.error ?? "no reason given").slice(0, 160);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  const outcomeOf = (a: AttackResult) => a.outcome;
  return {
    objectives: objectives.length,
    attempts: attacks.length,
    asr: rateOf(
      objectives.map((o) => o.outcome),
      interval,
    ),
    degenerate: replyShare(attacks, "degenerate", interval),
    refused: replyShare(attacks, "refused", interval),
    byArea: grouped(
      objectives,
      (o) => [o.harmArea],
      (o) => o.outcome,
      interval,
    ),
    byLanguage: grouped(
      objectives,
      (o) => [o.language],
      (o) => o.outcome,
      interval,
    ),
    byStrategy: grouped(attacks, (a) => [a.strategy], outcomeOf, interval),
    byConverter: grouped(attacks, (a) => [...new Set(a.converters)], outcomeOf, interval),
    byTemplateFamily: grouped(attacks, (a) => (a.template ? [family(a.template)] : []), outcomeOf, interval),
    byTurnDepth: grouped(
      attacks.filter((a) => a.transcript.length > 0),
      (a) => [String(turnDepth(a.transcript))],
      outcomeOf,
      interval,
    ),
    asrAtQueries: ks.map((k) => ({
      k,
      rate: rateOf(
        decided.map((o) => (o.queriesToBreak !== undefined && o.queriesToBreak <= k ? "success" : "failure")),
        interval,
      ),
    })),
    totalQueries: attacks.reduce((s, a) => s + a.queries, 0),
    errors: {
      attempts: attacks.filter((a) => a.outcome === "error").length,
      objectives: objectives.length - decided.length,
      reasons: [...reasons.entries()]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 5),
    },
  };
}
