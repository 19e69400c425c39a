import { isRole, type Message } from "../core/index.js";
import { type RowPlace, rowError } from "./row-error.js";

/** A chat message with OpenAI's optional per-message training weight (0 = not trained on). */
export interface WeightedMessage extends Message {
  weight?: 0 | 1;
}

const MESSAGE_FIX = 'write each message as {"role": "system"|"user"|"assistant", "content": "..."}';

/** Validates a JSON array of chat messages; `weight` (0 or 1) is allowed on assistant messages only. */
export function parseMessages(value: unknown, place: RowPlace, field: string): WeightedMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw rowError(place, `${field} must be a non-empty array of messages`, MESSAGE_FIX, field);
  }
  return value.map((raw, i) => {
    const at = `${field}[${i}]`;
    if (typeof raw !== "object" || raw === null)
      throw rowError(place, `${at} is not an object`, MESSAGE_FIX, at);
    const m = raw as Record<string, unknown>;
    if (!isRole(m.role)) {
      throw rowError(
        place,
        `${at}.role must be system, user or assistant, got ${JSON.stringify(m.role)}`,
        MESSAGE_FIX,
        `${at}.role`,
      );
    }
    if (typeof m.content !== "string") {
      throw rowError(place, `${at}.content must be a string`, MESSAGE_FIX, `${at}.content`);
    }
    const message: WeightedMessage = { role: m.role, content: m.content };
    if (m.weight !== undefined) {
      if (m.weight !== 0 && m.weight !== 1) {
        throw rowError(
          place,
          `${at}.weight must be 0 or 1, got ${JSON.stringify(m.weight)}`,
          "use weight 0 (skip) or 1 (train)",
          `${at}.weight`,
        );
      }
      if (m.role !== "assistant") {
        throw rowError(
          place,
          `${at}.weight is set on a ${m.role} message`,
          "set weight on assistant messages only",
          `${at}.weight`,
        );
      }
      message.weight = m.weight;
    }
    return message;
  });
}

/** Strips weights: preference prompts and completions carry none. */
export const plain = (messages: readonly WeightedMessage[]): Message[] =>
  messages.map((m) => ({ role: m.role, content: m.content }));

export const sameMessages = (a: readonly Message[], b: readonly Message[]): boolean =>
  a.length === b.length && a.every((m, i) => m.role === b[i]?.role && m.content === b[i]?.content);
