/**
 * Makes untrusted text safe to print on a terminal: ANSI/VT escape sequences, C0/C1 control characters and
 * bidirectional overrides are shown as visible escapes instead of being interpreted. Dataset text is hostile
 * (jailbreak prompts, model outputs) and must not be able to move the cursor, recolour or hide output.
 * With `oneLine`, line breaks and tabs are shown as `\n` and `\t` too.
 */
export function escapeText(text: string, options: { oneLine?: boolean } = {}): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === "\n" || ch === "\t") {
      out += options.oneLine ? (ch === "\n" ? "\\n" : "\\t") : ch;
    } else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      out += `\\x${code.toString(16).padStart(2, "0")}`;
    } else if (
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0x200e ||
      code === 0x200f ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u{${code.toString(16)}}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A data value quoted for an error message: escaped like `escapeText` and cut to `max` characters. */
export function quoted(value: string, max = 80): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${escapeText(cut, { oneLine: true })}"`;
}

// JSON.stringify leaves DEL, C1 controls, bidi overrides and line/paragraph separators raw.
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

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
