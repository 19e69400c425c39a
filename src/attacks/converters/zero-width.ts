import { defineConverter } from "./define-converter.js";
import { codePoints, evenCodePoints } from "./text-units.js";

const INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060"] as const;

/**
 * An invisible character (zero-width space, non-joiner, joiner or word joiner, seeded) between every two
 * characters: breaks keyword filters while looking unchanged. Decoding keeps every other code point.
 */
export const zeroWidthConverter = defineConverter({
  id: "zero-width",
  description: "an invisible zero-width character between every two characters (seeded choice)",
  decodable: true,
  kind: "pure",
  convert: (text, ctx) =>
    codePoints(text)
      .map((c, i) => (i === 0 ? c : `${ctx.rng.pick(INVISIBLES)}${c}`))
      .join(""),
  decode: evenCodePoints,
});
