import { defineConverter } from "./define-converter.js";
import { codePoints, evenCodePoints } from "./text-units.js";

/** One space after each character but the last; decoding keeps every other code point, so it is exact. */
export const charSpacingConverter = defineConverter({
  id: "char-spacing",
  description: "a space between every two characters (h e l l o)",
  decodable: true,
  kind: "pure",
  convert: (text) => codePoints(text).join(" "),
  decode: evenCodePoints,
});
