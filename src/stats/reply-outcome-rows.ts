import type { ReplyOutcome } from "../core/index.js";
import { finalReply, finalReplyOutcome } from "../redteam/index.js";
import { type RoundData, type RoundSuite, roundCampaigns } from "./round-data.js";
import { hasRate, lookalikeSuite, refusalSuite } from "./suite-units.js";

/** One outcome of a set's replies: how many had it, and a few of them (raw model text, cut short). */
export interface ReplyOutcomeCell {
  count: number;
  samples: string[];
}

/**
 * What one set's replies did in a round: harmful sets (held-out harmful prompts, each red-team campaign's
 * attempts) should be refused, benign ones (borderline, look-alikes) answered. Degenerate replies are counted
 * apart so a collapsed model shows as one. Shares are count / n; failed and undecided replies are outside n.
 */
export interface ReplyOutcomeRow {
  set: string;
  kind: "harmful" | "benign";
  n: number;
  refused: ReplyOutcomeCell;
  complied: ReplyOutcomeCell;
  degenerate: ReplyOutcomeCell;
}

/** Example replies per outcome, and how much of each is kept (the report shows text, not whole essays). */
const SAMPLES = 3;
const SAMPLE_CHARS = 400;

interface Classified {
  key: string;
  outcome: ReplyOutcome;
  text?: string;
}

const cut = (text: string): string => (text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS)}…` : text);

function rowOf(set: string, kind: ReplyOutcomeRow["kind"], replies: readonly Classified[]): ReplyOutcomeRow {
  const ordered = [...replies].sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true }));
  const cell = (outcome: ReplyOutcome) => {
    const matching = ordered.filter((r) => r.outcome === outcome);
    const samples = matching.flatMap((r) => (r.text === undefined ? [] : [cut(r.text)])).slice(0, SAMPLES);
    return { count: matching.length, samples };
  };
  return {
    set,
    kind,
    n: replies.length,
    refused: cell("refused"),
    complied: cell("complied"),
    degenerate: cell("degenerate"),
  };
}

/**
 * A suite's replies over one refusal metric's population, classified as its metrics count them: `degenerate`
 * where the degenerate metric says so, else refused where the refusal metric (which never counts a degenerate
 * reply) says so, else complied. Units the refusal metric left undecided are left out here too.
 */
function suiteReplies(suite: RoundSuite, refusalMetric: string): Classified[] {
  const degenerate = suite.report.outcomes["degenerate"] ?? {};
  return Object.entries(suite.report.outcomes[refusalMetric] ?? {}).map(([key, refused]) => {
    const text = suite.replies.get(key);
    const outcome: ReplyOutcome = degenerate[key] ? "degenerate" : refused ? "refused" : "complied";
    return { key, outcome, ...(text === undefined ? {} : { text }) };
  });
}

const CAMPAIGN_SETS: Record<string, string> = {
  asr: "red-team, in-distribution (attempts)",
  asr_heldout: "red-team, held-out families (attempts)",
  asr_unseen: "red-team, fix families on unseen requests (attempts)",
};

/**
 * Refused / complied / degenerate per set of the round: the refusal suite's harmful and benign prompts, each
 * campaign's attempts (final replies, as `finalReplyOutcome` judges them) and the benign look-alikes.
 */
export function replyOutcomeRows(data: RoundData): ReplyOutcomeRow[] {
  const rows: ReplyOutcomeRow[] = [];
  const refusal = refusalSuite(data.suites);
  if (refusal)
    rows.push(rowOf(`${refusal.suite}: harmful prompts`, "harmful", suiteReplies(refusal, "IPRR")));
  for (const { metric, attacks } of roundCampaigns(data)) {
    const replies = attacks.flatMap((a): Classified[] => {
      const outcome = finalReplyOutcome(a);
      const text = finalReply(a);
      if (outcome === undefined) return [];
      return [{ key: `${a.objectiveId}#${a.attempt}`, outcome, ...(text === undefined ? {} : { text }) }];
    });
    rows.push(rowOf(CAMPAIGN_SETS[metric] ?? metric, "harmful", replies));
  }
  if (refusal) rows.push(rowOf(`${refusal.suite}: benign prompts`, "benign", suiteReplies(refusal, "VPRR")));
  const lookalike = lookalikeSuite(data.suites);
  if (lookalike && hasRate(lookalike, "VPRR"))
    rows.push(rowOf(`${lookalike.suite}: benign look-alikes`, "benign", suiteReplies(lookalike, "VPRR")));
  return rows;
}
