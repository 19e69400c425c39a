// Characters a terminal may act on besides C0 controls: DEL, C1 controls, bidi marks, overrides and isolates,
// line and paragraph separators. The one list: escapeText, escapeJsonText and the CLI's output path use it.
const ACTIVE_ABOVE_C0 = "\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const ESCAPED = new RegExp(`[\\u0000-\\u001f${ACTIVE_ABOVE_C0}]`, "g");
const UNSAFE_FOR_TERMINAL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${ACTIVE_ABOVE_C0}]`);

/**
 * Makes untrusted text safe to print on a terminal: ANSI/VT escape sequences, C0/C1 control characters and
 * bidirectional overrides are shown as visible escapes instead of being interpreted. Dataset text is hostile
 * (jailbreak prompts, model outputs) and must not be able to move the cursor, recolour or hide output.
 * With `oneLine`, line breaks and tabs are shown as `\n` and `\t` too.
 */
export function escapeText(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(ESCAPED, (ch) => {
    if (ch === "\n" || ch === "\t") return options.oneLine ? (ch === "\n" ? "\\n" : "\\t") : ch;
    const code = ch.codePointAt(0) as number;
    return code < 0xa0 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}

/** Whether `escapeText` (without `oneLine`) would change the text: it holds something a terminal acts on. */
export function hasTerminalControls(text: string): boolean {
  return UNSAFE_FOR_TERMINAL.test(text);
}

/** A data value quoted for an error message: escaped like `escapeText` and cut to `max` characters. */
export function quoted(value: string, max = 80): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${escapeText(cut, { oneLine: true })}"`;
}

// JSON.stringify escapes C0 controls but leaves the rest raw.
const JSON_UNSAFE = new RegExp(`[${ACTIVE_ABOVE_C0}]`, "g");

/**
 * JSON text with every character a terminal could act on written as a `\uXXXX` escape: the same value
 * after parsing, but safe to print (JSON.stringify already escapes C0 controls).
 */
export function escapeJsonText(json: string): string {
  return json.replace(
    JSON_UNSAFE,
    (ch) => `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, "0")}`,
  );
}
