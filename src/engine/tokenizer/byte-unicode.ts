/**
 * GPT-2's reversible byte → printable-character mapping: every byte gets a visible Unicode character so a
 * byte-level token can be written as a plain string in `tokenizer.json` and GGUF (space becomes "Ġ",
 * newline "Ċ"). Printable Latin-1 bytes map to themselves; the rest go to U+0100 onwards in byte order.
 */
function buildByteToChar(): string[] {
  const keep = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = new Array(256);
  let next = 256;
  for (let b = 0; b < 256; b++) out[b] = String.fromCharCode(keep(b) ? b : next++);
  return out;
}

export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

const CHAR_TO_BYTE = new Map<string, number>(BYTE_TO_CHAR.map((c, b) => [c, b]));

/** Bytes → the token's string form. */
export function bytesToTokenString(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += BYTE_TO_CHAR[b];
  return s;
}

/** A token's string form → its bytes; undefined when a character is outside the byte alphabet. */
export function tokenStringToBytes(token: string): Uint8Array | undefined {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_TO_BYTE.get(token[i] as string);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
