import type { Message } from "../core/index.js";
import { parseMessages, plain, type RowPlace, rowError } from "../datasets/index.js";
import { checkPair } from "./preference-pair.js";
import type { PreferencePair, SftExample, WeightedMessage } from "./types.js";

type Row = Record<string, unknown>;

/** A prompt given as plain text (one user turn) or as a conversation ending in the user's turn. */
function promptOf(value: unknown, place: RowPlace): Message[] {
  if (typeof value === "string") {
    if (value.trim() === "") throw rowError(place, "prompt is empty", "give the user's request", "prompt");
    return [{ role: "user", content: value }];
  }
  const messages = plain(parseMessages(value, place, "prompt"));
  if (messages.at(-1)?.role !== "user") {
    throw rowError(
      place,
      "prompt must end with the user's turn",
      "end the prompt with the user message",
      "prompt",
    );
  }
  return messages;
}

/** A completion given as plain text (one assistant turn) or as assistant messages. */
function completionOf(value: unknown, place: RowPlace, field: string): WeightedMessage[] {
  if (typeof value === "string") {
    if (value.trim() === "") throw rowError(place, `${field} is empty`, `give ${field} a reply`, field);
    return [{ role: "assistant", content: value }];
  }
  const messages = parseMessages(value, place, field);
  const bad = messages.findIndex((m) => m.role !== "assistant");
  if (bad >= 0) {
    throw rowError(
      place,
      `${field}[${bad}] is a ${messages[bad]?.role} message; a completion holds assistant turns only`,
      "move the conversation into prompt",
      field,
    );
  }
  return messages;
}

/**
 * TRL prompt-completion SFT (`{prompt, completion}`, strings or message lists) as a chat conversation:
 * plain strings become one user and one assistant turn (TRL trains plain strings as raw continuation; the
 * engine always uses its chat template).
 */
export function parsePromptCompletionRow(row: Row, place: RowPlace): SftExample {
  return { messages: [...promptOf(row.prompt, place), ...completionOf(row.completion, place, "completion")] };
}

/**
 * PKU-SafeRLHF: two responses with safety labels and two rankings. For safety training the chosen side is
 * the safer response (`safer_response_id`), not the more helpful one (`better_response_id`).
 */
export function parsePkuRow(row: Row, place: RowPlace): PreferencePair {
  const id = row.safer_response_id;
  if (id !== 0 && id !== 1) {
    throw rowError(
      place,
      `safer_response_id must be 0 or 1, got ${JSON.stringify(id)}`,
      "give PKU-SafeRLHF rows prompt, response_0, response_1 and safer_response_id",
      "safer_response_id",
    );
  }
  const responses = [
    completionOf(row.response_0, place, "response_0"),
    completionOf(row.response_1, place, "response_1"),
  ] as const;
  return checkPair(
    {
      prompt: promptOf(row.prompt, place),
      chosen: plain(responses[id]),
      rejected: plain(responses[id === 0 ? 1 : 0]),
    },
    place,
  );
}

export interface KtoRow {
  line: number;
  prompt: Message[];
  completion: Message[];
  desirable: boolean;
}

export function parseKtoRow(row: Row, place: RowPlace): KtoRow {
  if (typeof row.label !== "boolean") {
    throw rowError(
      place,
      `label must be true or false, got ${JSON.stringify(row.label)}`,
      "KTO rows are {prompt, completion, label: true|false}",
      "label",
    );
  }
  return {
    line: place.line,
    prompt: promptOf(row.prompt, place),
    completion: plain(completionOf(row.completion, place, "completion")),
    desirable: row.label,
  };
}

/**
 * KTO's unpaired labels as DPO pairs: rows are grouped by prompt, and each prompt with d desirable and u
 * undesirable completions gives max(d, u) pairs, cycling through the shorter side, so every completion is
 * used at least once and no prompt weighs d × u times. Rows whose prompt has completions of one label only
 * cannot pair: their lines are returned so the caller reports them.
 */
export function pairKtoRows(
  rows: readonly KtoRow[],
  file: string,
): {
  pairs: PreferencePair[];
  unpairedLines: number[];
} {
  const groups = new Map<string, KtoRow[]>();
  for (const r of rows) {
    const key = JSON.stringify(r.prompt);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const pairs: PreferencePair[] = [];
  const unpairedLines: number[] = [];
  for (const group of groups.values()) {
    const good = group.filter((r) => r.desirable);
    const bad = group.filter((r) => !r.desirable);
    if (good.length === 0 || bad.length === 0) {
      unpairedLines.push(...group.map((r) => r.line));
      continue;
    }
    for (let i = 0; i < Math.max(good.length, bad.length); i++) {
      const c = good[i % good.length] as KtoRow;
      const r = bad[i % bad.length] as KtoRow;
      pairs.push(
        checkPair({ prompt: c.prompt, chosen: c.completion, rejected: r.completion }, { file, line: r.line }),
      );
    }
  }
  return { pairs, unpairedLines: unpairedLines.sort((a, b) => a - b) };
}

/**
 * TRL's standard implicit-prompt rows (`{chosen, rejected}` as plain text, not HH): the shared leading
 * text is the prompt. Unlike TRL, which may cut inside a word, the split falls on the last whitespace of
 * the shared text, so the prompt ends on whole words.
 */
export function splitPlainImplicitPrompt(chosen: string, rejected: string, place: RowPlace): PreferencePair {
  let shared = 0;
  while (shared < Math.min(chosen.length, rejected.length) && chosen[shared] === rejected[shared]) shared++;
  const cut = chosen.slice(0, shared).search(/\s\S*$/);
  const end = shared === chosen.length || shared === rejected.length ? shared : cut;
  const prompt = end > 0 ? chosen.slice(0, end).trim() : "";
  if (prompt === "") {
    throw rowError(
      place,
      "chosen and rejected share no leading text to take as the prompt",
      'add a "prompt" field (TRL explicit prompt) or write HH-RLHF text',
    );
  }
  const answers = [chosen.slice(end).trim(), rejected.slice(end).trim()] as const;
  if (answers.includes("")) {
    throw rowError(
      place,
      "one side is the other's beginning, so it has no answer after the shared prompt",
      'add a "prompt" field and give both answers',
    );
  }
  return checkPair(
    {
      prompt: [{ role: "user", content: prompt }],
      chosen: [{ role: "assistant", content: answers[0] }],
      rejected: [{ role: "assistant", content: answers[1] }],
    },
    place,
  );
}
