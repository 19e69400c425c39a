import { decodeError } from "./define-converter.js";

/** Code points, so that emoji and other astral characters are never split into lone surrogates. */
export const codePoints = (text: string): string[] => Array.from(text);

export const utf8Bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Strict UTF-8 decoding: invalid bytes are an error rather than U+FFFD. */
export function utf8Text(bytes: Uint8Array, converter: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw decodeError(converter, "the bytes are not valid UTF-8");
  }
}

/** Keeps every other code point, starting with the first: inverts "insert one unit after each character". */
export function evenCodePoints(text: string): string {
  return codePoints(text)
    .filter((_, i) => i % 2 === 0)
    .join("");
}

/** Applies `fn` to each ASCII letter with its alphabet base (65 or 97); other characters pass through. */
export function mapAsciiLetters(text: string, fn: (offset: number, base: number) => number): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const code = c.charCodeAt(0);
    const base = code >= 97 ? 97 : 65;
    return String.fromCharCode(base + fn(code - base, base));
  });
}

export const isInteger = (value: string): string | undefined =>
  /^-?\d{1,4}$/.test(value) ? undefined : "expected an integer such as 3 or -5";
