import { z } from "zod";
import { assistant, type Message, system, user } from "../../core/index.js";
import { askAttacker, isProbeError } from "./ask-attacker.js";
import { CONVERSATION_START, conversationSystem } from "./attacker-prompts.js";
import { defineStrategy } from "./define-strategy.js";

/** The attacker sees the conversation with roles swapped: its own turns are its replies, the target's are input. */
function attackerView(history: readonly Message[]): Message[] {
  return history.map((m) => (m.role === "user" ? assistant(m.content) : user(m.content)));
}

/** An attacker LLM plays the user in a free multi-turn conversation towards the goal (no backtracking). */
export const redTeamConversationStrategy = defineStrategy({
  id: "red-team-conversation",
  description: "an attacker LLM plays the user in a multi-turn conversation steering towards the goal",
  needsAttacker: true,
  options: z.strictObject({ maxTurns: z.int().min(1).max(50).default(8) }),
  async *probes(rt, options) {
    const sys = system(conversationSystem(rt.objective.goal));
    const history: Message[] = [];
    for (let turn = 0; turn < options.maxTurns; turn++) {
      const reply = await askAttacker(
        rt,
        [sys, user(CONVERSATION_START), ...attackerView(history)],
        rt.rng.fork(`conversation:${turn}`),
        { json: false },
      );
      if (isProbeError(reply)) {
        yield reply;
        return;
      }
      const feedback = yield {
        messages: [...history, user(reply.prompt)],
        converters: [],
        note: `turn ${turn + 1}`,
      };
      if (!feedback) return;
      history.push(user(reply.prompt), assistant(feedback.response));
    }
  },
});
