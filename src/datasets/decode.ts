import { BreakfixError } from "../core/index.js";

export type TextEncoding = "utf8" | "macroman";

/** Mac Roman bytes 0x80–0xFF, in order (Apple's MAC ROMAN mapping, with 0xDB as the euro sign). */
const MAC_ROMAN_HIGH =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

export function decodeMacRoman(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : (MAC_ROMAN_HIGH[b - 0x80] as string);
  return out;
}

/**
 * Decodes a data file to text. UTF-8 is decoded strictly (a Latin-1 or Mac Roman file is an error naming the
 * line, not silent mojibake) and a leading byte-order mark is dropped (MultiJail starts with one).
 */
export function decodeText(bytes: Uint8Array, file: string, encoding: TextEncoding = "utf8"): string {
  if (encoding === "macroman") return decodeMacRoman(bytes);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body[0] === 0xff && body[1] === 0xfe) throw utf16Error(file);
  if (body[0] === 0xfe && body[1] === 0xff) throw utf16Error(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    const offset = firstInvalidUtf8(body);
    const line = countLines(body, offset);
    const byte = body[offset]?.toString(16).padStart(2, "0") ?? "??";
    throw new BreakfixError("DATA_INVALID", `not valid UTF-8 (byte 0x${byte} at offset ${offset + start})`, {
      location: { file, line },
      fix: "re-save the file as UTF-8; if it is Mac Roman (like JBB's judge-comparison.csv), convert it or load it with encoding macroman",
    });
  }
}

function utf16Error(file: string): BreakfixError {
  return new BreakfixError("DATA_INVALID", "file is UTF-16 (it starts with a UTF-16 byte-order mark)", {
    location: { file, line: 1 },
    fix: "re-save the file as UTF-8",
  });
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
