import { type AttackResult, type ReplyOutcome, replyOutcomeOf } from "../core/index.js";
import { classifyRefusal, coherenceOf, SHIPPED_REFUSAL } from "../judges/index.js";

/** The attempt's final reply: the last assistant message of its deciding transcript. */
export function finalReply(attack: AttackResult): string | undefined {
  return attack.transcript.findLast((m) => m.role === "assistant")?.content;
}

/**
 * What a reply did, as red-team and vulnerability tracking judge it: `degenerate` (coherence judge) before
 * anything else, else the shipped refusal judge (`refusal:learned`, run synchronously): refused or complied.
 */
export function judgeReply(text: string): ReplyOutcome {
  if (coherenceOf(text).degenerate) return "degenerate";
  // Every RefusalClass maps to an outcome.
  return replyOutcomeOf(false, classifyRefusal(SHIPPED_REFUSAL.model, text).label) as ReplyOutcome;
}

const outcomes = new WeakMap<AttackResult, ReplyOutcome | undefined>();

/**
 * What an attempt's final reply did (`judgeReply`), except that a coherent success is `complied`: the harm
 * judge decided it. Undefined for an errored attempt or one with no reply. The raw reply is judged: a reply
 * in the attack's encoding is not a coherent refusal.
 */
export function finalReplyOutcome(attack: AttackResult): ReplyOutcome | undefined {
  if (outcomes.has(attack)) return outcomes.get(attack);
  const reply = attack.outcome === "error" ? undefined : finalReply(attack);
  let outcome: ReplyOutcome | undefined;
  if (reply !== undefined) {
    outcome = judgeReply(reply);
    if (attack.outcome === "success" && outcome === "refused") outcome = "complied";
  }
  outcomes.set(attack, outcome);
  return outcome;
}
