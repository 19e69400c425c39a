import { z } from "zod";
import { assistant, type Message, system, user } from "../../core/index.js";
import { askAttacker, describeScore, isProbeError } from "./ask-attacker.js";
import { REFINER_START, refinerFeedback, refinerSystem } from "./attacker-prompts.js";
import { defineStrategy } from "./define-strategy.js";

interface Stream {
  /** The attacker's side: alternating feedback (user) and its JSON replies (assistant). */
  history: Message[];
  next: string;
}

/**
 * PAIR (Chao et al. 2023): attacker streams refine a standalone prompt from the target's reply and the
 * judge's verdict, round-robin, one target query per refinement, until success or the budget.
 */
export const pairStrategy = defineStrategy({
  id: "pair",
  description:
    "PAIR: an attacker LLM refines a standalone prompt from each reply and verdict (parallel streams)",
  needsAttacker: true,
  options: z.strictObject({
    streams: z.int().min(1).max(20).default(3),
    /** Attacker exchanges kept per stream, so long runs stay within the attacker's context. */
    historyTurns: z.int().min(1).default(4),
  }),
  async *probes(rt, options) {
    const sys = system(refinerSystem(rt.objective.goal));
    const streams: Stream[] = Array.from({ length: options.streams }, () => ({
      history: [],
      next: REFINER_START,
    }));
    for (let iteration = 0; ; iteration++) {
      for (const [s, stream] of streams.entries()) {
        const recent = stream.history.slice(-2 * options.historyTurns);
        const ask = user(stream.next);
        const reply = await askAttacker(rt, [sys, ...recent, ask], rt.rng.fork(`pair:${s}:${iteration}`), {
          json: true,
        });
        if (isProbeError(reply)) {
          yield reply;
          return;
        }
        const feedback = yield {
          messages: [user(reply.prompt)],
          converters: [],
          note: `stream ${s + 1}, iteration ${iteration + 1}${reply.improvement ? `: ${reply.improvement}` : ""}`,
        };
        if (!feedback) return;
        stream.history.push(ask, assistant(JSON.stringify(reply)));
        stream.next = refinerFeedback(reply.prompt, feedback.response, describeScore(feedback.score));
      }
    }
  },
});
