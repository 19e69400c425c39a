import { type ChatModel, type Judge, lastUserText, type Message } from "../core/index.js";
import { coherenceOf, sharesTopic } from "../judges/index.js";

/**
 * Context distillation: the model being fixed writes its own fix data. Under a safety system prompt it
 * writes the safe reply to each break; with no system prompt it answers each benign look-alike. Training
 * then moves the model toward text it already produces (a low loss, no new facts or phrasing to
 * memorise), so the safe behaviour becomes the default without the collapse that foreign replies cause in
 * a small model. Every reply must be coherent and of the right refusal class; the caller drops the example
 * otherwise (a template or a family's answer would bring back the foreign text).
 */
export interface SelfDistill {
  model: ChatModel;
  /** The system prompt under which the model behaves safely (e.g. the built-in base's safety prompts). */
  systemPrompt: string;
  /** Samples tried per safe reply: the first greedy, the rest at temperature 0.7. */
  tries: number;
}

const REFUSED = new Set(["full_refusal", "partial_refusal"]);

/** The model's own coherent refusal of `conversation` under the safety prompt, or why there is none. */
export async function distilledRefusal(
  d: SelfDistill,
  conversation: readonly Message[],
  refusalJudge: Judge | undefined,
  seed: number,
  signal?: AbortSignal,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  let last = "no try";
  for (let t = 0; t < d.tries; t++) {
    const r = await d.model.generate([{ role: "system", content: d.systemPrompt }, ...conversation], {
      maxTokens: 96,
      temperature: t === 0 ? 0 : 0.7,
      seed: seed + t,
      signal,
    });
    if (!r.ok) {
      last = `${r.error.kind}: ${r.error.message}`;
      continue;
    }
    const text = r.text.trim();
    const coherence = coherenceOf(text);
    if (coherence.degenerate) {
      last = `degenerate (${coherence.reasons.join(", ")})`;
      continue;
    }
    const label = refusalJudge
      ? (await refusalJudge.score({ conversation, response: text }, signal)).label
      : "full_refusal";
    if (REFUSED.has(label)) return { ok: true, text };
    last = `not a refusal (${label})`;
  }
  return { ok: false, error: last };
}

/**
 * The model's own coherent, on-topic answer to a benign prompt (no system prompt), if it gives one; the
 * caller judges whether it complies (and records that verdict). On-topic matters: a small model answers
 * what it cannot answer with a stock reply from elsewhere ("What is a vaccine?" → "24", or another request's
 * schematic steps), which is coherent and "complies", and training on it teaches exactly that babble.
 */
export async function ownAnswer(
  d: SelfDistill,
  conversation: readonly Message[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const r = await d.model.generate(conversation, { maxTokens: 96, temperature: 0, signal });
  if (!r.ok) return undefined;
  const text = r.text.trim();
  if (text === "" || coherenceOf(text).degenerate) return undefined;
  return sharesTopic(lastUserText(conversation), text) ? text : undefined;
}
