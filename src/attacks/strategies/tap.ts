import { z } from "zod";
import { assistant, type Message, system, user } from "../../core/index.js";
import { askAttacker, describeScore, isProbeError, progressOf } from "./ask-attacker.js";
import { onTopicSystem, REFINER_START, refinerFeedback, refinerSystem } from "./attacker-prompts.js";
import { defineStrategy } from "./define-strategy.js";

interface Node {
  /** The attacker conversation that led here. */
  history: Message[];
  next: string;
  progress: number;
}

/**
 * TAP (Mehrotra et al. 2023): a tree of attacker refinements. Each leaf branches into `branching` new
 * prompts; prompts the evaluator finds off-topic are pruned before they cost a target query; after
 * querying, only the `width` best (by judge score) grow further, for up to `depth` levels.
 */
export const tapStrategy = defineStrategy({
  id: "tap",
  description:
    "TAP: tree of attacker refinements, off-topic branches pruned before querying, best `width` kept",
  needsAttacker: true,
  options: z.strictObject({
    branching: z.int().min(1).max(10).default(2),
    width: z.int().min(1).max(20).default(4),
    depth: z.int().min(1).max(50).default(10),
    pruneOffTopic: z.boolean().default(true),
  }),
  async *probes(rt, options) {
    const sys = system(refinerSystem(rt.objective.goal));
    let leaves: Node[] = [{ history: [], next: REFINER_START, progress: 0 }];
    for (let level = 0; level < options.depth; level++) {
      const grown: Node[] = [];
      for (const [l, leaf] of leaves.entries()) {
        for (let b = 0; b < options.branching; b++) {
          const ask = user(leaf.next);
          const rng = rt.rng.fork(`tap:${level}:${l}:${b}`);
          const reply = await askAttacker(rt, [sys, ...leaf.history, ask], rng, { json: true });
          if (isProbeError(reply)) {
            yield reply;
            return;
          }
          if (options.pruneOffTopic) {
            const verdict = await askAttacker(
              rt,
              [system(onTopicSystem(rt.objective.goal)), user(reply.prompt)],
              rng.fork("on-topic"),
              { json: false, temperature: 0 },
            );
            if (isProbeError(verdict)) {
              yield verdict;
              return;
            }
            if (/^\W*no\b/i.test(verdict.prompt)) continue;
          }
          const feedback = yield {
            messages: [user(reply.prompt)],
            converters: [],
            note: `depth ${level + 1}, leaf ${l + 1}, branch ${b + 1}`,
          };
          if (!feedback) return;
          grown.push({
            history: [...leaf.history, ask, assistant(JSON.stringify(reply))],
            next: refinerFeedback(reply.prompt, feedback.response, describeScore(feedback.score)),
            progress: progressOf(feedback.score),
          });
        }
      }
      if (grown.length === 0) return;
      // Stable sort: ties keep generation order, so runs stay reproducible.
      leaves = grown.sort((a, b) => b.progress - a.progress).slice(0, options.width);
    }
  },
});
