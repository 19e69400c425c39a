import { decodeError, defineConverter } from "./define-converter.js";
import { utf8Bytes, utf8Text } from "./text-units.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32: 5 bytes → 8 symbols, `=`-padded. */
function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, "=");
}

function decodeBase32(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "").replace(/=+$/, "").toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const symbol of clean) {
    const value = ALPHABET.indexOf(symbol);
    if (value < 0) throw decodeError("base32", `"${symbol}" is not a base32 symbol`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

export const base32Converter = defineConverter({
  id: "base32",
  description: "UTF-8 bytes as RFC 4648 base32 (A–Z, 2–7, padded)",
  decodable: true,
  kind: "pure",
  convert: (text) => encodeBase32(utf8Bytes(text)),
  decode: (text) => utf8Text(decodeBase32(text), "base32"),
});
