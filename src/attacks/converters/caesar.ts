import { defineConverter } from "./define-converter.js";
import { isInteger, mapAsciiLetters } from "./text-units.js";

const shiftOf = (param: string | undefined): number => ((Number(param ?? "3") % 26) + 26) % 26;

/** Shifts ASCII letters; `caesar:<n>` picks the shift (default 3). Other characters pass through. */
export const caesarConverter = defineConverter({
  id: "caesar",
  description: "Caesar cipher on ASCII letters: caesar:<shift> (default 3, negative shifts allowed)",
  decodable: true,
  kind: "pure",
  parameter: { name: "shift", default: "3", example: "7", check: isInteger },
  convert: (text, ctx) => mapAsciiLetters(text, (offset) => (offset + shiftOf(ctx.param)) % 26),
  decode: (text, param) => mapAsciiLetters(text, (offset) => (offset + 26 - shiftOf(param)) % 26),
});
