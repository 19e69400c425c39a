import type { Message } from "../core/index.js";
import { type RowPlace, rowError, sameMessages } from "../datasets/index.js";
import type { PreferencePair } from "./types.js";

/**
 * The prompt-prefix invariant, checked on every pair: a prompt ending in a user turn, two non-empty
 * assistant-only completions that continue it, and completions that differ (an identical pair teaches
 * nothing and its DPO gradient is zero).
 */
export function checkPair(pair: PreferencePair, place: RowPlace): PreferencePair {
  if (pair.prompt.length === 0) {
    throw rowError(
      place,
      "the pair has no prompt",
      "give the conversation up to the user's turn as the prompt",
    );
  }
  if (pair.prompt.at(-1)?.role !== "user") {
    throw rowError(
      place,
      `the prompt ends with a ${pair.prompt.at(-1)?.role} message, not the user's turn`,
      "end the prompt with the user message both completions answer",
      "prompt",
    );
  }
  for (const side of ["chosen", "rejected"] as const) {
    const completion = pair[side];
    if (completion.length === 0) {
      throw rowError(
        place,
        `${side} has no completion after the prompt`,
        `give ${side} an assistant reply`,
        side,
      );
    }
    const bad = completion.findIndex((m) => m.role !== "assistant");
    if (bad >= 0) {
      throw rowError(
        place,
        `${side}[${bad}] is a ${completion[bad]?.role} message; completions hold assistant turns only`,
        "move the shared conversation into the prompt and keep only the answers in chosen and rejected",
        side,
      );
    }
  }
  if (sameMessages(pair.chosen, pair.rejected)) {
    throw rowError(place, "chosen and rejected are identical", "drop the pair or fix one of its completions");
  }
  return pair;
}

/**
 * Splits two full conversations into their shared prompt and the two completions (TRL's implicit-prompt
 * form and HH-RLHF): the prompt is everything before the final assistant turns, and must be the same on
 * both sides.
 */
export function splitSharedPrompt(
  chosen: readonly Message[],
  rejected: readonly Message[],
  place: RowPlace,
): PreferencePair {
  const promptOf = (ms: readonly Message[]) => {
    let end = ms.length;
    while (end > 0 && ms[end - 1]?.role === "assistant") end--;
    return { prompt: ms.slice(0, end), completion: ms.slice(end) };
  };
  const c = promptOf(chosen);
  const r = promptOf(rejected);
  if (!sameMessages(c.prompt, r.prompt)) {
    throw rowError(
      place,
      "chosen and rejected do not share the same prompt (they differ before the final assistant turn)",
      "make both conversations identical up to the answer being compared",
    );
  }
  return checkPair({ prompt: c.prompt, chosen: c.completion, rejected: r.completion }, place);
}
