import { BreakfixError, type Plugin } from "../../core/index.js";

/**
 * A jailbreak template as a plugin: text with placeholders where the request goes. `prompt` templates take
 * the whole request as `{{ prompt }}`; `split` templates take it in two halves, `{{ part1 }}` and
 * `{{ part2 }}` (payload splitting), so no single place in the text holds the whole request.
 */
export interface AttackTemplate extends Plugin {
  /** `template:<name>`: `template:breakfix/role-play`, `template:pyrit/aim`. */
  readonly id: string;
  readonly family: "breakfix" | "pyrit" | "garak-dan" | "user";
  readonly slots: "prompt" | "split";
  readonly text: string;
  readonly source?: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;
const SLOT_NAMES: Record<AttackTemplate["slots"], readonly string[]> = {
  prompt: ["prompt"],
  split: ["part1", "part2"],
};

/** Checks that the text uses exactly its slots' placeholders, so rendering can never leave one unfilled. */
export function defineTemplate(t: AttackTemplate): AttackTemplate {
  const used = new Set([...t.text.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
  const wanted = SLOT_NAMES[t.slots];
  if (!t.id.startsWith("template:") || wanted.some((n) => !used.has(n)) || used.size !== wanted.length) {
    throw new BreakfixError(
      "INTERNAL",
      `template ${t.id}: needs the id prefix "template:" and exactly the placeholders ${wanted.join(", ")}`,
    );
  }
  return t;
}

/** Splits a request near its middle, at a word boundary when there is one. */
export function splitPrompt(prompt: string): [string, string] {
  const middle = Math.floor(prompt.length / 2);
  const spaces = [...prompt.matchAll(/ /g)].map((m) => m.index);
  const at =
    spaces.length === 0
      ? middle
      : spaces.reduce((a, b) => (Math.abs(b - middle) < Math.abs(a - middle) ? b : a));
  return [prompt.slice(0, at), prompt.slice(at)];
}

/**
 * Fills the template in one pass over the template text: the request is inserted with a replacer function,
 * never re-scanned, so placeholders or `$&` patterns inside the request stay literal (no template injection).
 */
export function renderTemplate(t: AttackTemplate, prompt: string): string {
  const [part1, part2] = splitPrompt(prompt);
  const values: Record<string, string> = t.slots === "prompt" ? { prompt } : { part1, part2 };
  return t.text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
