import type { Message } from "../core/index.js";
import { type RowPlace, rowError } from "../datasets/index.js";

const TURN = /\n\n(Human|Assistant): ?/g;

/** Parses Anthropic HH-RLHF text (`\n\nHuman: ...\n\nAssistant: ...`) into chat messages. */
export function parseHhText(text: string, place: RowPlace, field: string): Message[] {
  if (!text.startsWith("\n\nHuman:")) {
    throw rowError(
      place,
      `${field} does not start with "\\n\\nHuman:"`,
      "write HH-RLHF turns as \\n\\nHuman: ... \\n\\nAssistant: ...",
      field,
    );
  }
  const messages: Message[] = [];
  const marks = [...text.matchAll(TURN)];
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    messages.push({ role: m[1] === "Human" ? "user" : "assistant", content: text.slice(start, end).trim() });
  });
  return messages;
}

/**
 * Writes messages as HH-RLHF text. HH has no system role, so a system message is folded into the next
 * Human turn (its text, a blank line, then the user's text); reading the result back gives that user turn
 * with the system text in front. A turn must not contain a turn marker.
 */
export function toHhText(messages: readonly Message[], place: RowPlace): string {
  const turns: Message[] = [];
  let pendingSystem: string[] = [];
  for (const m of messages) {
    if (/\n\n(Human|Assistant):/.test(m.content)) {
      throw rowError(
        place,
        "a message contains an HH turn marker",
        "convert to openai-dpo or trl instead, or remove the marker",
      );
    }
    if (m.role === "system") {
      pendingSystem.push(m.content);
      continue;
    }
    if (m.role === "user" && pendingSystem.length > 0) {
      turns.push({ role: "user", content: [...pendingSystem, m.content].join("\n\n") });
      pendingSystem = [];
    } else turns.push(m);
  }
  if (pendingSystem.length > 0) {
    throw rowError(
      place,
      "a system message has no user turn after it to fold into (HH-RLHF has no system role)",
      "convert to openai-dpo or trl instead, or drop the system message",
    );
  }
  return turns.map((m) => `\n\n${m.role === "user" ? "Human" : "Assistant"}: ${m.content}`).join("");
}
