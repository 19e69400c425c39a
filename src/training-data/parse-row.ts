import { parseMessages, plain, type RowPlace, rowError } from "../datasets/index.js";
import { parseHhText } from "./hh-text.js";
import { parsePkuRow, parsePromptCompletionRow, splitPlainImplicitPrompt } from "./input-only-formats.js";
import { checkPair, splitSharedPrompt } from "./preference-pair.js";
import type { InputFormat, PreferencePair, SftExample } from "./types.js";

type Row = Record<string, unknown>;

/** Recognises a row's format from its keys (the first row of a file decides for `--format auto`). */
export function detectFormat(row: Row, place: RowPlace): InputFormat {
  if ("input" in row && "preferred_output" in row) return "openai-dpo";
  if ("messages" in row) return "openai";
  if ("chosen" in row && "rejected" in row) {
    if ("prompt" in row || Array.isArray(row.chosen)) return "trl";
    // Prompt-less plain text is TRL's implicit prompt unless either side looks like HH-RLHF turns.
    const plainText = (v: unknown) => typeof v === "string" && !/^\s*Human:|\n\nAssistant:/.test(v);
    return plainText(row.chosen) && plainText(row.rejected) ? "trl" : "hh";
  }
  if ("response_0" in row && "response_1" in row && "safer_response_id" in row) return "pku-saferlhf";
  if ("prompt" in row && "completion" in row) return "label" in row ? "kto" : "prompt-completion";
  throw rowError(
    place,
    `cannot tell the format from the keys ${JSON.stringify(Object.keys(row))}`,
    "use OpenAI chat {messages}, OpenAI DPO {input, preferred_output, non_preferred_output}, TRL {prompt?, chosen, rejected} or {prompt, completion}, KTO {prompt, completion, label}, PKU-SafeRLHF {prompt, response_0, response_1, safer_response_id} or HH-RLHF {chosen, rejected}, or pass --format",
  );
}

export function parseSftRow(
  row: Row,
  place: RowPlace,
  format: "openai" | "prompt-completion" = "openai",
): SftExample {
  const messages =
    format === "openai"
      ? parseMessages(row.messages, place, "messages")
      : parsePromptCompletionRow(row, place).messages;
  if (!messages.some((m) => m.role === "assistant" && m.weight !== 0)) {
    throw rowError(
      place,
      "no assistant message to train on",
      "add an assistant reply with weight 1 (or no weight)",
      "messages",
    );
  }
  return { messages };
}

export function parsePreferenceRow(
  row: Row,
  format: "openai-dpo" | "trl" | "hh" | "pku-saferlhf",
  place: RowPlace,
): PreferencePair {
  if (format === "pku-saferlhf") return parsePkuRow(row, place);
  if (format === "openai-dpo") {
    const input = row.input as Row | undefined;
    if (typeof input !== "object" || input === null) {
      throw rowError(
        place,
        "input must be an object with messages",
        'write "input": {"messages": [...]}',
        "input",
      );
    }
    return checkPair(
      {
        prompt: plain(parseMessages(input.messages, place, "input.messages")),
        chosen: plain(parseMessages(row.preferred_output, place, "preferred_output")),
        rejected: plain(parseMessages(row.non_preferred_output, place, "non_preferred_output")),
      },
      place,
    );
  }
  if (format === "hh") {
    for (const side of ["chosen", "rejected"] as const) {
      if (typeof row[side] !== "string") {
        throw rowError(
          place,
          `${side} must be HH-RLHF text`,
          "write chosen and rejected as \\n\\nHuman: ...\\n\\nAssistant: ... strings",
          side,
        );
      }
    }
    return splitSharedPrompt(
      parseHhText(row.chosen as string, place, "chosen"),
      parseHhText(row.rejected as string, place, "rejected"),
      place,
    );
  }
  return parseTrlRow(row, place);
}

/** TRL: conversational ({prompt?, chosen, rejected} as messages) or standard (plain strings). */
function parseTrlRow(row: Row, place: RowPlace): PreferencePair {
  const { prompt, chosen, rejected } = row;
  if (typeof chosen === "string" || typeof rejected === "string") {
    if (prompt === undefined && typeof chosen === "string" && typeof rejected === "string") {
      return splitPlainImplicitPrompt(chosen, rejected, place);
    }
    if (typeof prompt !== "string" || typeof chosen !== "string" || typeof rejected !== "string") {
      throw rowError(
        place,
        "plain-string TRL rows need prompt, chosen and rejected all as strings",
        "give all three as strings, or all as message lists",
      );
    }
    return checkPair(
      {
        prompt: [{ role: "user", content: prompt }],
        chosen: [{ role: "assistant", content: chosen }],
        rejected: [{ role: "assistant", content: rejected }],
      },
      place,
    );
  }
  const c = plain(parseMessages(chosen, place, "chosen"));
  const r = plain(parseMessages(rejected, place, "rejected"));
  if (prompt === undefined) return splitSharedPrompt(c, r, place);
  return checkPair({ prompt: plain(parseMessages(prompt, place, "prompt")), chosen: c, rejected: r }, place);
}
