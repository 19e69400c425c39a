import type { Rng } from "../core/index.js";
import type { CandidatePair, CandidateSft } from "./types.js";

/**
 * Preference pairs that keep a fix from spreading into refusals of ordinary requests: a helpfulness
 * conversation's own answer ≻ one of the refusals this round trains for harmful requests. DPO on fix pairs
 * alone only ever raises the refusal's probability; these pairs lower it where the request is benign, with
 * the refusal text the model is learning to say (not a foreign template) as the rejected side, so the
 * preference is about when to refuse, not about phrasing.
 */
export function helpfulnessPairs(
  helpful: readonly CandidateSft[],
  fixes: readonly CandidateSft[],
  count: number,
  rng: Rng,
): CandidatePair[] {
  const refusals = [
    ...new Set(fixes.map((f) => f.example.messages.at(-1)?.content ?? "").filter((t) => t !== "")),
  ].sort();
  if (refusals.length === 0 || count <= 0) return [];
  return rng
    .shuffle(helpful.filter((h) => h.example.messages.at(-1)?.role === "assistant"))
    .slice(0, count)
    .map((h) => {
      const rejected = refusals[rng.int(refusals.length)] as string;
      const messages = h.example.messages;
      return {
        id: `${h.id}/pair`,
        pair: {
          prompt: messages.slice(0, -1).map((m) => ({ role: m.role, content: m.content })),
          chosen: [{ role: "assistant", content: messages.at(-1)?.content ?? "" }],
          rejected: [{ role: "assistant", content: rejected }],
        },
        provenance: { ...h.provenance, rejectedGenerator: "fix-refusal" },
      };
    });
}
