import { defineConverter } from "./define-converter.js";

/** First code points of the circled (Ⓐ), negative circled (🅐), squared (🄰) and negative squared (🅰) Latin capitals. */
const ALPHABETS = [0x24b6, 0x1f150, 0x1f130, 0x1f170] as const;

/** What `readBack` reads: the four alphabets above and the circled small letters (ⓐ) written by hand. */
const READABLE = [...ALPHABETS, 0x24d0] as const;

/** Each ASCII letter becomes an emoji-style enclosed capital from a seeded choice of four alphabets. */
export const emojiLettersConverter = defineConverter({
  id: "emoji",
  description: "letters as emoji-style enclosed capitals (Ⓐ 🅐 🄰 🅰; seeded choice per letter)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) =>
    text.replace(/[A-Za-z]/g, (c) =>
      String.fromCodePoint(ctx.rng.pick(ALPHABETS) + (c.toUpperCase().charCodeAt(0) - 65)),
    ),
  readBack: (text) =>
    Array.from(text, (c) => {
      const cp = c.codePointAt(0) as number;
      const base = READABLE.find((b) => cp >= b && cp < b + 26);
      return base === undefined ? c : String.fromCharCode(97 + cp - base);
    }).join(""),
});
