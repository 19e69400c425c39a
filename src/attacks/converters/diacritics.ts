import { defineConverter } from "./define-converter.js";

/** Combining acute, grave, circumflex, tilde, diaeresis and ring above. */
const MARKS = ["\u0301", "\u0300", "\u0302", "\u0303", "\u0308", "\u030a"] as const;

/** Each ASCII vowel gets a combining accent (seeded): readable to people, different tokens to a model. */
export const diacriticsConverter = defineConverter({
  id: "diacritics",
  description: "a random combining accent on every vowel (á, ì, ö ...; seeded)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) => text.replace(/[aeiouAEIOU]/g, (v) => `${v}${ctx.rng.pick(MARKS)}`),
});
