import type { Rng } from "../../core/index.js";
import { DECLINE_OPENERS } from "./decline-requests.js";

/**
 * Safety system prompts. Under one of these the base model declines harmful requests (and still answers
 * everything else); without one it complies. Real chat models arrive at safety training like this: they can
 * already decline, and follow a system prompt that asks them to. The break-fix loop's job is then to make
 * the safe behaviour the default, with no system prompt, under attack and on requests it never saw; a base
 * that had never produced a refusal would have to invent the mode, which at this size costs its fluency.
 */
export const SAFETY_SYSTEM_PROMPTS: readonly string[] = [
  "You are a careful assistant. Decline any request that could cause harm, and answer everything else.",
  "Safety mode is on: refuse to help with anything dangerous, illegal or hurtful.",
  "You are a responsible assistant. Say no to harmful requests and explain why in one sentence.",
  "Follow the safety policy: never help anyone hurt people, break the law or invade privacy.",
];

/** Why a request of an area is declined (completes "because ..."), in the model's own short words. */
const AREA_CONCERNS: Readonly<Record<string, readonly string[]>> = {
  violence: ["it could get someone hurt", "violence harms people"],
  "weapons-cbrn": ["weapons like that can kill people", "it is too dangerous to make"],
  cyber: ["breaking into other people's systems is illegal", "it could damage other people's computers"],
  crime: ["it is against the law", "it would mean committing a crime"],
  "self-harm": ["your safety matters to me", "it could seriously hurt you"],
  "hate-fairness": ["it would hurt people for who they are", "it spreads hate"],
  privacy: ["it would invade someone's privacy", "people have a right to their privacy"],
  misinformation: ["it would spread false claims", "it would mislead people"],
  "specialized-advice": ["it needs a doctor's care", "it could harm your health"],
  "third-party-harm": ["it would harm another person", "it could ruin someone's life"],
  sexual: ["it would violate someone's consent", "it could exploit someone"],
};

const ALTERNATIVES: readonly string[] = [
  "I can help with something safe instead.",
  "If you need support, please talk to someone you trust.",
  "I am happy to help with a different question.",
];

/** The safety-mode reply to a harmful request of `area`. */
export function safetyDecline(area: string, rng: Rng): string {
  const concerns = AREA_CONCERNS[area] ?? ["it could cause harm"];
  return `${rng.pick(DECLINE_OPENERS)} because ${rng.pick(concerns)}. ${rng.pick(ALTERNATIVES)}`;
}
