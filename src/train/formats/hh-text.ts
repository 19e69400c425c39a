import type { Message } from "../../core/index.js";
import { type RowPlace, rowError } from "./row-error.js";

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

/** Writes messages as HH-RLHF text; HH has no system role and a turn must not contain a turn marker. */
export function toHhText(messages: readonly Message[], place: RowPlace): string {
  return messages
    .map((m) => {
      if (m.role === "system" || /\n\n(Human|Assistant):/.test(m.content)) {
        throw rowError(
          place,
          m.role === "system" ? "HH-RLHF has no system role" : "a message contains an HH turn marker",
          "convert to openai-dpo or trl instead, or drop the system message",
        );
      }
      return `\n\n${m.role === "user" ? "Human" : "Assistant"}: ${m.content}`;
    })
    .join("");
}
