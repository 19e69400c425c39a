import { defineConverter } from "./define-converter.js";
import { codePoints } from "./text-units.js";

const reverse = (text: string): string => codePoints(text).reverse().join("");

export const reverseConverter = defineConverter({
  id: "reverse",
  description: "the text backwards, by code point (emoji stay whole)",
  decodable: true,
  kind: "pure",
  convert: reverse,
  decode: reverse,
});
