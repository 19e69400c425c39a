import { converterRegistry } from "../attacks/index.js";
import { foldLookalikes } from "./confusables.js";

/**
 * Readable forms of a text that an attack converter may have encoded: each inverse of the converters in
 * src/attacks/converters (their own `decode` or `readBack` where they have one; here only the readings that
 * need word knowledge: leetspeak, Pig Latin, word splitting). A decoding is kept only when it reads as words the evaluation texts use (`isWord`) clearly better
 * than the text itself, so ordinary text gains no variants and costs next to nothing: every decoder first
 * checks a cheap sign of its encoding.
 */
export interface DecodedVariant {
  text: string;
  /** The converter whose encoding was undone (`base64`, `rot13`, `caesar:5`, `leetspeak`, ...). */
  via: string;
}

export type IsWord = (word: string) => boolean;

const LETTER_WORDS = /\p{L}{2,}/gu;

/** Share of a text's words of two or more letters that are known words (0 for a text with none). */
export function wordShare(text: string, isWord: IsWord): number {
  const words = text.toLowerCase().match(LETTER_WORDS) ?? [];
  if (words.length === 0) return 0;
  return words.filter(isWord).length / words.length;
}

function registryDecode(id: string, text: string, param?: string): string | undefined {
  try {
    return converterRegistry.get(id).decode?.(text, param);
  } catch {
    return undefined;
  }
}

/** Runs of an encoding inside a longer prompt ("decode this and answer: aG93IGNh..."), each decoded. */
const ENCODED_RUNS: ReadonlyArray<readonly [string, RegExp]> = [
  ["base64", /[A-Za-z0-9+/]{16,}={0,2}/g],
  ["base32", /[A-Z2-7]{16,}={0,6}/g],
  ["hex", /(?:[0-9a-fA-F]{2}[ :]?){8,}/g],
  ["binary", /(?:[01]{8}\s?){4,}/g],
];

const LEET: Readonly<Record<string, string>> = {
  "4": "a",
  "@": "a",
  "8": "b",
  "3": "e",
  "9": "g",
  "6": "g",
  "1": "i",
  "!": "i",
  "|": "l",
  "0": "o",
  "5": "s",
  $: "s",
  "7": "t",
  "+": "t",
  "2": "z",
};

/** Leetspeak read back word by word; `1` is tried as both i and l, and a known word wins. */
function unleet(text: string, isWord: IsWord): string {
  return text.replace(/[\p{L}0-9@$!|+]+/gu, (token) => {
    if (!/[0-9@$!|+]/.test(token) || /^\d+$/.test(token)) return token;
    const plain = Array.from(token, (c) => LEET[c] ?? c).join("");
    if (!token.includes("1") || isWord(plain.toLowerCase())) return plain;
    const withL = Array.from(token, (c) => (c === "1" ? "l" : (LEET[c] ?? c))).join("");
    return isWord(withL.toLowerCase()) ? withL : plain;
  });
}

/** Pig Latin back to English: "ellohay" → "hello", "appleway" → "apple"; a known word wins among readings. */
function unPigLatin(text: string, isWord: IsWord): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    const lower = word.toLowerCase();
    if (!lower.endsWith("ay") || lower.length < 3) return word;
    const core = lower.slice(0, -2);
    // The moved part is the word's leading consonants: the shortest move that gives a word is the likeliest.
    const readings: string[] = [];
    if (core.endsWith("w") && /^[aeiou]/.test(core)) readings.push(core.slice(0, -1));
    const cluster = /[^aeiou]+$/.exec(core)?.[0] ?? "";
    for (let k = 1; k <= cluster.length && k < core.length; k++)
      readings.push(core.slice(core.length - k) + core.slice(0, core.length - k));
    readings.push(core);
    return readings.find(isWord) ?? readings[readings.length > 1 ? 1 : 0] ?? word;
  });
}

/** Words cut in two by a separator (bo-mb, pro cess): joined where the join is a word and a part is not. */
function unsplit(text: string, isWord: IsWord): string {
  const parts = text.split(/([-._ ])/);
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const a = parts[i] as string;
    const b = parts[i + 2];
    if (b !== undefined && /^\p{L}+$/u.test(a) && /^\p{L}+$/u.test(b)) {
      const joined = `${a}${b}`.toLowerCase();
      if (isWord(joined) && !(isWord(a.toLowerCase()) && isWord(b.toLowerCase()))) {
        parts[i + 2] = `${a}${b}`;
        i++;
        continue;
      }
    }
    out += a;
  }
  return out;
}

/** A non-decodable converter's lower-case reading of its own output (Morse, enclosed letters). */
function registryReadBack(id: string, text: string): string | undefined {
  return converterRegistry.get(id).readBack?.(text);
}

const SEPARATED_LETTERS = /^(?:\S(?: |$))+$/u;

/**
 * Every decoding of `text` that reads better than the text itself. Format decoders (base64, base32, hex,
 * binary, URL, tag characters, Morse, spacing) need their format; letter ciphers (ROT13, Caesar, Atbash,
 * reversal, Pig Latin, leetspeak, word splitting) are kept when they turn a mostly unreadable text into a
 * mostly readable one.
 */
export function decodedVariants(text: string, isWord: IsWord): DecodedVariant[] {
  const out: DecodedVariant[] = [];
  const before = wordShare(text, isWord);
  const keep = (via: string, decoded: string | undefined, gain = 0.25) => {
    if (decoded === undefined || decoded === text) return;
    const after = wordShare(decoded, isWord);
    if (after >= 0.5 && after >= before + gain) out.push({ text: decoded, via });
  };
  if (/[\u200b-\u200d\u2060\ufeff]/.test(text))
    keep("zero-width", text.replace(/[\u200b-\u200d\u2060\ufeff]/g, ""), 0);
  if (/[\u{e0020}-\u{e007e}]/u.test(text)) keep("tag-smuggling", registryDecode("tag-smuggling", text), 0);
  if (/%[0-9a-fA-F]{2}/.test(text)) keep("url", registryDecode("url", text), 0);
  if (SEPARATED_LETTERS.test(text.trim()))
    keep("char-spacing", registryDecode("char-spacing", text.trim()), 0);
  if (/^[\s.\-/]+$/.test(text) && /[.-]/.test(text)) keep("morse", registryReadBack("morse", text), 0);
  if (/[\u24b6-\u24e9\u{1f130}-\u{1f189}]/u.test(text)) keep("emoji", registryReadBack("emoji", text), 0);
  if (/[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(text) && /\p{Script=Latin}/u.test(text))
    keep("homoglyph", foldLookalikes(text), 0.1);
  for (const [id, re] of ENCODED_RUNS) {
    const runs = text.match(re) ?? [];
    const decoded = runs.map((r) => registryDecode(id, r.trim())).filter((d) => d !== undefined);
    if (decoded.length > 0) keep(id, decoded.join("\n"), 0);
  }
  if (before >= 0.85) return out;
  if (/\p{L}[0-9@$!|+]|[0-9@$!|+]\p{L}/u.test(text)) keep("leetspeak", unleet(text, isWord));
  if (/\p{L}[-._ ]\p{L}/u.test(text)) keep("word-split", unsplit(text, isWord), 0.15);
  if (/[a-z]ay\b/i.test(text)) keep("pig-latin", unPigLatin(text, isWord));
  if (before < 0.5 && /[A-Za-z]/.test(text)) {
    keep("reverse", registryDecode("reverse", text));
    keep("atbash", registryDecode("atbash", text));
    let best: DecodedVariant | undefined;
    let bestShare = 0;
    for (let shift = 1; shift < 26; shift++) {
      const decoded = registryDecode("caesar", text, String(shift));
      const share = decoded === undefined ? 0 : wordShare(decoded, isWord);
      if (decoded !== undefined && share > bestShare) {
        best = { text: decoded, via: shift === 13 ? "rot13" : `caesar:${shift}` };
        bestShare = share;
      }
    }
    if (best) keep(best.via, best.text);
  }
  return out;
}
