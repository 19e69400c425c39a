import { defineConverter } from "./define-converter.js";

const SEPARATORS = ["-", ".", " ", "_"] as const;

/** Splits every word of four or more letters at a seeded position with a seeded separator (bo-mb). */
export const wordSplitConverter = defineConverter({
  id: "word-split",
  description: "splits each word of 4+ letters in two at a random point (ex-ample; seeded)",
  decodable: false,
  kind: "pure",
  convert: (text, ctx) =>
    text.replace(/[\p{L}\p{M}]{4,}/gu, (word) => {
      const chars = Array.from(word);
      const at = ctx.rng.range(1, chars.length - 1);
      return `${chars.slice(0, at).join("")}${ctx.rng.pick(SEPARATORS)}${chars.slice(at).join("")}`;
    }),
});
